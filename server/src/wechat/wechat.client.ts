import { Injectable, Logger } from '@nestjs/common';
import { App, ErrorCode } from '@linli/shared';
import { AppConfig } from '../config/app-config';
import { AppError } from '../common/app-error';

export interface Code2SessionResult {
  openid: string;
  unionid: string | null;
}

interface WxResponse {
  errcode?: number;
  errmsg?: string;
}

/** errcodes that mean the cached access token is no longer valid */
const TOKEN_INVALID = new Set([40001, 42001, 40014]);

/**
 * The WeChat server API over HTTP (base URL configurable so tests point it at a fake server on loopback).
 * Access tokens come from `stable_token` and are cached per app until shortly before they expire.
 */
@Injectable()
export class WechatClient {
  private readonly log = new Logger(WechatClient.name);
  private readonly tokens = new Map<string, { token: string; expiresAt: number; pending?: Promise<string> }>();

  constructor(private readonly cfg: AppConfig) {}

  credentials(app: App): { appid: string; secret: string } | null {
    const appid = app === 'resident' ? this.cfg.WECHAT_RESIDENT_APPID : this.cfg.WECHAT_STAFF_APPID;
    const secret = app === 'resident' ? this.cfg.WECHAT_RESIDENT_SECRET : this.cfg.WECHAT_STAFF_SECRET;
    return appid && secret ? { appid, secret } : null;
  }

  private need(app: App) {
    const c = this.credentials(app);
    if (!c) throw new AppError(503, ErrorCode.WechatError, '该小程序尚未配置微信 AppID，无法使用微信登录');
    return c;
  }

  /** wx.login code → openid (and unionid when the app is bound to an open platform account). */
  async code2Session(app: App, code: string): Promise<Code2SessionResult & { appid: string }> {
    const { appid, secret } = this.need(app);
    const q = new URLSearchParams({ appid, secret, js_code: code, grant_type: 'authorization_code' });
    const r = await this.call<WxResponse & { openid?: string; unionid?: string }>('GET', `/sns/jscode2session?${q}`);
    if (r.errcode || !r.openid) {
      // 40029 invalid code, 40163 code used, 45011 rate limited
      const status = r.errcode === 40029 || r.errcode === 40163 ? 401 : 502;
      throw new AppError(status, ErrorCode.WechatError, status === 401 ? '微信登录凭证无效或已使用，请重试' : undefined, {
        errcode: r.errcode,
        errmsg: r.errmsg,
      });
    }
    return { appid, openid: r.openid, unionid: r.unionid ?? null };
  }

  /** getPhoneNumber button code → the phone number the user chose to share. */
  async phoneNumber(app: App, code: string): Promise<string> {
    const r = await this.withToken(app, (token) =>
      this.call<WxResponse & { phone_info?: { purePhoneNumber?: string; phoneNumber?: string } }>(
        'POST',
        `/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(token)}`,
        { code },
      ),
    );
    const phone = r.phone_info?.purePhoneNumber ?? r.phone_info?.phoneNumber;
    if (r.errcode || !phone)
      throw new AppError(r.errcode === 40029 ? 400 : 502, ErrorCode.WechatError, '获取手机号失败，请重试', { errcode: r.errcode, errmsg: r.errmsg });
    return phone;
  }

  /**
   * Sends one subscribe message (cgi-bin/message/subscribe/send). Returns WeChat's errcode (0 = sent); network
   * failures and 5xx throw a 502 WECHAT_ERROR, which the caller retries.
   */
  async subscribeSend(
    app: App,
    msg: { touser: string; template_id: string; page?: string; data: Record<string, { value: string }>; miniprogram_state?: string },
  ): Promise<{ errcode: number; errmsg: string }> {
    const r = await this.withToken(app, (token) =>
      this.call<WxResponse>('POST', `/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(token)}`, { lang: 'zh_CN', ...msg }),
    );
    return { errcode: r.errcode ?? 0, errmsg: r.errmsg ?? 'ok' };
  }

  async accessToken(app: App, forceRefresh = false): Promise<string> {
    const { appid, secret } = this.need(app);
    const cached = this.tokens.get(appid);
    if (!forceRefresh && cached && cached.expiresAt > Date.now()) return cached.token;
    if (cached?.pending) return cached.pending;
    const pending = (async () => {
      const r = await this.call<WxResponse & { access_token?: string; expires_in?: number }>('POST', '/cgi-bin/stable_token', {
        grant_type: 'client_credential',
        appid,
        secret,
        force_refresh: forceRefresh,
      });
      if (r.errcode || !r.access_token) throw new AppError(502, ErrorCode.WechatError, undefined, { errcode: r.errcode, errmsg: r.errmsg });
      // refresh 5 minutes early so a token never expires in flight
      this.tokens.set(appid, { token: r.access_token, expiresAt: Date.now() + Math.max((r.expires_in ?? 7200) - 300, 60) * 1000 });
      return r.access_token;
    })();
    this.tokens.set(appid, { token: cached?.token ?? '', expiresAt: 0, pending });
    try {
      return await pending;
    } catch (e) {
      this.tokens.delete(appid);
      throw e;
    }
  }

  /** Runs an access-token call; on an invalid-token errcode refreshes the token once and tries again. */
  async withToken<T extends WxResponse>(app: App, fn: (token: string) => Promise<T>): Promise<T> {
    const first = await fn(await this.accessToken(app));
    if (!first.errcode || !TOKEN_INVALID.has(first.errcode)) return first;
    this.log.warn(`access token rejected (${first.errcode}); refreshing once`);
    return fn(await this.accessToken(app, true));
  }

  /** One HTTP call. Network failures and non-JSON answers become a 502 WECHAT_ERROR. */
  async call<T>(method: 'GET' | 'POST', pathAndQuery: string, body?: unknown): Promise<T> {
    const url = this.cfg.WECHAT_API_BASE.replace(/\/$/, '') + pathAndQuery;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: body === undefined ? undefined : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.cfg.WECHAT_TIMEOUT_MS),
      });
    } catch (e) {
      throw new AppError(502, ErrorCode.WechatError, undefined, { reason: (e as Error).message });
    }
    const text = await res.text();
    if (res.status >= 500) throw new AppError(502, ErrorCode.WechatError, undefined, { httpStatus: res.status });
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new AppError(502, ErrorCode.WechatError, undefined, { httpStatus: res.status, body: text.slice(0, 200) });
    }
  }
}
