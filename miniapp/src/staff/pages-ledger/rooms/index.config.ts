export default definePageConfig({ navigationBarTitleText: '欠费房屋' });
