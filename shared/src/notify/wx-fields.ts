/**
 * WeChat subscribe-message template data, by WeChat's field rules (订阅消息参数值内容限制, subscribeMessage.send):
 *
 * | type             | limit (WeChat counts UTF-16 units)  | allowed                                                   |
 * |------------------|-------------------------------------|-----------------------------------------------------------|
 * | thing            | ≤ 20                                | 汉字, digits, letters, common symbols; no emoji/controls   |
 * | character_string | ≤ 32                                | digits, letters, ASCII symbols; no 汉字                    |
 * | number           | ≤ 32                                | digits, optionally one decimal point                      |
 * | letter           | ≤ 32                                | letters only                                              |
 * | symbol           | ≤ 5                                 | symbols only                                              |
 * | phrase           | ≤ 5                                 | 汉字 only                                                  |
 * | time / date      | 2019年10月1日 15:01 / 2019年10月1日  |                                                           |
 * | amount           | ≤ 10 digits (+ decimals), 元         | optional currency sign first                              |
 * | phone_number     | ≤ 17                                | digits and symbols                                        |
 * | car_number       | ≤ 8                                 | letters/digits; the first and last may be 汉字             |
 * | name             | ≤ 10 汉字 or ≤ 20 letters/symbols    | mixed 汉字 and letters counts as a Chinese name (≤ 10)      |
 *
 * "Symbols" are the common ones other than 汉字, letters and digits; never line breaks or other control characters.
 * One formatter for every template: characters a type does not allow are dropped (emoji, ZWJ, variation selectors),
 * values are cut to the limit in UTF-16 units without ever splitting a surrogate pair, and no value is ever empty
 * (an empty value is refused with errcode 47003).
 */
export type WxFieldKind =
  'thing' | 'phrase' | 'character_string' | 'number' | 'letter' | 'symbol' | 'time' | 'date' | 'amount' | 'phone_number' | 'car_number' | 'name';

/** The keyword's type is the name without its trailing number: thing1 → thing, character_string2 → character_string. */
export function wxFieldKind(key: string): WxFieldKind {
  return key.replace(/\d+$/, '') as WxFieldKind;
}

/** 汉字, including the extensions outside the BMP (𠀀 is one character but two UTF-16 units). */
const HAN = String.raw`\p{Script=Han}`;
/** Common symbols: ASCII punctuation, CJK and full-width punctuation, general punctuation (…—“”), a few signs. */
const SYMBOLS = String.raw`!-\/:-@\[-\x60{-~\u00a5\u00b0\u00b7\u00d7\u00f7\u2010-\u2027\u2030-\u203e\u2103\u2116\u3001-\u3011\u3014-\u301f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\uffe5`;
const ASCII_SYMBOLS = String.raw`!-\/:-@\[-\x60{-~`;

/** Which characters each free-text type keeps (a character class body); the others are checked by shape. */
const KEEP: Partial<Record<WxFieldKind, RegExp>> = {
  thing: new RegExp(`[^${HAN}0-9A-Za-z\\uff10-\\uff19\\uff21-\\uff3a\\uff41-\\uff5a ${SYMBOLS}]`, 'gu'),
  phrase: new RegExp(`[^${HAN}]`, 'gu'),
  character_string: new RegExp(`[^0-9A-Za-z${ASCII_SYMBOLS}]`, 'gu'),
  letter: /[^A-Za-z]/gu,
  symbol: new RegExp(`[^${SYMBOLS}]`, 'gu'),
  phone_number: /[^0-9+\-*()#]/gu,
};

/** The limit of each type in UTF-16 units (what WeChat counts). */
export const WX_FIELD_LIMITS: Record<WxFieldKind, number> = {
  thing: 20,
  phrase: 5,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  time: 32,
  date: 32,
  amount: 16,
  phone_number: 17,
  car_number: 8,
  name: 20,
};

/** The first characters of `s` that fit in `units` UTF-16 units (whole code points only); with an ellipsis if cut. */
export function cutUtf16(s: string, units: number, ellipsis = true): string {
  if (s.length <= units) return s;
  const room = ellipsis && units > 1 ? units - 1 : units;
  let out = '';
  for (const ch of s) {
    if (out.length + ch.length > room) break;
    out += ch;
  }
  return ellipsis && units > 1 ? out + '…' : out;
}

const SHANGHAI_MS = 8 * 3600_000;
const pad = (n: number) => String(n).padStart(2, '0');
function shanghai(v: unknown): Date | null {
  const d = v instanceof Date ? v : typeof v === 'string' || typeof v === 'number' ? new Date(v) : null;
  if (!d || Number.isNaN(d.getTime())) return null;
  return new Date(d.getTime() + SHANGHAI_MS);
}

/** Placeholder when there is nothing to say: WeChat refuses empty values. */
const FALLBACK: Record<WxFieldKind, string> = {
  thing: '无',
  phrase: '无',
  character_string: '-',
  number: '0',
  letter: 'x',
  symbol: '-',
  time: '-',
  date: '-',
  amount: '0元',
  phone_number: '-',
  car_number: '-',
  name: '无',
};

const isHan = (ch: string) => new RegExp(`^${HAN}$`, 'u').test(ch);

/** ≤ 8: letters and digits, 汉字 only first or last (粤A8Z888挂). */
function carNumber(s: string): string {
  const cps = Array.from(s).filter((ch) => /^[0-9A-Za-z]$/.test(ch) || isHan(ch));
  const kept = cps.filter((ch, i) => !isHan(ch) || i === 0 || i === cps.length - 1);
  const out = kept.slice(0, 8);
  return out.filter((ch, i) => !isHan(ch) || i === 0 || i === out.length - 1).join('');
}

/** ≤ 10 汉字 (with letters: a Chinese name) or ≤ 20 letters and symbols. */
function personName(s: string): string {
  if (new RegExp(HAN, 'u').test(s)) return cutUtf16(s.replace(new RegExp(`[^${HAN}A-Za-z·]`, 'gu'), ''), 10, false);
  return cutUtf16(s.replace(/[^A-Za-z.'·-]/g, ''), 20, false);
}

function timeValue(raw: unknown, withTime: boolean): string {
  const d = shanghai(raw);
  if (!d) return '';
  const day = `${d.getUTCFullYear()}年${pad(d.getUTCMonth() + 1)}月${pad(d.getUTCDate())}日`;
  return withTime ? `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : day;
}

/** One value for one keyword type. */
export function wxValue(kind: WxFieldKind, raw: unknown): string {
  const s = raw === null || raw === undefined ? '' : raw instanceof Date ? raw.toISOString() : String(raw);
  const limit = WX_FIELD_LIMITS[kind];
  let out = '';
  switch (kind) {
    case 'thing':
      // whitespace (line breaks too) folds to one space; emoji and controls are dropped, then the rest is cut
      out = cutUtf16(s.replace(/\s+/g, ' ').replace(KEEP.thing!, '').replace(/ {2,}/g, ' ').trim(), limit);
      break;
    case 'phrase':
    case 'character_string':
    case 'letter':
    case 'symbol':
    case 'phone_number':
      out = cutUtf16(s.replace(KEEP[kind]!, ''), limit, false);
      break;
    case 'number': {
      const m = /\d+(\.\d+)?/.exec(s.replace(/,/g, ''));
      out = m ? cutUtf16(m[0], limit, false).replace(/\.$/, '') : '';
      break;
    }
    case 'time':
    case 'date':
      out = timeValue(raw, kind === 'time');
      break;
    case 'amount': {
      // integer cents in, "12.50元" out
      const cents = typeof raw === 'number' ? raw : Number(s);
      out = Number.isFinite(cents) && cents >= 0 && cents < 1e12 ? `${(cents / 100).toFixed(2)}元` : '';
      break;
    }
    case 'car_number':
      out = carNumber(s);
      break;
    case 'name':
      out = personName(s);
      break;
  }
  return out || FALLBACK[kind] || '-';
}

/** `{thing1: '…', time2: date}` → WeChat's `{thing1: {value}, time2: {value}}`, each value formatted by its key's type. */
export function wxTemplateData(fields: Record<string, unknown>): Record<string, { value: string }> {
  const out: Record<string, { value: string }> = {};
  for (const [key, raw] of Object.entries(fields)) out[key] = { value: wxValue(wxFieldKind(key), raw) };
  return out;
}
