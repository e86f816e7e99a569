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

/** WeCom's robot refuses a markdown message over 4096 bytes of UTF-8 (errcode 40058). */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

/**
 * The robot's markdown for a message: the title in bold, the body quoted, cut to WeCom's limit as WeCom counts it
 * (UTF-8 bytes: a Chinese character is 3, an emoji 4), at a character boundary, with … when cut.
 */
export function wecomMarkdown(title: string, body: string): string {
  const content = `**${title}**\n> ${body}`;
  if (utf8Bytes(content) <= WECOM_MARKDOWN_MAX_BYTES) return content;
  let out = '';
  let bytes = utf8Bytes('…');
  for (const ch of content) {
    const n = utf8Bytes(ch);
    if (bytes + n > WECOM_MARKDOWN_MAX_BYTES) break;
    out += ch;
    bytes += n;
  }
  return `${out}…`;
}

function utf8Bytes(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}
