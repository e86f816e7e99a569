export default definePageConfig({ navigationBarTitleText: '异常读数审核' });
