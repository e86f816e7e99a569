export default definePageConfig({ navigationBarTitleText: '大件物品放行' });
