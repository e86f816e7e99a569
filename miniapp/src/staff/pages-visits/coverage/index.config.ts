export default definePageConfig({ navigationBarTitleText: '访谈计划与覆盖' });
