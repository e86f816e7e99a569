export default definePageConfig({ navigationBarTitleText: '申请减免 / 缓交' });
