export default definePageConfig({ navigationBarTitleText: '日结' });
