import {
  feeItemProblems,
  formatE2,
  formatPriceE4,
  isRealDate,
  MAX_CENTS,
  MAX_PRICE_E4,
  MAX_QUANTITY_E2,
  parseScaled,
  type FeeItemInput,
  type FeeItemView,
  type FeeKind,
  type FeePayer,
  type PeriodUnit,
} from '@linli/shared';

/** The form as typed: every amount a decimal string in yuan / units, converted without floats. */
export interface FeeForm {
  name: string;
  kind: FeeKind;
  payer: FeePayer;
  periodUnit: PeriodUnit | null;
  price: string;
  tiers: { upto: string; price: string }[];
  meterUnit: string;
  amount: string;
  dueDay: string;
  /** 万分之 N per day */
  lateRate: string;
  graceDays: string;
  /** percent of the principal; blank: no cap */
  capPercent: string;
  serviceContent: string;
  standardName: string;
  legalBasis: string;
  startsOn: string;
}

export const EMPTY_FORM: FeeForm = {
  name: '',
  kind: 'area',
  payer: 'owner',
  periodUnit: 'month',
  price: '',
  tiers: [{ upto: '', price: '' }],
  meterUnit: '',
  amount: '',
  dueDay: '15',
  lateRate: '0',
  graceDays: '0',
  capPercent: '100',
  serviceContent: '',
  standardName: '',
  legalBasis: '',
  startsOn: '',
};

export function formOf(v: FeeItemView): FeeForm {
  return {
    name: v.name,
    kind: v.kind,
    payer: v.payer,
    periodUnit: v.periodUnit,
    price: v.priceE4 === null ? '' : formatPriceE4(v.priceE4),
    tiers: (v.tiers ?? [{ uptoE2: null, priceE4: 0 }]).map((t) => ({ upto: t.uptoE2 === null ? '' : formatE2(t.uptoE2), price: formatPriceE4(t.priceE4) })),
    meterUnit: v.meterUnit ?? '',
    amount: v.amountCents === null ? '' : formatE2(v.amountCents),
    dueDay: String(v.dueDay),
    lateRate: formatE2(v.lateFeeRatePpm).replace(/\.?0+$/, ''),
    graceDays: String(v.lateFeeGraceDays),
    capPercent: v.lateFeeCapPercent === null ? '' : String(v.lateFeeCapPercent),
    serviceContent: v.serviceContent,
    standardName: v.standardName ?? '',
    legalBasis: v.legalBasis ?? '',
    startsOn: v.startsOn,
  };
}

const int = (s: string, max: number) => (/^\d{1,6}$/.test(s.trim()) && Number(s.trim()) <= max ? Number(s.trim()) : NaN);

/** The request body, or the first problem in words (the server checks the same rules again). */
export function bodyOf(f: FeeForm): { body: Record<string, unknown> } | { problem: string } {
  const k = f.kind;
  const priceE4 = k === 'area' ? parseScaled(f.price, 4, MAX_PRICE_E4) : null;
  if (k === 'area' && !priceE4) return { problem: '单价请填写金额（元/㎡·月，最多 4 位小数）' };
  const tiers =
    k === 'metered'
      ? f.tiers.map((t, i) => ({
          uptoE2: i === f.tiers.length - 1 ? null : parseScaled(t.upto, 2, MAX_QUANTITY_E2),
          priceE4: parseScaled(t.price, 4, MAX_PRICE_E4),
        }))
      : null;
  if (tiers?.some((t, i) => t.priceE4 === null || (i < tiers.length - 1 && !t.uptoE2))) return { problem: '阶梯价格请填写每档上限和单价' };
  const amountCents = k === 'fixed' || k === 'one_off' ? parseScaled(f.amount, 2, MAX_CENTS) : null;
  if ((k === 'fixed' || k === 'one_off') && !amountCents) return { problem: '金额请填写（元，最多 2 位小数）' };
  const lateFeeRatePpm = parseScaled(f.lateRate || '0', 2, 100_000);
  if (lateFeeRatePpm === null) return { problem: '滞纳金日费率请填写万分之几（可为 0）' };
  const input: FeeItemInput = {
    name: f.name.trim(),
    kind: k,
    payer: f.payer,
    periodUnit: k === 'one_off' ? null : f.periodUnit,
    priceE4,
    tiers: tiers as FeeItemInput['tiers'],
    meterUnit: k === 'metered' ? f.meterUnit.trim() : null,
    amountCents,
    dueDay: int(f.dueDay, 28),
    lateFeeRatePpm,
    lateFeeGraceDays: int(f.graceDays || '0', 366),
    lateFeeCapPercent: f.capPercent.trim() === '' ? null : int(f.capPercent, 1000),
    startsOn: f.startsOn.trim(),
  };
  if (!input.name) return { problem: '请填写项目名称' };
  if (!isRealDate(input.startsOn)) return { problem: '执行日期请按 2026-01-01 的格式填写' };
  if (!f.serviceContent.trim()) return { problem: '请填写服务内容' };
  const problems = feeItemProblems(input);
  if (problems.length) return { problem: problems[0].message };
  const body: Record<string, unknown> = {
    ...input,
    serviceContent: f.serviceContent.trim(),
    standardName: f.standardName.trim() || undefined,
    legalBasis: f.legalBasis.trim() || undefined,
  };
  for (const key of ['periodUnit', 'priceE4', 'tiers', 'meterUnit', 'amountCents'] as const) if (body[key] === null) delete body[key];
  return { body };
}
