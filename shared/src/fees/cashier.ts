/**
 * Rules of the cashier's counter: the Chinese capital amount printed on a receipt (大写金额),
 * the tax ID of an invoice request and how a void or refund takes money back from a payment's lines.
 */

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const BIG_UNITS = ['', '万', '亿', '万亿'];

/** 0..9999 → 壹仟零伍拾 (no leading 零; inner zeros collapse into one 零; trailing zeros dropped). */
function fourDigits(n: number): string {
  let out = '';
  let zero = false;
  for (let i = 3; i >= 0; i--) {
    const d = Math.floor(n / 10 ** i) % 10;
    if (d === 0) {
      zero = out !== '';
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + SMALL_UNITS[i];
  }
  return out;
}

/**
 * 大写金额 as a Chinese receipt prints it: 123456 → 壹仟贰佰叁拾肆元伍角陆分, 100 → 壹元整, 10005 → 壹佰元零伍分,
 * 0 → 零元整. A zero between groups or before the 分 is written once (财政部《会计基础工作规范》第五十二条).
 */
export function capitalAmount(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new RangeError(`capitalAmount(${cents})`);
  const yuan = Math.floor(cents / 100);
  const jiao = Math.floor(cents / 10) % 10;
  const fen = cents % 10;
  let int = '';
  if (yuan > 0) {
    const groups: number[] = [];
    for (let y = yuan; y > 0; y = Math.floor(y / 10_000)) groups.push(y % 10_000);
    let pendingZero = false;
    for (let g = groups.length - 1; g >= 0; g--) {
      const v = groups[g];
      if (v === 0) {
        pendingZero = int !== '';
        continue;
      }
      if (int !== '' && (pendingZero || v < 1000)) int += '零';
      pendingZero = false;
      int += fourDigits(v) + BIG_UNITS[g];
    }
    int += '元';
  }
  if (!jiao && !fen) return `${int || '零元'}整`;
  let dec = '';
  if (jiao) dec += DIGITS[jiao] + '角';
  else if (int) dec += '零';
  if (fen) dec += DIGITS[fen] + '分';
  else dec += '整';
  // ¥10.50 → 壹拾元伍角整; ¥0.05 → 伍分
  if (!int && dec.startsWith('零')) dec = dec.slice(1);
  return int + dec;
}

/** 纳税人识别号: 15, 18 or 20 characters, uppercase letters and digits (统一社会信用代码 is the 18-character form). */
export function isTaxId(s: string): boolean {
  return /^[0-9A-Z]{15}$|^[0-9A-Z]{18}$|^[0-9A-Z]{20}$/.test(s);
}

/** How a void or refund is taken back, as the UI states it. */
export const REFUND_RULE_TEXT = '退款从该笔收款最后冲抵的账单开始退回：每笔账单先退本金，再退滞纳金；退回的账单恢复为未缴';

/** What a payment still holds on one line (its allocation net of earlier refunds). */
export interface HeldOnLine {
  billId: number;
  /** the order the payment allocated in (oldest bill first) */
  order: number;
  principalCents: number;
  lateFeeCents: number;
}

/**
 * Takes `amountCents` back from a payment's lines: the newest line first (the reverse of allocation), on each line
 * its principal before its late fee. null when the amount is not a positive integer or more than the payment holds.
 */
export function takeBack(held: readonly HeldOnLine[], amountCents: number): { billId: number; principalCents: number; lateFeeCents: number }[] | null {
  if (!Number.isSafeInteger(amountCents) || amountCents <= 0) return null;
  const total = held.reduce((s, h) => s + h.principalCents + h.lateFeeCents, 0);
  if (amountCents > total) return null;
  let left = amountCents;
  const out: { billId: number; principalCents: number; lateFeeCents: number }[] = [];
  for (const h of [...held].sort((a, b) => b.order - a.order)) {
    if (!left) break;
    const principal = Math.min(left, h.principalCents);
    left -= principal;
    const late = Math.min(left, h.lateFeeCents);
    left -= late;
    if (principal || late) out.push({ billId: h.billId, principalCents: principal, lateFeeCents: late });
  }
  return out;
}
