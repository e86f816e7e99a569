export default definePageConfig({ navigationBarTitleText: '装修申请详情' });
