export default definePageConfig({ navigationBarTitleText: '租户绑定确认' });
