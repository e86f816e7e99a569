export default definePageConfig({ navigationBarTitleText: '通行规则' });
