import type { StatementLine } from '../fees/statement';

/** One row of the month-end statement: a fee item, or the lines without one grouped by their name. */
export interface StatementRowView extends StatementLine {
  /** item:<id> or name:<name> */
  key: string;
  itemId: number | null;
  name: string;
  /** late fees taken with the month's payments (income, never part of the arrears) */
  lateFeesCollected: number;
  /** late fees given back by the month's voids and refunds */
  lateFeesRefunded: number;
}

/** 月度对账: per item, opening arrears + billed − paid − waived + refunds = closing arrears (cents). */
export interface StatementView {
  communityId: number;
  communityName: string;
  month: string;
  /** the month's first and last Shanghai day */
  firstDay: string;
  lastDay: string;
  rows: StatementRowView[];
  totals: StatementRowView;
  /** true when every row satisfies the identity; false lists the rows in `unbalancedKeys` */
  balanced: boolean;
  unbalancedKeys: string[];
  identity: string;
}

/** One building of the arrears report (欠费统计). */
export interface ArrearsBuildingView {
  buildingId: number;
  buildingName: string;
  rooms: number;
  overdueRooms: number;
  /** principal open on overdue lines (all periods) */
  openCents: number;
  /** late fee as of today, computed line by line */
  lateFeeCents: number;
  /** lines of the period: billed, and paid so far (net of refunds) */
  billedCents: number;
  paidCents: number;
  /** 收缴率 in basis points; null when nothing was billed */
  collectionRateBp: number | null;
  lastRemindedAt: string | null;
  /** when a reminder may be sent again (null: now) */
  remindAllowedAt: string | null;
}

export interface ArrearsView {
  communityId: number;
  communityName: string;
  period: string;
  asOf: string;
  buildings: ArrearsBuildingView[];
  totals: Omit<ArrearsBuildingView, 'buildingId' | 'buildingName' | 'lastRemindedAt' | 'remindAllowedAt'>;
}

/** One room of a building's arrears (rooms with overdue principal). */
export interface ArrearsRoomView {
  roomId: number;
  roomLabel: string;
  ownerName: string | null;
  /** masked for roles that do not need the number */
  ownerPhone: string | null;
  overdueLines: number;
  openCents: number;
  lateFeeCents: number;
  billedCents: number;
  paidCents: number;
}

export interface ArrearsRoomsView {
  communityId: number;
  buildingId: number;
  buildingName: string;
  period: string;
  asOf: string;
  rooms: ArrearsRoomView[];
}

/** What a building reminder (催缴) queued. */
export interface ArrearsRemindResult {
  buildingId: number;
  rooms: number;
  recipients: number;
  sentAt: string;
  nextAllowedAt: string;
}
