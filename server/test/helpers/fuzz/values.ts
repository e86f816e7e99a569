import { Prng } from './prng';
import { Field, Schema } from './openapi';

/** A number or token written into the JSON text as is (1e309, -0, 2^53+1 keep their spelling). */
export class RawJson {
  constructor(readonly json: string) {}
}
/** Already percent-encoded text for a URL (invalid UTF-8, a lone %). */
export class RawUrl {
  constructor(readonly raw: string) {}
}
export interface Bad {
  label: string;
  value: unknown;
}

const b64 = (s: string) => Buffer.from(s).toString('base64url');
const HUGE = 'x'.repeat(100_000);
const CJK_EXT = '𠀀𠀁𪚥𫝀𬺰𰀀'; // extension B–G: 4-byte UTF-8, 2 UTF-16 units each
const EMOJI = '😀👍🏽👨‍👩‍👧‍👦🇨🇳';

const TYPES: Bad[] = [
  { label: 'null', value: null },
  { label: 'true', value: true },
  { label: 'false', value: false },
  { label: 'empty array', value: [] },
  { label: 'array of strings', value: ['a', 'b'] },
  { label: 'array of numbers', value: [1, 2] },
  { label: 'empty object', value: {} },
  { label: 'object', value: { a: 1, $gt: '' } },
  { label: 'nested arrays', value: [[[[]]]] },
];
const NUMBERS: Bad[] = [
  { label: 'negative', value: -1 },
  { label: 'zero', value: 0 },
  { label: 'int32 + 1', value: 2147483648 },
  { label: 'uint32 + 1', value: 4294967296 },
  { label: '2^53 + 1', value: new RawJson('9007199254740993') },
  { label: '30 digits', value: new RawJson('123456789012345678901234567890') },
  { label: '1e308', value: 1e308 },
  { label: '-1e308', value: -1e308 },
  { label: '1e309', value: new RawJson('1e309') },
  { label: '-0', value: new RawJson('-0') },
  { label: 'float', value: 1.5 },
  { label: 'tiny float', value: 5e-324 },
  { label: 'NaN string', value: 'NaN' },
  { label: 'Infinity string', value: 'Infinity' },
  { label: 'numeric string', value: '12' },
  { label: 'hex string', value: '0x1F' },
  { label: 'exp string', value: '1e309' },
  { label: 'padded number', value: ' 7 ' },
  { label: 'fullwidth digits', value: '１２' },
];
const STRINGS: Bad[] = [
  { label: 'empty', value: '' },
  { label: 'whitespace', value: ' \t\n\u3000' },
  { label: '100k chars', value: HUGE },
  { label: 'emoji', value: EMOJI.repeat(10) },
  { label: 'CJK extension', value: CJK_EXT.repeat(10) },
  { label: 'SQL / LIKE', value: `%_'";--` },
  { label: 'LIKE wildcard only', value: '%' },
  { label: 'NUL byte', value: 'a\u0000b' },
  { label: 'lone surrogate', value: 'a\ud800b' },
  { label: 'control chars', value: '\u0001\u001b[31m\u007f' },
  { label: 'html', value: '<script>alert(1)</script>' },
  { label: 'path traversal', value: '../../../etc/passwd' },
  { label: 'number', value: 42 },
  { label: 'proto key', value: '__proto__' },
];
const DATES: Bad[] = [
  { label: 'Feb 30', value: '2026-02-30' },
  { label: 'month 99', value: '2026-99-99' },
  { label: 'month 00', value: '2026-00-00' },
  { label: 'year 1', value: '0001-01-01' },
  { label: 'year 9999', value: '9999-12-31' },
  { label: 'Feb 30 with time', value: '2026-02-30T10:00:00Z' },
  { label: 'hour 25', value: '2026-01-01T25:61:61Z' },
  { label: 'offset +99', value: '2026-01-01T10:00:00+99:00' },
  { label: 'expanded year', value: '+275760-09-13T00:00:00.000Z' },
  { label: 'beyond Date range', value: '+275761-01-01T00:00:00Z' },
  { label: 'epoch', value: '1970-01-01T00:00:00Z' },
  { label: 'week date', value: '2026-W53-7' },
  { label: 'ordinal date', value: '2026-366' },
  { label: 'not a date', value: 'tomorrow' },
  { label: 'epoch millis', value: 1767225600000 },
];
const CURSORS: Bad[] = [
  { label: 'cursor ["abc"]', value: b64('["abc"]') },
  { label: 'cursor [1,2,3,4]', value: b64('[1,2,3,4]') },
  { label: 'cursor {}', value: b64('{}') },
  { label: 'cursor [null]', value: b64('[null]') },
  { label: 'cursor [1e309]', value: b64('[1e309]') },
  { label: 'cursor [-1]', value: b64('[-1]') },
  { label: 'cursor [1.5]', value: b64('[1.5]') },
  { label: 'cursor 2^53+1', value: b64('[9007199254740993]') },
  { label: 'cursor bad date', value: b64('["2026-99-99T00:00:00.000Z",1]') },
  { label: 'cursor strings', value: b64('["x","y"]') },
  { label: 'cursor 3 mixed', value: b64('[0,"2026-01-01T00:00:00.000Z","z"]') },
  { label: 'cursor nested', value: b64('[[1],{"a":2}]') },
  { label: 'cursor not base64', value: '!!!***' },
  { label: 'cursor not JSON', value: b64('hello') },
];
const ENUMS: Bad[] = [
  { label: 'unknown enum', value: 'UNKNOWN_VALUE' },
  { label: 'enum wrong case', value: 'Owner' },
  { label: 'enum toString', value: 'toString' },
  { label: 'enum constructor', value: 'constructor' },
  { label: 'enum with space', value: 'normal ' },
];
const URL_ONLY: Bad[] = [
  { label: 'invalid UTF-8', value: new RawUrl('%ff%fe') },
  { label: 'lone percent', value: new RawUrl('%') },
  { label: 'encoded slash', value: new RawUrl('1%2F..%2F2') },
];

const DATE_NAME = /At$|Date$|^(from|to|preferredFrom|preferredTo|startsAt|endsAt|date|exp)$/;

function kind(f: Field): string {
  if (f.schema.enum) return 'enum';
  if (f.name === 'cursor') return 'cursor';
  if (f.schema.type === 'string' && DATE_NAME.test(f.name)) return 'date';
  return f.schema.type ?? 'string';
}

/** Every bad value worth sending for this field. */
export function badValues(f: Field, where: 'path' | 'query' | 'body', rng: Prng): Bad[] {
  const k = kind(f);
  const out: Bad[] = [...TYPES];
  if (k === 'number' || k === 'integer') out.push(...NUMBERS, ...STRINGS.slice(0, 6));
  else if (k === 'boolean')
    out.push({ label: 'string true', value: 'true' }, { label: 'one', value: 1 }, { label: 'yes', value: 'yes' }, ...STRINGS.slice(0, 3));
  else if (k === 'enum') out.push(...ENUMS, ...STRINGS.slice(0, 8), { label: 'number 99', value: 99 }, { label: 'float enum', value: 1.5 });
  else if (k === 'array') {
    const inner = f.schema.items ?? {};
    const one = (v: unknown, label: string): Bad => ({ label: `[${label}]`, value: [v] });
    out.push(one(-1, '-1'), one(2147483648, 'int32+1'), one(1.5, 'float'), one('x', 'string'), one(null, 'null'), one({}, '{}'), one(HUGE, '100k'));
    out.push({ label: '10k elements', value: Array.from({ length: 10_000 }, (_, i) => (inner.type === 'string' ? `v${i}` : i)) });
    out.push({ label: 'duplicates', value: [1, 1, 1] }, { label: 'string', value: 'a,b' }, { label: 'object', value: { 0: 1 } });
    if (inner.properties) out.push(one({ extra: 1 }, 'object with unknown field'), one(inner.properties, 'schema as value'));
  } else if (k === 'date') out.push(...DATES, ...STRINGS.slice(0, 8));
  else if (k === 'cursor') out.push(...CURSORS, ...STRINGS.slice(0, 6), { label: 'random base64', value: rng.bytes(rng.int(1, 40)).toString('base64url') });
  else out.push(...STRINGS, ...DATES.slice(0, 3), ...ENUMS.slice(0, 1));
  if (where !== 'body') out.push(...URL_ONLY);
  // non-JSON values (lone surrogates break encodeURIComponent) travel only in bodies
  return where === 'body'
    ? out
    : out.filter((b) => !(typeof b.value === 'string' && /[\ud800-\udfff]/.test(b.value) && !/[\ud800-\udbff][\udc00-\udfff]/.test(b.value)));
}

/** A plausible value, so that the one bad field gets past the others. */
export function goodValue(f: Field, ids: Record<string, number>, rng: Prng): unknown {
  const s: Schema = f.schema;
  if (s.enum?.length) return rng.pick(s.enum);
  if (s.type === 'array') {
    if (/photoIds/.test(f.name)) return [];
    return [goodValue({ name: f.name.replace(/s$/, ''), schema: s.items ?? {}, required: true }, ids, rng)];
  }
  if (s.properties) return Object.fromEntries(Object.entries(s.properties).map(([n, p]) => [n, goodValue({ name: n, schema: p, required: true }, ids, rng)]));
  if (s.type === 'number' || s.type === 'integer') {
    if (f.name in ids) return ids[f.name];
    if (/id$/i.test(f.name)) return rng.int(1, 4);
    const byName: Record<string, number> = { year: 2026, version: 1, rating: 4, quantity: 1, priceCents: 1500, floor: 3, areaCenti: 8900, limit: 5 };
    return byName[f.name] ?? rng.int(1, 50);
  }
  if (s.type === 'boolean') return rng.next() < 0.5;
  const byName: Record<string, string> = {
    month: '2026-11',
    quarter: '2026Q4',
    handoverDate: '2026-01-15',
    date: '2026-10-01',
    username: 'fuzz-nobody',
    password: 'fuzz-pass-1234',
    code: `fuzz${rng.int(1, 9)}`,
    phone: '13800009999',
    contactPhone: '13800009999',
    ownerPhone: '13800009999',
    wecomWebhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=fuzz',
    refreshToken: 'not-a-real-refresh-token',
  };
  if (f.name in byName) return byName[f.name];
  if (DATE_NAME.test(f.name)) return new Date(Date.UTC(2026, 11, 2, 2 + rng.int(0, 20))).toISOString();
  if (typeof s.example === 'string') return s.example;
  return `fuzz 测试 ${rng.int(1, 999)}`;
}
