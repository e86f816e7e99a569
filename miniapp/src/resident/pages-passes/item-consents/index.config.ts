export default definePageConfig({ navigationBarTitleText: '放行申请确认' });
