export default definePageConfig({ navigationBarTitleText: '停车证审核' });
