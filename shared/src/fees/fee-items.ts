import { PriceTier, tierProblem } from './fee-amounts';
import { formatDailyRate } from './late-fee';
import { formatE2, formatPriceE4, formatYuan, MAX_CENTS, MAX_PRICE_E4, MAX_RATE_PPM } from './money';
import { PeriodUnit } from './periods';

/** How an item is charged (DOMAIN.md, Fees). */
export type FeeKind = 'area' | 'metered' | 'fixed' | 'one_off';
export const FEE_KINDS: readonly FeeKind[] = ['area', 'metered', 'fixed', 'one_off'];
/** Who pays: the owner on record, or whoever lives there (a tenant when there is one). */
export type FeePayer = 'owner' | 'occupant';
export const FEE_PAYERS: readonly FeePayer[] = ['owner', 'occupant'];
export const PERIOD_UNITS: readonly PeriodUnit[] = ['month', 'quarter'];

export const FEE_KIND_LABELS: Record<FeeKind, string> = {
  area: '按建筑面积计收',
  metered: '按表计量',
  fixed: '定额收取',
  one_off: '一次性收取',
};
export const FEE_PAYER_LABELS: Record<FeePayer, string> = { owner: '业主', occupant: '实际使用人' };
export const PERIOD_UNIT_LABELS: Record<PeriodUnit, string> = { month: '月', quarter: '季度' };

/** The government price-report hotline every price table shows. */
export const PRICE_REPORT_HOTLINE = '12358';

/** A fee item as entered: what the rules below check. */
export interface FeeItemInput {
  name: string;
  kind: FeeKind;
  payer: FeePayer;
  /** null only for one-off items */
  periodUnit: PeriodUnit | null;
  /** area: 元 × 10,000 per m² and month */
  priceE4: number | null;
  /** metered: the tariff (one open tier = a flat price) */
  tiers: PriceTier[] | null;
  /** metered: m³, kWh … */
  meterUnit: string | null;
  /** fixed and one-off: cents per period / once */
  amountCents: number | null;
  /** the bill's due day in the month after the period (1–28) */
  dueDay: number;
  lateFeeRatePpm: number;
  lateFeeGraceDays: number;
  lateFeeCapPercent: number | null;
  /** YYYY-MM-DD */
  startsOn: string;
}

export type FeeItemProblem = { field: keyof FeeItemInput; message: string };

/** What is missing or contradictory for the item's kind (empty: valid). */
export function feeItemProblems(i: FeeItemInput): FeeItemProblem[] {
  const out: FeeItemProblem[] = [];
  const need = (ok: boolean, field: keyof FeeItemInput, message: string) => void (ok || out.push({ field, message }));
  const int = (v: number | null, max: number) => v !== null && Number.isSafeInteger(v) && v >= 0 && v <= max;
  need((i.kind === 'one_off') === (i.periodUnit === null), 'periodUnit', i.kind === 'one_off' ? '一次性收费不设计费周期' : '请选择计费周期（月或季度）');
  if (i.kind === 'area') {
    need(int(i.priceE4, MAX_PRICE_E4) && i.priceE4! > 0, 'priceE4', '请填写每平方米每月的单价');
  } else need(i.priceE4 === null, 'priceE4', '只有按面积计收的项目填写面积单价');
  if (i.kind === 'metered') {
    const p = i.tiers ? tierProblem(i.tiers) : '请填写单价（可分档）';
    need(p === null, 'tiers', p ?? '');
    need(!!i.meterUnit && i.meterUnit.trim().length > 0 && i.meterUnit.length <= 8, 'meterUnit', '请填写计量单位（如 m³、kWh）');
  } else {
    need(i.tiers === null, 'tiers', '只有按表计量的项目填写阶梯价格');
    need(i.meterUnit === null, 'meterUnit', '只有按表计量的项目填写计量单位');
  }
  if (i.kind === 'fixed' || i.kind === 'one_off') need(int(i.amountCents, MAX_CENTS) && i.amountCents! > 0, 'amountCents', '请填写金额');
  else need(i.amountCents === null, 'amountCents', '按面积或按表计量的项目不填写定额');
  need(Number.isInteger(i.dueDay) && i.dueDay >= 1 && i.dueDay <= 28, 'dueDay', '缴费截止日应在每月 1–28 日之间');
  need(int(i.lateFeeRatePpm, MAX_RATE_PPM), 'lateFeeRatePpm', '滞纳金日费率无效');
  need(int(i.lateFeeGraceDays, 366), 'lateFeeGraceDays', '宽限天数应在 0–366 之间');
  need(i.lateFeeCapPercent === null || int(i.lateFeeCapPercent, 1000), 'lateFeeCapPercent', '滞纳金上限应为本金的 0–1000%');
  return out.filter((p) => p.message);
}

/** 收费标准 as the price table prints it: "1.80 元/㎡·月", "0–20 m³：3.45 元/m³；20 m³ 以上：4.83 元/m³", "¥300.00/季度". */
export function feeStandardText(i: Pick<FeeItemInput, 'kind' | 'periodUnit' | 'priceE4' | 'tiers' | 'meterUnit' | 'amountCents'>): string {
  const per = i.periodUnit ? PERIOD_UNIT_LABELS[i.periodUnit] : '';
  switch (i.kind) {
    case 'area':
      return `${formatPriceE4(i.priceE4 ?? 0)} 元/㎡·月`;
    case 'metered': {
      const unit = i.meterUnit ?? '';
      const tiers = i.tiers ?? [];
      if (tiers.length === 1) return `${formatPriceE4(tiers[0].priceE4)} 元/${unit}`;
      let from = 0;
      return tiers
        .map((t) => {
          const range =
            t.uptoE2 === null
              ? `${formatE2(from).replace(/\.00$/, '')} ${unit} 以上`
              : `${formatE2(from).replace(/\.00$/, '')}–${formatE2(t.uptoE2).replace(/\.00$/, '')} ${unit}`;
          from = t.uptoE2 ?? from;
          return `${range}：${formatPriceE4(t.priceE4)} 元/${unit}`;
        })
        .join('；');
    }
    case 'fixed':
      return `${formatYuan(i.amountCents ?? 0)}/${per}`;
    case 'one_off':
      return `${formatYuan(i.amountCents ?? 0)}（一次性）`;
  }
}

/** 计费方式: "按建筑面积按月计收" … */
export function feeMethodText(i: Pick<FeeItemInput, 'kind' | 'periodUnit'>): string {
  const per = i.periodUnit ? `按${PERIOD_UNIT_LABELS[i.periodUnit]}` : '';
  switch (i.kind) {
    case 'area':
      return `按建筑面积${per}计收`;
    case 'metered':
      return `按表计量，${per}抄表计收`;
    case 'fixed':
      return `${per}定额计收`;
    case 'one_off':
      return '一次性收取';
  }
}

/** The late-fee rule in words: "逾期 15 天后每日按欠费的万分之5 加收，最高不超过本金的 100%" ("不收取滞纳金" when the rate is 0). */
export function lateFeeRuleText(i: Pick<FeeItemInput, 'lateFeeRatePpm' | 'lateFeeGraceDays' | 'lateFeeCapPercent'>): string {
  if (!i.lateFeeRatePpm) return '不收取滞纳金';
  const from = i.lateFeeGraceDays ? `逾期 ${i.lateFeeGraceDays} 天后` : '逾期次日起';
  const cap = i.lateFeeCapPercent === null ? '' : `，最高不超过本金的 ${i.lateFeeCapPercent}%`;
  return `${from}每日按欠费的${formatDailyRate(i.lateFeeRatePpm)}加收${cap}`;
}
