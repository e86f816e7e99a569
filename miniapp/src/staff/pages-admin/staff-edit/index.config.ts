export default definePageConfig({ navigationBarTitleText: '员工资料' });
