export default definePageConfig({ navigationBarTitleText: '热线登记' });
