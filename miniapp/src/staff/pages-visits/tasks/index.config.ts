export default definePageConfig({ navigationBarTitleText: '新住户回访' });
