export default definePageConfig({ navigationBarTitleText: '通知渠道设置' });
