export default definePageConfig({ navigationBarTitleText: '通行证', enablePullDownRefresh: true });
