import type { FeeItemInput } from '../fees/fee-items';
import type { BillLineAdjustment } from './fee-charges';

/** A fee item as staff see and edit it: what was entered (FeeItemInput) and the texts the price table prints. */
export interface FeeItemView extends FeeItemInput {
  id: number;
  communityId: number;
  serviceContent: string;
  standardName: string | null;
  legalBasis: string | null;
  active: boolean;
  version: number;
  /** the standard and method in words, as the price table prints them */
  standardText: string;
  methodText: string;
  lateFeeText: string;
}

/** One row of the published 收费价目表. */
export interface PriceTableRow {
  id: number;
  name: string;
  payer: string;
  serviceContent: string;
  /** 收费标准 */
  standard: string;
  /** 计费方式 */
  method: string;
  lateFee: string;
  startsOn: string;
  legalBasis: string;
}

export interface PriceTableView {
  communityId: number;
  communityName: string;
  rows: PriceTableRow[];
  /** 价格举报电话 12358 */
  hotline: string;
  updatedAt: string | null;
}

/** A bill run's preview: what the run would create, and what it cannot bill. */
export interface BillRunPreview {
  communityId: number;
  period: string;
  rooms: number;
  items: { itemId: number; name: string; lines: number; amountCents: number }[];
  totalCents: number;
  /** lines of this period already billed (a run creates only the missing ones) */
  alreadyBilled: number;
  problems: { roomId: number | null; roomLabel: string | null; itemId: number; message: string }[];
  /** problems beyond the first 100 */
  moreProblems: number;
}

/** A run that fails stays `running` (with `lastError`) and is retried from its watermark. */
export type BillRunStatus = 'running' | 'done';

export interface BillRunView {
  id: number;
  communityId: number;
  period: string;
  status: BillRunStatus;
  totalRooms: number;
  doneRooms: number;
  /** lines this run created (a re-run creates only what was missing) */
  linesCreated: number;
  amountCents: number;
  /** why the last attempt stopped (the run is retried), null when none failed */
  lastError: string | null;
  createdByName: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** A bill line as the resident and the cashier see it: the late fee computed as of today. */
export interface BillLineView {
  id: number;
  roomId: number;
  period: string;
  periodLabel: string;
  name: string;
  amountCents: number;
  paidCents: number;
  waivedCents: number;
  /** the principal still open */
  openCents: number;
  dueDate: string;
  /** 缓交 approved: the new due date */
  deferredUntil: string | null;
  overdue: boolean;
  lateFeeCents: number;
  lateFeeFormula: string | null;
  /** how the amount was computed: "89.56 ㎡ × 1.80 元 × 1 个月" */
  basis: string;
  status: 'open' | 'paid' | 'waived';
  /** approved waivers and deferrals: who approved, when and why */
  adjustments: BillLineAdjustment[];
}

export interface RoomBillsView {
  roomId: number;
  roomLabel: string;
  communityName: string;
  open: BillLineView[];
  /** principal + late fees open today */
  totalOpenCents: number;
  asOf: string;
}
