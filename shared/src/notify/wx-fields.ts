/**
 * WeChat subscribe-message template data, by WeChat's field rules (订阅消息参数值内容限制). One formatter for every
 * template: values are cut safely (by code point, never half a surrogate pair), characters a field type does not
 * allow are dropped, and no value is ever empty (an empty value is refused with errcode 47003).
 */
export type WxFieldKind =
  'thing' | 'phrase' | 'character_string' | 'number' | 'letter' | 'symbol' | 'time' | 'date' | 'amount' | 'phone_number' | 'car_number' | 'name';

/** The keyword's type is the name without its trailing number: thing1 → thing, character_string2 → character_string. */
export function wxFieldKind(key: string): WxFieldKind {
  return key.replace(/\d+$/, '') as WxFieldKind;
}

const cut = (s: string, n: number, ellipsis = true) => {
  const cps = Array.from(s);
  if (cps.length <= n) return s;
  return ellipsis && n > 1 ? cps.slice(0, n - 1).join('') + '…' : cps.slice(0, n).join('');
};

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

/** One value for one keyword type. */
export function wxValue(kind: WxFieldKind, raw: unknown): string {
  const s = raw === null || raw === undefined ? '' : raw instanceof Date ? raw.toISOString() : String(raw);
  let out = '';
  switch (kind) {
    case 'thing':
      // ≤20 characters: letters, digits, Chinese, symbols; no line breaks
      out = cut(s.replace(/\s+/g, ' ').trim(), 20);
      break;
    case 'phrase':
      // ≤5 Chinese characters only
      out = cut(Array.from(s.matchAll(/[\u4e00-\u9fff]/g), (m) => m[0]).join(''), 5, false);
      break;
    case 'character_string':
      // ≤32 digits, letters or symbols (no Chinese)
      out = cut(s.replace(/[^0-9A-Za-z_\-.:/#]/g, ''), 32, false);
      break;
    case 'number':
      out = cut(s.replace(/[^0-9.]/g, ''), 32, false);
      break;
    case 'letter':
      out = cut(s.replace(/[^A-Za-z]/g, ''), 32, false);
      break;
    case 'symbol':
      out = cut(s.replace(/[0-9A-Za-z\u4e00-\u9fff\s]/g, ''), 5, false);
      break;
    case 'time': {
      const d = shanghai(raw);
      out = d ? `${d.getUTCFullYear()}年${pad(d.getUTCMonth() + 1)}月${pad(d.getUTCDate())}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}` : '';
      break;
    }
    case 'date': {
      const d = shanghai(raw);
      out = d ? `${d.getUTCFullYear()}年${pad(d.getUTCMonth() + 1)}月${pad(d.getUTCDate())}日` : '';
      break;
    }
    case 'amount': {
      // integer cents in, "12.50元" out
      const cents = typeof raw === 'number' ? raw : Number(s);
      out = Number.isFinite(cents) ? `${(cents / 100).toFixed(2)}元` : '';
      break;
    }
    case 'phone_number':
      out = cut(s.replace(/[^0-9+\-*]/g, ''), 17, false);
      break;
    case 'car_number':
      out = cut(s.replace(/\s/g, ''), 8, false);
      break;
    case 'name':
      // ≤10 Chinese characters (or 20 letters): cut at 10
      out = cut(s.replace(/\s+/g, ''), 10, false);
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
