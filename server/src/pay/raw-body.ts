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
    fn: (req: { url: string; rawBody?: string }, reply: unknown, payload: AsyncIterable<Buffer>) => Promise<AsyncIterable<Buffer> | Readable>,
  ): unknown;
};

/** Keeps the exact bytes of WeChat Pay callbacks (their signature covers the body as sent) in `req.rawBody`. */
export function keepNotifyRawBody(fastify: Fastify) {
  fastify.addHook('preParsing', async (req, _reply, payload) => {
    if (!isNotifyPath(req.url)) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const c of payload) {
      size += c.length;
      // not a callback: handed on untouched (the body limit and the signature check refuse it)
      if (size > MAX_NOTIFY_BYTES) return Readable.from(rest([...chunks, c], payload));
      chunks.push(c);
    }
    const raw = Buffer.concat(chunks);
    req.rawBody = raw.toString('utf8');
    return Readable.from([raw]);
  });
}

async function* rest(read: Buffer[], payload: AsyncIterable<Buffer>) {
  yield* read;
  for await (const c of payload) yield c;
}
