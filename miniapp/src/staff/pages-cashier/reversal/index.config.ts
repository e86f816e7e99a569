export default definePageConfig({ navigationBarTitleText: '作废 / 退款申请' });
