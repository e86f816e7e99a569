/** WeCom (企业微信) group robots are posted to at this address only; anything else would leak staff ticket data. */
export const WECOM_WEBHOOK_BASE = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send';

/** What the staff app shows when an address is refused. */
export const wecomWebhookHint = (base: string = WECOM_WEBHOOK_BASE) => `企业微信机器人地址必须是 ${base}?key=… （群机器人的 Webhook 地址）`;

/**
 * Whether `url` is a robot address: exactly `<base>?key=<key>` (the key letters, digits and `-`/`_`), no other host,
 * path, user info, fragment or parameter. `base` is WECOM_WEBHOOK_BASE unless configured (tests use a loopback fake).
 */
export function isWecomWebhook(url: string, base: string = WECOM_WEBHOOK_BASE): boolean {
  const m = /^(.*)\?key=([A-Za-z0-9_-]{1,128})$/.exec(url.trim());
  if (!m || m[1] !== base) return false;
  try {
    const u = new URL(url);
    const b = new URL(base);
    return u.origin === b.origin && u.pathname === b.pathname && !u.username && !u.password && !u.hash && [...u.searchParams.keys()].join() === 'key';
  } catch {
    return false;
  }
}
