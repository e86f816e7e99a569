import { Readable } from 'node:stream';

export const NOTIFY_PATH = '/api/pay/notify';
const NOTIFY_PATHS = [NOTIFY_PATH, '/api/pay/refund-notify'];
/** WeChat Pay's callback routes: they answer in WeChat Pay's failure shape {code: 'FAIL', message}, whatever went wrong */
export const isNotifyPath = (url: string | undefined) => NOTIFY_PATHS.includes((url ?? '').split('?')[0]);
/** WeChat Pay's callbacks are small; anything larger is not one */
const MAX_NOTIFY_BYTES = 64 * 1024;

type Fastify = {
  addHook(
    name: 'preParsing',
    fn: (
      req: { url: string; headers: Record<string, unknown>; rawBody?: string },
      reply: unknown,
      payload: AsyncIterable<Buffer>,
    ) => Promise<AsyncIterable<Buffer> | Readable>,
  ): unknown;
};

/** Keeps the exact bytes of WeChat Pay callbacks (their signature covers the body as sent) in `req.rawBody`. */
export function keepNotifyRawBody(fastify: Fastify) {
  fastify.addHook('preParsing', async (req, _reply, payload) => {
    if (!isNotifyPath(req.url)) return payload;
    // declared too large: refused from its headers (by the body limit or the signature), not read first
    if (Number(req.headers['content-length']) > MAX_NOTIFY_BYTES) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    // one iterator, read on by rest(): leaving a for-await loop early would destroy the request stream
    const it = payload[Symbol.asyncIterator]();
    for (let r = await it.next(); !r.done; r = await it.next()) {
      size += r.value.length;
      // not a callback: handed on untouched (the body limit and the signature check refuse it)
      if (size > MAX_NOTIFY_BYTES) return Readable.from(rest([...chunks, r.value], it));
      chunks.push(r.value);
    }
    const raw = Buffer.concat(chunks);
    req.rawBody = raw.toString('utf8');
    return Readable.from([raw]);
  });
}

async function* rest(read: Buffer[], it: AsyncIterator<Buffer>) {
  yield* read;
  for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
}
