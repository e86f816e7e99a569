export default definePageConfig({ navigationBarTitleText: '申请装修' });
