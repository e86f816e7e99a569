import { Operation, Field } from './openapi';
import { Prng } from './prng';
import { Bad, RawJson, RawUrl, badValues, goodValue } from './values';

export interface FuzzCase {
  op: Operation;
  role: string;
  /** what was broken, e.g. `query.cursor = cursor ["abc"]` */
  label: string;
  /** the mutated field (`path.id`, `query.cursor`, `body.visitAt`), for the known-issues list */
  field?: string;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body?: unknown;
  /** a body sent as this exact text (broken JSON, wrong content type, multipart) */
  raw?: { text: string | Buffer; contentType?: string };
}

export interface CaseContext {
  rng: Prng;
  roles: string[];
  ids: Record<string, number>;
  /** the valid-ish value a path parameter must keep for a route (e.g. the action name) */
  pathDefaults: (op: Operation, param: string) => unknown;
}

function base(op: Operation, ctx: CaseContext): Pick<FuzzCase, 'path' | 'query' | 'body'> {
  const good = (f: Field) => goodValue(f, ctx.ids, ctx.rng);
  const path = Object.fromEntries(op.pathParams.map((p) => [p.name, ctx.pathDefaults(op, p.name) ?? good(p)]));
  const query = Object.fromEntries(op.query.filter((q) => q.required).map((q) => [q.name, good(q)]));
  const body = op.body ? Object.fromEntries(op.body.filter((f) => f.required || ctx.rng.next() < 0.5).map((f) => [f.name, good(f)])) : undefined;
  return { path, query, body };
}

/** One probe per role: the valid-ish request, to learn which roles get past the guard. */
export function probes(op: Operation, ctx: CaseContext): FuzzCase[] {
  return ctx.roles.map((role) => ({ op, role, label: 'probe', ...base(op, ctx) }));
}

/**
 * Every field × every bad value, plus whole-body and multipart oddities. Roles rotate over those that
 * passed the guard in the probe (so the bad value reaches validation and the service), with a sixth
 * of the cases sent as any role.
 */
export function mutations(op: Operation, ctx: CaseContext, admitted: string[]): FuzzCase[] {
  const out: FuzzCase[] = [];
  let turn = ctx.rng.int(0, 100);
  const role = () => (admitted.length && ctx.rng.next() > 1 / 6 ? admitted[turn++ % admitted.length] : ctx.rng.pick(ctx.roles));
  const add = (label: string, change: (c: FuzzCase) => void, field?: string) => {
    const c: FuzzCase = { op, role: role(), label, field, ...base(op, ctx) };
    change(c);
    out.push(c);
  };
  const each = (where: 'path' | 'query' | 'body', fields: Field[]) => {
    for (const f of fields)
      for (const bad of badValues(f, where, ctx.rng)) add(`${where}.${f.name} = ${bad.label}`, (c) => set(c, where, f.name, bad), `${where}.${f.name}`);
  };
  each('path', op.pathParams);
  each('query', op.query);
  if (op.body) {
    each('body', op.body);
    for (const f of op.body.filter((x) => x.required)) add(`body.${f.name} missing`, (c) => delete (c.body as any)[f.name], `body.${f.name}`);
    add('body all optional fields', (c) => (c.body = Object.fromEntries(op.body!.map((f) => [f.name, goodValue(f, ctx.ids, ctx.rng)]))));
    add('body extra field', (c) => ((c.body as any).isAdmin = true));
    add('body __proto__', (c) => (c.raw = { text: `{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}` }));
    for (const text of ['[]', 'null', '"text"', '42', '{"a":', '', '{"a":1,"a":2}', '\ufeff{}'])
      add(`body raw ${JSON.stringify(text)}`, (c) => (c.raw = { text }));
    add('body as text/plain', (c) => (c.raw = { text: JSON.stringify(c.body), contentType: 'text/plain' }));
    add('body as form', (c) => (c.raw = { text: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded' }));
    add('body with charset latin1', (c) => (c.raw = { text: JSON.stringify(c.body), contentType: 'application/json; charset=latin1' }));
  }
  if (op.rawBody) {
    for (const text of [
      '',
      'a,b,c\n1,2',
      '\ufeff楼栋,单元,房号\n',
      'x'.repeat(100_000),
      '"unterminated\n1,2,3',
      ',,,,\n,,,,\n',
      `${'1栋,1单元,101,' + '9'.repeat(40)}\n`,
    ])
      add(`raw ${op.rawBody} ${JSON.stringify(text.slice(0, 20))}`, (c) => (c.raw = { text, contentType: op.rawBody }));
    add('raw as JSON', (c) => (c.raw = { text: '{"a":1}' }));
  }
  if (op.multipart) for (const m of multipartOddities(ctx.rng)) add(`multipart ${m.label}`, (c) => (c.raw = m.raw));
  add('query unknown param', (c) => (c.query.zzz = '1'));
  add('query repeated params', (c) => (c.query = Object.fromEntries(Object.entries(c.query).map(([k, v]) => [k, [v, v]]))));
  return out;
}

function set(c: FuzzCase, where: 'path' | 'query' | 'body', name: string, bad: Bad) {
  if (where === 'body') (c.body as any)[name] = bad.value;
  else c[where][name] = bad.value;
}

function multipartOddities(rng: Prng): { label: string; raw: { text: Buffer; contentType: string } }[] {
  const B = 'fuzzboundary';
  const part = (headers: string, body: Buffer | string) => Buffer.concat([Buffer.from(`--${B}\r\n${headers}\r\n\r\n`), Buffer.from(body), Buffer.from('\r\n')]);
  const end = Buffer.from(`--${B}--\r\n`);
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  const mk = (label: string, ...parts: Buffer[]) => ({
    label,
    raw: { text: Buffer.concat([...parts, end]), contentType: `multipart/form-data; boundary=${B}` },
  });
  return [
    mk('no parts'),
    mk('field only', part('Content-Disposition: form-data; name="x"', 'y')),
    mk('empty file', part('Content-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg', '')),
    mk('text as jpg', part('Content-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg', 'hello')),
    mk('truncated png', part('Content-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png', png)),
    mk('random bytes', part('Content-Disposition: form-data; name="file"; filename="../../x"\r\nContent-Type: application/octet-stream', rng.bytes(512))),
    mk('emoji filename', part('Content-Disposition: form-data; name="file"; filename="😀%_\'\\";--.jpg"\r\nContent-Type: image/jpeg', rng.bytes(64))),
    mk(
      'two files',
      part('Content-Disposition: form-data; name="file"; filename="a.png"', png),
      part('Content-Disposition: form-data; name="file"; filename="b.png"', png),
    ),
    mk('11 fields', ...Array.from({ length: 11 }, (_, i) => part(`Content-Disposition: form-data; name="f${i}"`, 'v'))),
    mk('no disposition', part('Content-Type: image/png', png)),
    { label: 'no boundary', raw: { text: Buffer.from('garbage'), contentType: 'multipart/form-data' } },
    {
      label: 'unterminated',
      raw: { text: part('Content-Disposition: form-data; name="file"; filename="a.png"', png), contentType: `multipart/form-data; boundary=${B}` },
    },
  ];
}

/** The request line and body of a case. */
export function encode(c: FuzzCase): { url: string; body?: string | Buffer; contentType?: string } {
  let path = c.op.path;
  for (const [k, v] of Object.entries(c.path)) path = path.replace(`{${k}}`, urlPart(v));
  const qs: string[] = [];
  const addQ = (k: string, v: unknown) => {
    if (Array.isArray(v)) v.forEach((x) => addQ(k, x));
    else if (v && typeof v === 'object' && !(v instanceof RawUrl) && !(v instanceof RawJson)) Object.entries(v).forEach(([sk, sv]) => addQ(`${k}[${sk}]`, sv));
    else qs.push(`${encodeURIComponent(k)}=${urlPart(v)}`);
  };
  Object.entries(c.query).forEach(([k, v]) => addQ(k, v));
  const url = path + (qs.length ? `?${qs.join('&')}` : '');
  if (c.raw) return { url, body: c.raw.text, contentType: c.raw.contentType ?? 'application/json' };
  if (c.body === undefined) return { url };
  return { url, body: jsonText(c.body), contentType: 'application/json' };
}

function urlPart(v: unknown): string {
  if (v instanceof RawUrl) return v.raw;
  if (v instanceof RawJson) return encodeURIComponent(v.json);
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return encodeURIComponent(JSON.stringify(v));
  return encodeURIComponent(String(v));
}

function jsonText(v: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(v, (_k, x) => (x instanceof RawJson ? `\u0000raw${raws.push(x.json) - 1}\u0000` : x));
  return text.replace(/"\\u0000raw(\d+)\\u0000"/g, (_m, i) => raws[Number(i)]);
}
