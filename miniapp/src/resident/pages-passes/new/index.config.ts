export default definePageConfig({ navigationBarTitleText: '新建访客通行证' });
