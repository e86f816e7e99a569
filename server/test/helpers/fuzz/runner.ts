import { FuzzCase, encode } from './cases';

export interface Outcome {
  c: FuzzCase;
  status: number;
  text: string;
}

/** Sends the cases with `concurrency` requests in flight; the outcome of case i is at index i. */
export async function sendAll(baseUrl: string, tokens: Record<string, string | undefined>, cases: FuzzCase[], concurrency: number): Promise<Outcome[]> {
  const out: Outcome[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      out[i] = await send(baseUrl, tokens[cases[i].role], cases[i]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

export async function send(baseUrl: string, token: string | undefined, c: FuzzCase): Promise<Outcome> {
  const { url, body, contentType } = encode(c);
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (contentType) headers['content-type'] = contentType;
  try {
    const res = await fetch(baseUrl + url, { method: c.op.method, headers, body: body as BodyInit | undefined, signal: AbortSignal.timeout(30_000) });
    return { c, status: res.status, text: await res.text() };
  } catch (e) {
    return { c, status: 0, text: `no response: ${(e as Error).message}` };
  }
}

/** Why an outcome fails the run (null: it is fine). */
export function verdict(o: Outcome): string | null {
  if (o.status === 0 || o.status >= 500) return `${o.status || 'no response'}`;
  if (o.status >= 400) {
    let body: any;
    try {
      body = JSON.parse(o.text);
    } catch {
      /* not JSON */
    }
    if (!body || typeof body.code !== 'string' || typeof body.message !== 'string') return `${o.status} without {code, message}`;
  }
  return null;
}

/** One line per failing outcome, enough to replay it. */
export function describe(o: Outcome, why: string): string {
  const { url, body } = encode(o.c);
  const shown = (s: string | Buffer | undefined, n: number) => {
    const t = s === undefined ? '' : s.toString();
    return t.length > n ? `${t.slice(0, n)}…(${t.length} chars)` : t;
  };
  return `[${why}] ${o.c.op.method} ${shown(url, 300)} as ${o.c.role} (${o.c.label})\n    body: ${shown(body, 300)}\n    → ${o.status} ${shown(o.text, 400)}`;
}
