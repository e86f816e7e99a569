export default definePageConfig({ navigationBarTitleText: '定额签约' });
