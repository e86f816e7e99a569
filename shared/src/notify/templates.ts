/**
 * The notification templates (one list for the server and both apps). Residents and staff accept WeChat
 * subscribe messages per template key (`wx.requestSubscribeMessage`); the server maps a key to the company's
 * template ID (NOTIFY_WX_TEMPLATES) and keeps a balance per user × key.
 */
export const NotifyTemplate = {
  RepairAccepted: 'repair_accepted',
  RepairDispatched: 'repair_dispatched',
  RepairVisitTime: 'repair_visit_time',
  RepairCompleted: 'repair_completed',
  ComplaintReplied: 'complaint_replied',
  ComplaintResolved: 'complaint_resolved',
  NewTicket: 'staff_new_ticket',
  WorkDispatched: 'staff_dispatched',
  ComplaintEscalated: 'staff_complaint_class',
  CriticalIntake: 'manager_critical_intake',
  ClockBreached: 'clock_escalation',
  LowRating: 'manager_low_rating',
  DailyDigest: 'manager_daily_digest',
  AccountLocked: 'account_locked',
  BindingConsent: 'binding_consent',
  FeeIssued: 'fee_bill_issued',
  FeeDueSoon: 'fee_due_soon',
  FeeOverdue: 'fee_overdue',
  PublicIncome: 'public_income_published',
  FeeRequestFiled: 'fee_request_filed',
  MeterReadingHeld: 'meter_reading_held',
  FeeRequestDecided: 'fee_request_decided',
  FeePaid: 'fee_paid',
  FeeReversed: 'fee_reversed',
  FeeReminder: 'fee_reminder',
  PayRefundFailed: 'pay_refund_failed',
  PermitFiled: 'permit_filed',
  PermitDecided: 'permit_decided',
  ParkingReminder: 'parking_reminder',
  PassDecided: 'pass_decided',
  ItemReleaseConsent: 'item_release_consent',
  SurveyPublished: 'survey_published',
  SurveyReminder: 'survey_reminder',
  NoticeOutage: 'notice_outage',
  NewResidentVisitDue: 'new_resident_visit_due',
} as const;
export type NotifyTemplate = (typeof NotifyTemplate)[keyof typeof NotifyTemplate];

export const NOTIFY_TEMPLATE_LABELS: Record<NotifyTemplate, string> = {
  repair_accepted: '报修受理通知',
  repair_dispatched: '维修派单通知',
  repair_visit_time: '上门时间通知',
  repair_completed: '维修完工通知',
  complaint_replied: '投诉回复通知',
  complaint_resolved: '投诉办结通知',
  staff_new_ticket: '新工单提醒',
  staff_dispatched: '派工提醒',
  staff_complaint_class: '投诉升级提醒',
  manager_critical_intake: '特急/紧急报修提醒',
  clock_escalation: '超时升级提醒',
  manager_low_rating: '差评提醒',
  manager_daily_digest: '每日工单简报',
  account_locked: '账号锁定提醒',
  binding_consent: '租户绑定确认',
  fee_bill_issued: '账单出账通知',
  fee_due_soon: '缴费到期提醒',
  fee_overdue: '欠费提醒',
  public_income_published: '公共收益公示',
  fee_request_filed: '减免/缓交待审批',
  meter_reading_held: '异常读数待审核',
  fee_request_decided: '减免/缓交审批结果',
  fee_paid: '缴费成功通知',
  fee_reversed: '收据作废/退款通知',
  fee_reminder: '缴费提醒',
  pay_refund_failed: '微信退款失败提醒',
  permit_filed: '装修申请待审核',
  permit_decided: '装修申请审核结果',
  parking_reminder: '停车证到期提醒',
  pass_decided: '通行证办理结果',
  item_release_consent: '大件放行待业主同意',
  survey_published: '问卷调查邀请',
  survey_reminder: '问卷调查截止提醒',
  notice_outage: '停水停电通知',
  new_resident_visit_due: '新住户回访到期提醒',
};

export const RESIDENT_TEMPLATES: NotifyTemplate[] = [
  'repair_accepted',
  'repair_dispatched',
  'repair_visit_time',
  'repair_completed',
  'complaint_replied',
  'complaint_resolved',
  'fee_bill_issued',
  'fee_due_soon',
  'fee_overdue',
  'fee_paid',
  'fee_reminder',
  'permit_decided',
  'parking_reminder',
  'pass_decided',
  'item_release_consent',
  'survey_published',
  'survey_reminder',
  'notice_outage',
];
export const STAFF_TEMPLATES: NotifyTemplate[] = [
  'staff_new_ticket',
  'staff_dispatched',
  'staff_complaint_class',
  'manager_critical_intake',
  'clock_escalation',
  'manager_low_rating',
];

/**
 * Whether a template can reach WeChat at all: only the ones users are asked to subscribe to. The managers' daily
 * digest is not one of them (a one-time consent a day is not practical): it goes to the inbox and the WeCom group.
 * Neither is the account-lockout notice, the owner's tenant-binding consent request, the fee requests, a held meter reading, a void/refund
 * decision, a failed WeChat Pay refund, nor the public-income notice sent to a whole community, nor a new decoration permit for
 * staff, nor the new residents' return visits falling due (inbox only).
 */
export function wxSubscribable(template: string): boolean {
  return (RESIDENT_TEMPLATES as string[]).includes(template) || (STAFF_TEMPLATES as string[]).includes(template);
}

export type OutboxChannel = 'wechat' | 'wecom';
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped';

/**
 * What the staff workbench asks consent for (WeChat shows ≤3 templates per prompt): the messages the caller's
 * roles receive, most urgent first.
 */
export function staffSubscribeTemplates(roles: readonly string[]): NotifyTemplate[] {
  const want: NotifyTemplate[] = [];
  if (roles.includes('manager')) want.push('manager_critical_intake');
  if (roles.includes('technician')) want.push('staff_dispatched');
  if (roles.some((r) => r === 'agent' || r === 'supervisor')) want.push('staff_new_ticket');
  if (roles.some((r) => r !== 'cashier' && r !== 'admin')) want.push('clock_escalation');
  if (roles.some((r) => r === 'supervisor' || r === 'manager')) want.push('staff_complaint_class');
  if (roles.includes('manager')) want.push('manager_low_rating');
  return want.slice(0, 3);
}

/** What a resident is asked for when filing (WeChat shows ≤3 templates per prompt). */
export const RESIDENT_PROMPTS = {
  repair: ['repair_accepted', 'repair_visit_time', 'repair_completed'] as NotifyTemplate[],
  complaint: ['complaint_replied', 'complaint_resolved'] as NotifyTemplate[],
  fee: ['fee_bill_issued', 'fee_due_soon', 'fee_overdue'] as NotifyTemplate[],
  /** asked on the tap that starts a WeChat payment */
  feePay: ['fee_paid'] as NotifyTemplate[],
  /** asked when an owner submits a decoration permit */
  permit: ['permit_decided'] as NotifyTemplate[],
  /** the repair's detail while it is open: the steps the filing prompt had no room for */
  repairProgress: ['repair_dispatched', 'repair_visit_time', 'repair_completed'] as NotifyTemplate[],
  /** the bills page of a room in arrears: the office's 催缴 reminders beside the automatic overdue notice */
  feeArrears: ['fee_overdue', 'fee_reminder', 'fee_due_soon'] as NotifyTemplate[],
  /** asked when a parking pass is applied for */
  parking: ['pass_decided', 'parking_reminder'] as NotifyTemplate[],
  /** asked when a large-item release is applied for */
  itemRelease: ['pass_decided'] as NotifyTemplate[],
  /** an owner deciding a tenant's request (binding or item release): the next one is messaged */
  ownerConsent: ['item_release_consent'] as NotifyTemplate[],
  /** 问卷调查: new surveys and the reminder before one closes; a saved draft asks for the reminder */
  survey: ['survey_published', 'survey_reminder'] as NotifyTemplate[],
  surveyDraft: ['survey_reminder'] as NotifyTemplate[],
  /** 公告 and an outage notice's page: outage notices (at publish and 1 hour before the start) */
  notice: ['notice_outage'] as NotifyTemplate[],
};
