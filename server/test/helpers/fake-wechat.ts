import * as http from 'node:http';
import { wxInvalidField } from './wx-rules';

const SUBSCRIBE_SEND = '/cgi-bin/message/subscribe/send';

export interface FakeCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: any;
}

type Handler = (call: FakeCall) => { status?: number; body: unknown } | undefined;

/**
 * A stand-in for api.weixin.qq.com on a loopback port. Default answers follow WeChat's documented
 * shapes; a test can override any path with `on(path, handler)` and read every call in `calls`.
 * STRICT like WeChat: a subscribe message whose data breaks a field rule (UTF-16 length, allowed characters, empty)
 * is refused with 47003 before any handler runs, and listed in `refused`.
 */
export class FakeWechat {
  readonly calls: FakeCall[] = [];
  private readonly handlers = new Map<string, Handler>();
  private server!: http.Server;
  url = '';
  tokenSerial = 0;
  /** answer every call but the token's this much later (a slow WeChat) */
  delayMs = 0;
  /** code → [openid, unionid?] for jscode2session */
  readonly sessions = new Map<string, [string, string?]>();
  /** code → phone for getuserphonenumber */
  readonly phones = new Map<string, string>();
  /** subscribe messages refused as WeChat would (47003), robot messages as WeCom would (40058) */
  readonly refused: FakeCall[] = [];

  async start() {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://x');
        let body: unknown = null;
        try {
          body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null;
        } catch {
          body = Buffer.concat(chunks).toString('utf8');
        }
        const call: FakeCall = { method: req.method ?? 'GET', path: u.pathname, query: Object.fromEntries(u.searchParams), body };
        this.calls.push(call);
        const answer = () => {
          const out = this.strict(call) ?? this.handlers.get(u.pathname)?.(call) ?? this.default(call);
          res.writeHead(out.status ?? 200, { 'content-type': 'application/json' });
          res.end(typeof out.body === 'string' ? out.body : JSON.stringify(out.body));
        };
        if (this.delayMs && u.pathname !== '/cgi-bin/stable_token') setTimeout(answer, this.delayMs);
        else answer();
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
    return this;
  }

  on(path: string, h: Handler) {
    this.handlers.set(path, h);
  }
  off(path: string) {
    this.handlers.delete(path);
  }
  callsTo(path: string) {
    return this.calls.filter((c) => c.path === path);
  }

  private strict(call: FakeCall): { status?: number; body: unknown } | undefined {
    // a WeCom group robot (the same fake serves as qyapi): markdown over 4096 bytes of UTF-8 is refused
    if (call.path === '/cgi-bin/webhook/send' && Buffer.byteLength(String(call.body?.markdown?.content ?? ''), 'utf8') > 4096) {
      this.refused.push(call);
      return { body: { errcode: 40058, errmsg: 'markdown.content exceed max length 4096. invalid Request Parameter' } };
    }
    if (call.path !== SUBSCRIBE_SEND) return undefined;
    const bad = wxInvalidField(call.body?.data);
    if (bad === null) return undefined;
    this.refused.push(call);
    return { body: { errcode: 47003, errmsg: `argument invalid! data.${bad}.value invalid rid: fake` } };
  }

  private default(call: FakeCall): { status?: number; body: unknown } {
    switch (call.path) {
      case '/sns/jscode2session': {
        const s = this.sessions.get(call.query.js_code);
        if (!s) return { body: { errcode: 40029, errmsg: 'invalid code' } };
        return { body: { openid: s[0], session_key: 'sk', ...(s[1] ? { unionid: s[1] } : {}) } };
      }
      case '/cgi-bin/stable_token':
        return { body: { access_token: `token-${++this.tokenSerial}`, expires_in: 7200 } };
      case '/wxa/business/getuserphonenumber': {
        const phone = this.phones.get(call.body?.code);
        if (!phone) return { body: { errcode: 40029, errmsg: 'invalid code' } };
        return { body: { errcode: 0, errmsg: 'ok', phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86' } } };
      }
      default:
        return { status: 404, body: { errcode: -1, errmsg: 'not found' } };
    }
  }

  async stop() {
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
