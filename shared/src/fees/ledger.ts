/** How a payment was taken. `wechat` is reserved for [pay]. */
export type PaymentMethod = 'cash' | 'pos' | 'transfer' | 'wechat';
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = { cash: '现金', pos: 'POS 刷卡', transfer: '银行转账', wechat: '微信支付' };
/** The methods a cashier records at the counter. */
export const CASHIER_METHODS: readonly PaymentMethod[] = ['cash', 'pos', 'transfer'];

/** `refunded`: wholly refunded; a partial refund keeps `paid` with `refundedCents` > 0. */
export type PaymentStatus = 'paid' | 'voided' | 'refunded';
export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = { paid: '已收款', voided: '已作废', refunded: '已退款' };

/** What a manager approves: 免交, 缓交 (on a bill line), 作废, 退款 (on a payment). */
export type FeeRequestKind = 'waive' | 'defer' | 'void' | 'refund';
export const FEE_REQUEST_KIND_LABELS: Record<FeeRequestKind, string> = { waive: '免交', defer: '缓交', void: '作废收据', refund: '退款' };
export type FeeRequestStatus = 'pending' | 'approved' | 'refused' | 'withdrawn';
export const FEE_REQUEST_STATUS_LABELS: Record<FeeRequestStatus, string> = { pending: '待审批', approved: '已批准', refused: '已驳回', withdrawn: '已撤回' };

/** The allocation rule as the UI states it. */
export const ALLOCATION_RULE_TEXT = '收款按账期从早到晚冲抵欠费；每笔账单先冲抵滞纳金，再冲抵本金';

/** The date a line's late fee runs from: an approved deferral moves it. */
export const effectiveDueDate = (line: { dueDate: string; deferredUntil?: string | null }) => line.deferredUntil ?? line.dueDate;
