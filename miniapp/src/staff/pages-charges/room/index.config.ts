export default definePageConfig({ navigationBarTitleText: '房屋收费' });
