export default definePageConfig({ navigationBarTitleText: '月度对账' });
