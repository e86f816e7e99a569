export default definePageConfig({ navigationBarTitleText: '车牌查询' });
