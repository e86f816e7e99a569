/**
 * Chinese licence plates (GA 36-2018): a province abbreviation, the issuing authority's letter, then
 * - ordinary (7): five letters/digits, the last may be 挂 / 学 / 警 / 港 / 澳 / 领 / 试 / 超;
 * - new-energy (8): small cars D/F (or A–K but I) + one letter/digit + four digits; large vehicles five digits + D/F.
 * I and O are never used as letters. Motorcycles use the ordinary format.
 */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const L = 'A-HJ-NP-Z';
const ORDINARY = new RegExp(`^[${PROVINCES}][${L}][${L}0-9]{4}[${L}0-9挂学警港澳领试超]$`);
const NEV_SMALL = new RegExp(`^[${PROVINCES}][${L}][A-HJK][${L}0-9][0-9]{4}$`);
const NEV_LARGE = new RegExp(`^[${PROVINCES}][${L}][0-9]{5}[A-HJK]$`);

export interface Plate {
  /** normalised: upper case, no spaces or dots, e.g. 粤B12345, 沪AD12345 */
  plate: string;
  newEnergy: boolean;
}

/** Upper-cases and drops the separators people type (spaces, "·", "-"), full-width letters and digits included. */
export function normalisePlate(s: string): string {
  return s
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s·•．.\-－]/g, '')
    .toUpperCase();
}

/** The plate, or null when it is not a valid Chinese plate. */
export function parsePlate(s: unknown): Plate | null {
  if (typeof s !== 'string' || s.length > 20) return null;
  const p = normalisePlate(s);
  if (p.length === 7 && ORDINARY.test(p)) return { plate: p, newEnergy: false };
  if (p.length === 8 && (NEV_SMALL.test(p) || NEV_LARGE.test(p))) return { plate: p, newEnergy: true };
  return null;
}

/** "粤B·12345" — how the apps print a plate. */
export function formatPlate(p: string): string {
  return p.length >= 3 ? `${p.slice(0, 2)}·${p.slice(2)}` : p;
}
