export default defineAppConfig({
  // Main package: the tab pages only. Features live in subpackages.
  pages: ['pages/index/index', 'pages/services/index', 'pages/me/index'],
  subPackages: [
    { root: 'pages-auth', pages: ['login/index'] },
    { root: 'pages-room', pages: ['bind/index', 'consents/index'] },
    { root: 'pages-repair', pages: ['new/index', 'list/index', 'detail/index'] },
    { root: 'pages-complaint', pages: ['new/index', 'list/index', 'detail/index'] },
    { root: 'pages-notify', pages: ['inbox/index'] },
    { root: 'pages-notice', pages: ['list/index', 'detail/index'] },
    { root: 'pages-fees', pages: ['prices/index', 'bills/index', 'income/index', 'receipt/index'] },
    {
      root: 'pages-passes',
      pages: [
        'index/index',
        'new/index',
        'detail/index',
        'visit/index',
        'permits/index',
        'permit-apply/index',
        'permit/index',
        'parking-apply/index',
        'item-apply/index',
        'item-consents/index',
      ],
    },
    { root: 'pages-survey', pages: ['list/index', 'answer/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '邻里',
    navigationBarTextStyle: 'black',
    // the H5 build shows its own title bar with a back button only with this set ('default' is the weapp default anyway)
    navigationStyle: 'default',
    backgroundColor: '#f5f6f7',
  },
  tabBar: {
    color: '#8a8a8a',
    selectedColor: '#13a07a',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '首页', iconPath: 'assets/tab/home.png', selectedIconPath: 'assets/tab/home-active.png' },
      { pagePath: 'pages/services/index', text: '服务', iconPath: 'assets/tab/services.png', selectedIconPath: 'assets/tab/services-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
  // getPhoneNumber needs no declaration; wx.login none either.
});
