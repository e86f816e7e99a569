export default definePageConfig({ navigationBarTitleText: '书面通知' });
