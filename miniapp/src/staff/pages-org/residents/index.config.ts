export default definePageConfig({ navigationBarTitleText: '住户查询' });
