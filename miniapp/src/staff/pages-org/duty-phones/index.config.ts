export default definePageConfig({ navigationBarTitleText: '小区值班电话' });
