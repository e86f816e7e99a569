export default definePageConfig({ navigationBarTitleText: '退款异常' });
