export default definePageConfig({ navigationBarTitleText: '装修审核' });
