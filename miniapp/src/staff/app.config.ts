export default defineAppConfig({
  // Main package: the tab pages only. Features live in subpackages per area.
  pages: ['pages/workbench/index', 'pages/me/index'],
  subPackages: [
    { root: 'pages-auth', pages: ['login/index', 'password/index'] },
    { root: 'pages-org', pages: ['bindings/index', 'residents/index', 'duty-phones/index'] },
    { root: 'pages-repair', pages: ['inbox/index', 'intake/index', 'detail/index'] },
    { root: 'pages-complaint', pages: ['inbox/index', 'intake/index', 'detail/index', 'notice/index', 'reports/index', 'calendar/index'] },
    { root: 'pages-notify', pages: ['inbox/index', 'duty/index', 'channels/index'] },
    { root: 'pages-notice', pages: ['list/index', 'edit/index', 'detail/index'] },
    { root: 'pages-fees', pages: ['items/index', 'edit/index', 'runs/index'] },
    { root: 'pages-meter', pages: ['entry/index', 'review/index', 'import/index'] },
    { root: 'pages-charges', pages: ['room/index', 'contracts/index', 'charge/index', 'request/index', 'approvals/index'] },
    { root: 'pages-cashier', pages: ['index/index', 'receipt/index', 'close/index', 'reversal/index'] },
    { root: 'pages-ledger', pages: ['statement/index', 'arrears/index', 'rooms/index'] },
    { root: 'pages-pay', pages: ['recon/index', 'refunds/index'] },
    { root: 'pages-places', pages: ['communities/index', 'tree/index', 'import/index'] },
    { root: 'pages-admin', pages: ['staff/index', 'staff-edit/index', 'prices/index'] },
    { root: 'pages-income', pages: ['list/index', 'edit/index'] },
    {
      root: 'pages-passes',
      pages: ['scan/index', 'detail/index', 'permits/index', 'permit/index', 'policy/index', 'parking/index', 'plate/index', 'items/index'],
    },
    { root: 'pages-survey', pages: ['list/index', 'edit/index', 'results/index'] },
    { root: 'pages-visits', pages: ['tasks/index', 'visits/index', 'visit/index', 'coverage/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '邻里 · 员工端',
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
      { pagePath: 'pages/workbench/index', text: '工作台', iconPath: 'assets/tab/workbench.png', selectedIconPath: 'assets/tab/workbench-active.png' },
      { pagePath: 'pages/me/index', text: '我的', iconPath: 'assets/tab/me.png', selectedIconPath: 'assets/tab/me-active.png' },
    ],
  },
});
