export default definePageConfig({ navigationBarTitleText: '访客通行证' });
