import type { FeeRequestKind, FeeRequestStatus } from '../fees/ledger';

/** A fixed item contracted for a room (车位租金 …): the bill run bills it for the periods it covers. */
export interface FeeContractView {
  id: number;
  roomId: number;
  feeItemId: number;
  itemName: string;
  /** "¥900.00/季度" */
  standardText: string;
  startsOn: string;
  endsOn: string | null;
  /** e.g. 车位号 B-023 */
  note: string | null;
  active: boolean;
  version: number;
  createdByName: string | null;
  createdAt: string;
}

/** A room's contracts and the fixed items that could be contracted. */
export interface RoomContractsView {
  roomId: number;
  roomLabel: string;
  communityId: number;
  contracts: FeeContractView[];
  items: { id: number; name: string; standardText: string }[];
}

/** One-off items (一次性收费) of a community, for the new-charge page. */
export interface OneOffItemView {
  id: number;
  name: string;
  amountCents: number;
}

/** A waiver (免交) or deferral (缓交) approved on a bill line, as the bill shows it. */
export interface BillLineAdjustment {
  kind: 'waive' | 'defer';
  amountCents: number | null;
  deferUntil: string | null;
  reason: string;
  decidedByName: string | null;
  decidedAt: string;
}

/** A request awaiting (or after) a manager's decision: 免交 / 缓交 on a bill line, 作废 / 退款 on a payment. */
export interface FeeRequestView {
  id: number;
  kind: FeeRequestKind;
  kindLabel: string;
  status: FeeRequestStatus;
  statusLabel: string;
  communityId: number;
  roomId: number;
  roomLabel: string;
  billLineId: number | null;
  /** the line's name and period ("物业服务费 2026年11月"), or the payment's receipt number */
  subject: string;
  amountCents: number | null;
  deferUntil: string | null;
  reason: string;
  requestedByName: string | null;
  requestedAt: string;
  decidedByName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  version: number;
  /** false for the requester themself (nobody approves their own request) */
  canDecide: boolean;
  /** where the decision is posted: /api/fees/requests/:id/decide (免交, 缓交) or /api/fees/reversals/:id/decide (作废, 退款) */
  decidePath: string;
}
