export default definePageConfig({ navigationBarTitleText: '访谈详情' });
