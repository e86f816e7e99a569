import { LoginResponse, NotificationView, Page, RESIDENT_TEMPLATES, STAFF_TEMPLATES } from '@linli/shared';
import { TestApp } from './test-app';

export const RES = { appid: 'wx-resident-appid', secret: 'resident-secret' };
export const STAFF = { appid: 'wx-staff-appid', secret: 'staff-secret' };
export const SUBSCRIBE = '/cgi-bin/message/subscribe/send';

/** template key → a fake WeChat template ID ("T-<key>") */
export const WX_TEMPLATES = Object.fromEntries([...RESIDENT_TEMPLATES, ...STAFF_TEMPLATES].map((k) => [k, `T-${k}`]));

/** Server env for notifications against fake WeChat / WeCom servers; the worker and the sweeper are run by the test. */
export function notifyEnv(wechatUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    WECHAT_API_BASE: wechatUrl,
    WECHAT_RESIDENT_APPID: RES.appid,
    WECHAT_RESIDENT_SECRET: RES.secret,
    WECHAT_STAFF_APPID: STAFF.appid,
    WECHAT_STAFF_SECRET: STAFF.secret,
    NOTIFY_WX_TEMPLATES: JSON.stringify(WX_TEMPLATES),
    NOTIFY_BACKOFF_BASE_MS: '1',
    NOTIFY_BACKOFF_CAP_MS: '5',
    NOTIFY_MAX_ATTEMPTS: '3',
    ...extra,
  };
}

export function notifyApi(t: TestApp) {
  const api = {
    /** only the worker's fan-out: committed ticket events → inbox and outbox rows (a running server does it after each commit) */
    expand: async () => (await t.post('/api/test/jobs/notify-expand')).body.expanded as number,
    deliver: async () => (await t.post('/api/test/jobs/notify-deliver')).body.delivered as number,
    sweep: async () => (await t.post('/api/test/jobs/sla-sweep')).body.fired as number,
    /** runs the worker until nothing is due (retries wait a few ms of backoff) */
    drain: async (rounds = 10) => {
      for (let i = 0; i < rounds; i++) {
        await api.deliver();
        const due = await t.query("SELECT COUNT(*) AS n FROM outbox WHERE status IN ('pending', 'sending')");
        if (!Number(due[0].n)) return;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    /** links a user to an openid of the app, as wx login would */
    linkOpenid: async (userId: number, app: 'resident' | 'staff', openid: string) => {
      await t.query('DELETE FROM wechat_identities WHERE user_id = ? AND app = ?', [userId, app]);
      await t.query('INSERT INTO wechat_identities (user_id, app, appid, openid, unionid) VALUES (?, ?, ?, ?, NULL)', [
        userId,
        app,
        app === 'resident' ? RES.appid : STAFF.appid,
        openid,
      ]);
    },
    inbox: async (who: LoginResponse, query = '') => {
      await api.expand();
      return (await t.get<Page<NotificationView>>(`/api/notifications${query ? `?${query}` : ''}`, { token: who.accessToken })).body;
    },
    unread: async (who: LoginResponse) => {
      await api.expand();
      return (await t.get<{ unread: number }>('/api/notifications/unread-count', { token: who.accessToken })).body.unread;
    },
    /** outbox rows (after the fan-out of what has been committed) */
    outbox: async (where: string, params: unknown[] = []) => {
      await api.expand();
      return t.query(`SELECT * FROM outbox WHERE ${where} ORDER BY id`, params);
    },
    balance: async (userId: number, template: string) =>
      Number((await t.query('SELECT balance FROM subscribe_balances WHERE user_id = ? AND template = ?', [userId, template]))[0]?.balance ?? 0),
  };
  return api;
}
