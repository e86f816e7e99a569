/**
 * A notification's link is app-neutral (`/repairs/12`, `/complaints/7`); both mini-programs have the same
 * detail pages for it. This is the page path a tap opens, and the `page` of a WeChat subscribe message.
 */
type Route = { pattern: RegExp; page: string; param?: string };
const ROUTES: Route[] = [
  { pattern: /^\/repairs\/(\d+)$/, page: 'pages-repair/detail/index' },
  { pattern: /^\/complaints\/(\d+)$/, page: 'pages-complaint/detail/index' },
  // the resident app: a room's bills (fee reminders)
  { pattern: /^\/fees\/rooms\/(\d+)$/, page: 'pages-fees/bills/index', param: 'roomId' },
  // a pass (issue #14): the holder's / creator's pass page, the staff's review page
  { pattern: /^\/passes\/(\d+)$/, page: 'pages-passes/detail/index' },
  // a decoration permit: the owner's and the reviewer's permit page
  { pattern: /^\/permits\/(\d+)$/, page: 'pages-passes/permit/index' },
  // a notice (issue #15): the resident's notice page, the staff's notice page with its readers
  { pattern: /^\/notices\/(\d+)$/, page: 'pages-notice/detail/index' },
];
/** Links whose page differs per app: a receipt is the resident's 缴费凭证 and the cashier's printable receipt. */
const STAFF_ROUTES: Route[] = [
  { pattern: /^\/payments\/(\d+)$/, page: 'pages-cashier/receipt/index' },
  // a customer visit (客户访谈, a report's drill row): staff only
  { pattern: /^\/visits\/(\d+)$/, page: 'pages-visits/visit/index' },
];
const RESIDENT_ROUTES: Route[] = [
  { pattern: /^\/payments\/(\d+)$/, page: 'pages-fees/receipt/index' },
  // a survey (问卷调查): the resident's answer page
  { pattern: /^\/surveys\/(\d+)$/, page: 'pages-survey/answer/index' },
];
/** Staff lists (the escalation summary's link): the staff app's inboxes, on the given tab. */
const LISTS: Record<string, string> = {
  '/repairs?breached=1': 'pages-repair/inbox/index?tab=breached',
  '/complaints': 'pages-complaint/inbox/index',
  // the staff app: meter readings held for review
  '/meters/held': 'pages-meter/review/index',
  // the resident app: a tenant's binding waiting for the owner's consent
  '/bindings/consents': 'pages-room/consents/index',
  // the resident app: the community's 公共收益公示
  '/fees/public-income': 'pages-fees/income/index',
  // the staff app: WeChat Pay refunds that failed (退款异常)
  '/pay/refund-failures': 'pages-pay/refunds/index',
  // the resident app: tenants' large-item releases waiting for the owner, and the resident's own
  '/passes/items/consents': 'pages-passes/item-consents/index',
  '/passes/items': 'pages-passes/item-apply/index',
  // the staff app: new residents' return visits (the open ones, earliest due first)
  '/visits/new-residents': 'pages-visits/tasks/index',
};

/** `/repairs/12` → `pages-repair/detail/index?id=12` (a staff list link → the staff inbox); null for links the apps do not know. */
export function notificationPage(link: string | null | undefined, app: 'resident' | 'staff' = 'resident'): string | null {
  if (!link) return null;
  if (Object.prototype.hasOwnProperty.call(LISTS, link)) return LISTS[link];
  for (const r of [...ROUTES, ...(app === 'staff' ? STAFF_ROUTES : RESIDENT_ROUTES)]) {
    const m = r.pattern.exec(link);
    if (m) return `${r.page}?${r.param ?? 'id'}=${m[1]}`;
  }
  return null;
}
