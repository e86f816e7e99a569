import { describe, expect, it } from '@jest/globals';
import { isWecomWebhook, WECOM_WEBHOOK_BASE, wecomWebhookHint } from './wecom-webhook';

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
