export default definePageConfig({ navigationBarTitleText: '通行证核验' });
