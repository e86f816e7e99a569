import { isRealDate } from '../dates';

/**
 * A mainland resident ID number (居民身份证号, GB 11643-1999): 17 digits and a check character (0–9 or X), the
 * 7th–14th being the birth date. Decoration workers' numbers are checked here and only the masked form is ever
 * stored or shown (110***********1234): the full number never leaves the request that carried it.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

/** Why a typed ID number is not usable (zh-CN), or null when it is. Never echoes the number. */
export function idNumberProblem(raw: unknown): string | null {
  if (typeof raw !== 'string') return '请填写身份证号';
  const s = raw.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return '身份证号应为 18 位（最后一位可为 X）';
  if (!isRealDate(`${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`)) return '身份证号中的出生日期不正确';
  if (idCheckChar(s) !== s[17]) return '身份证号校验位不正确，请核对';
  return null;
}

/** 110101199003071234 → 110***********1234 (the region's first 3 and the last 4; nothing of the birth date). */
export function maskIdNumber(raw: string): string {
  const s = raw.trim().toUpperCase();
  return `${s.slice(0, 3)}${'*'.repeat(11)}${s.slice(-4)}`;
}
