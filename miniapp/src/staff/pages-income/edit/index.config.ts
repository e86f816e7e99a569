export default definePageConfig({ navigationBarTitleText: '录入公共收益' });
