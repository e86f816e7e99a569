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
  { key: 'passes', label: '通行证核验', roles: ['guard', 'supervisor', 'manager'], ready: true, path: '/pages-passes/scan/index' },
  { key: 'permits', label: '装修审核', roles: ['agent', 'supervisor', 'manager', 'admin'], ready: true, path: '/pages-passes/permits/index' },
  { key: 'pass-policy', label: '通行规则', roles: ['manager', 'admin'], ready: true, path: '/pages-passes/policy/index' },
  { key: 'plate-lookup', label: '车牌查询', roles: ['guard', 'supervisor', 'manager'], ready: true, path: '/pages-passes/plate/index' },
  { key: 'parking-review', label: '停车证审核', roles: ['agent', 'supervisor', 'manager'], ready: true, path: '/pages-passes/parking/index' },
  { key: 'item-review', label: '大件放行审核', roles: ['agent', 'supervisor', 'manager'], ready: true, path: '/pages-passes/items/index' },
  { key: 'fee-items', label: '收费项目', roles: ['agent', 'supervisor', 'cashier', 'manager', 'admin'], ready: true, path: '/pages-fees/items/index' },
  { key: 'bill-runs', label: '出账', roles: ['cashier', 'manager', 'admin'], ready: true, path: '/pages-fees/runs/index' },
  { key: 'meters', label: '抄表', roles: ['technician', 'supervisor', 'manager', 'admin'], ready: true, path: '/pages-meter/entry/index' },
  { key: 'fee-charges', label: '房屋收费登记', roles: ['agent', 'cashier', 'manager', 'admin'], ready: true, path: '/pages-charges/room/index' },
  { key: 'fee-approvals', label: '减免审批', roles: ['manager', 'admin'], ready: true, path: '/pages-charges/approvals/index' },
  { key: 'fees', label: '收费管理', roles: ['cashier', 'manager', 'admin'], ready: true, path: '/pages-cashier/index/index' },
  { key: 'public-income', label: '公共收益公示', roles: ['cashier', 'manager', 'admin'], ready: true, path: '/pages-income/list/index' },
  { key: 'fee-statement', label: '月度对账', roles: ['cashier', 'manager', 'admin'], ready: true, path: '/pages-ledger/statement/index' },
  { key: 'pay-recon', label: '微信支付对账', roles: ['manager', 'admin'], ready: true, path: '/pages-pay/recon/index' },
  { key: 'arrears', label: '欠费统计', roles: ['cashier', 'manager', 'admin'], ready: true, path: '/pages-ledger/arrears/index' },
  { key: 'org', label: '小区与房屋', roles: ['admin'], ready: true, path: '/pages-places/communities/index' },
  { key: 'surveys', label: '问卷调查', roles: ['agent', 'supervisor', 'manager', 'admin'], ready: true, path: '/pages-survey/list/index' },
  { key: 'new-resident-visits', label: '新住户回访', roles: ['agent', 'supervisor', 'manager'], ready: true, path: '/pages-visits/tasks/index' },
  { key: 'customer-visits', label: '客户访谈', roles: ['agent', 'supervisor', 'manager'], ready: true, path: '/pages-visits/visits/index' },
  { key: 'visit-coverage', label: '访谈计划与覆盖', roles: ['supervisor', 'manager'], ready: true, path: '/pages-visits/coverage/index' },
  { key: 'notices', label: '通知公告', roles: ['agent', 'supervisor', 'manager'], ready: true, path: '/pages-notice/list/index' },
];

export function modulesFor(roles: readonly Role[]): WorkbenchModule[] {
  return WORKBENCH_MODULES.filter((m) => m.roles.some((r) => roles.includes(r)));
}

/** The to-do counts on the workbench tiles. */
export type WorkbenchCountKey = 'toAccept' | 'toDispatch' | 'overdue' | 'toReturnVisit' | 'toApprove';
export const WORKBENCH_COUNT_LABELS: Record<WorkbenchCountKey, string> = {
  toAccept: '待受理',
  toDispatch: '待派单',
  overdue: '已超时',
  toReturnVisit: '待回访',
  toApprove: '待审批',
};
/** GET /api/staff/workbench/counts: per tile (module key), the counts of the caller's communities their roles act on. */
export interface WorkbenchCounts {
  tiles: Partial<Record<'repairs' | 'complaints' | 'bindings' | 'new-resident-visits', Partial<Record<WorkbenchCountKey, number>>>>;
  /** managers: their communities with no notice published this (Shanghai) month (每月至少一次通知) */
  noticeGaps?: { communityId: number; communityName: string }[];
}

const DESK: Role[] = ['agent', 'supervisor', 'manager', 'admin'];
const APPROVERS: Role[] = ['supervisor', 'manager', 'admin'];
const VISITORS: Role[] = ['agent', 'supervisor', 'manager'];

/** Which counts each tile shows for these roles (the desk: tickets; supervisors and up: binding approvals). */
export function workbenchCountPlan(roles: readonly Role[]): Required<Record<keyof WorkbenchCounts['tiles'], WorkbenchCountKey[]>> {
  const desk = roles.some((r) => DESK.includes(r));
  return {
    repairs: desk ? ['toAccept', 'toDispatch', 'overdue', 'toReturnVisit'] : [],
    complaints: desk ? ['toAccept', 'overdue', 'toReturnVisit'] : [],
    bindings: roles.some((r) => APPROVERS.includes(r)) ? ['toApprove'] : [],
    'new-resident-visits': roles.some((r) => VISITORS.includes(r)) ? ['toReturnVisit', 'overdue'] : [],
  };
}
