export default definePageConfig({ navigationBarTitleText: '大件放行审核' });
