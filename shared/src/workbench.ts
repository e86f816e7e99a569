import type { Role } from './roles';

/**
 * The staff workbench: which modules each role sees. `ready: false` marks a module whose feature
 * lands with a later issue; the app shows it greyed with "即将上线".
 */
export interface WorkbenchModule {
  key: string;
  label: string;
  roles: Role[];
  ready: boolean;
  /** page path inside the staff app, when ready */
  path?: string;
}

export const WORKBENCH_MODULES: WorkbenchModule[] = [
  { key: 'bindings', label: '房屋绑定审核', roles: ['supervisor', 'manager', 'admin'], ready: true, path: '/pages-org/bindings/index' },
  { key: 'residents', label: '住户查询', roles: ['agent', 'supervisor', 'manager', 'admin'], ready: true, path: '/pages-org/residents/index' },
  { key: 'repairs', label: '报修工单', roles: ['agent', 'supervisor', 'technician', 'manager', 'admin'], ready: true, path: '/pages-repair/inbox/index' },
  { key: 'complaints', label: '投诉建议', roles: ['agent', 'supervisor', 'manager', 'admin'], ready: true, path: '/pages-complaint/inbox/index' },
  { key: 'complaint-reports', label: '投诉公示与汇总', roles: ['manager', 'admin'], ready: true, path: '/pages-complaint/reports/index' },
  { key: 'calendar', label: '工作日历', roles: ['admin'], ready: true, path: '/pages-complaint/calendar/index' },
  {
    key: 'notifications',
    label: '消息通知',
    roles: ['agent', 'supervisor', 'technician', 'guard', 'cashier', 'manager', 'admin'],
    ready: true,
    path: '/pages-notify/inbox/index',
  },
  { key: 'notify-channels', label: '通知渠道设置', roles: ['manager', 'admin'], ready: true, path: '/pages-notify/channels/index' },
  { key: 'duty', label: '值班交接', roles: ['agent', 'supervisor', 'technician', 'guard', 'manager'], ready: true, path: '/pages-notify/duty/index' },
  { key: 'passes', label: '通行证核验', roles: ['guard', 'supervisor', 'manager'], ready: false },
  { key: 'fees', label: '收费管理', roles: ['cashier', 'manager', 'admin'], ready: false },
  { key: 'org', label: '小区与房屋', roles: ['admin'], ready: true, path: '/pages-places/communities/index' },
];

export function modulesFor(roles: readonly Role[]): WorkbenchModule[] {
  return WORKBENCH_MODULES.filter((m) => m.roles.some((r) => roles.includes(r)));
}
