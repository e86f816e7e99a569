export default definePageConfig({ navigationBarTitleText: '客户访谈' });
