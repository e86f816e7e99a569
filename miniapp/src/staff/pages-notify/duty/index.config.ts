export default definePageConfig({ navigationBarTitleText: '值班交接', enablePullDownRefresh: true });
