export default definePageConfig({ navigationBarTitleText: '抄表录入' });
