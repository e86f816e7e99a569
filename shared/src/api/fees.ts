import type { PriceTier } from '../fees/fee-amounts';
import type { FeeKind, FeePayer } from '../fees/fee-items';
import type { PeriodUnit } from '../fees/periods';

/** A fee item as staff see and edit it. */
export interface FeeItemView {
  id: number;
  communityId: number;
  name: string;
  kind: FeeKind;
  payer: FeePayer;
  periodUnit: PeriodUnit | null;
  priceE4: number | null;
  tiers: PriceTier[] | null;
  meterUnit: string | null;
  amountCents: number | null;
  dueDay: number;
  lateFeeRatePpm: number;
  lateFeeGraceDays: number;
  lateFeeCapPercent: number | null;
  serviceContent: string;
  standardName: string | null;
  legalBasis: string | null;
  startsOn: string;
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
