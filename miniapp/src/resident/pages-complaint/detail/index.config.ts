export default definePageConfig({ navigationBarTitleText: '投诉建议详情', enablePullDownRefresh: true });
