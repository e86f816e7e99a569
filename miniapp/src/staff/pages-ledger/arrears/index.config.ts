export default definePageConfig({ navigationBarTitleText: '欠费统计' });
