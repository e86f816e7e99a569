import { describe, expect, it } from '@jest/globals';
import { isWecomWebhook, WECOM_MARKDOWN_MAX_BYTES, WECOM_WEBHOOK_BASE, wecomMarkdown, wecomWebhookHint } from './wecom-webhook';

describe('isWecomWebhook', () => {
  it('accepts only the WeCom robot address with a key', () => {
    expect(isWecomWebhook('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa')).toBe(true);
    expect(isWecomWebhook(`${WECOM_WEBHOOK_BASE}?key=abc_DEF-123`)).toBe(true);
  });
  it('refuses any other host, scheme, path, user info, extra parameter or missing key', () => {
    for (const url of [
      'http://example.com/hook',
      'http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc',
      'https://qyapi.weixin.qq.com.evil.com/cgi-bin/webhook/send?key=abc',
      'https://evil.com/?https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc',
      'https://user@qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send/../x?key=abc',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc&debug=1',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc#x',
      'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=a b',
      'ftp://x',
      '',
    ])
      expect(isWecomWebhook(url)).toBe(false);
  });
  it('the base is configurable (a loopback fake in tests)', () => {
    expect(isWecomWebhook('http://127.0.0.1:4000/cgi-bin/webhook/send?key=k', 'http://127.0.0.1:4000/cgi-bin/webhook/send')).toBe(true);
    expect(isWecomWebhook('http://127.0.0.1:4000/cgi-bin/webhook/send?key=k')).toBe(false);
    expect(wecomWebhookHint()).toContain('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=');
  });
});

describe('wecomMarkdown', () => {
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  it('keeps a short message whole', () => {
    expect(wecomMarkdown('新报修 BX-1', '1栋1单元：漏水')).toBe('**新报修 BX-1**\n> 1栋1单元：漏水');
  });
  it('cuts a long one to 4096 UTF-8 bytes as WeCom counts them, never inside a character or an emoji', () => {
    for (const body of ['停'.repeat(3000), '😀'.repeat(2000), 'a'.repeat(5000), `${'停'.repeat(1360)}😀😀`]) {
      const md = wecomMarkdown('停水通知', body);
      expect(bytes(md)).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
      expect(bytes(md)).toBeGreaterThan(WECOM_MARKDOWN_MAX_BYTES - 8);
      expect(md.endsWith('…')).toBe(true);
      expect(md).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });
});
