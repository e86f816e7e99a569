import { Injectable } from '@nestjs/common';
import { isWecomWebhook, notificationPage, wecomMarkdown, wxTemplateData } from '@linli/shared';
import { AppError } from '../common/app-error';
import { AppConfig } from '../config/app-config';
import { WechatClient } from '../wechat/wechat.client';
import { OutboxPayload } from './notify.entities';

/** The outcome of one delivery attempt. `retry`: transient (network, 5xx, rate limit); the others are final. */
export type SendResult =
  { outcome: 'sent' } | { outcome: 'retry'; error: string } | { outcome: 'failed'; error: string } | { outcome: 'skipped'; error: string };

/** errcodes of subscribe/send that mean "try again later" rather than "never" */
const WX_TRANSIENT = new Set([-1, 45009, 45011]);

/** WeChat mini-program subscribe messages. */
@Injectable()
export class WechatSubscribeChannel {
  constructor(
    private readonly wx: WechatClient,
    private readonly cfg: AppConfig,
  ) {}

  templateId(template: string): string | null {
    return this.cfg.wxTemplates[template] ?? null;
  }

  async send(openid: string, template: string, p: OutboxPayload): Promise<SendResult> {
    const templateId = this.templateId(template);
    if (!templateId) return { outcome: 'skipped', error: 'no_template: 未配置该模板的微信模板 ID' };
    try {
      const r = await this.wx.subscribeSend(p.app ?? 'resident', {
        touser: openid,
        template_id: templateId,
        page: notificationPage(p.link, p.app ?? 'resident') ?? undefined,
        data: wxTemplateData(p.wx ?? {}),
        miniprogram_state: this.cfg.isProduction ? 'formal' : 'developer',
      });
      if (r.errcode === 0) return { outcome: 'sent' };
      const error = `wechat ${r.errcode}: ${r.errmsg}`.slice(0, 500);
      if (r.errcode === 43101) return { outcome: 'skipped', error };
      if (WX_TRANSIENT.has(r.errcode)) return { outcome: 'retry', error };
      return { outcome: 'failed', error };
    } catch (e) {
      return { outcome: 'retry', error: describe(e) };
    }
  }
}

/** A WeCom (企业微信) group robot: POST {msgtype: markdown} to the community's webhook URL. */
@Injectable()
export class WecomRobotChannel {
  constructor(private readonly cfg: AppConfig) {}

  async send(webhookUrl: string, p: OutboxPayload): Promise<SendResult> {
    // an address saved before it was checked: staff ticket data goes to WeCom's robot API only
    if (!isWecomWebhook(webhookUrl, this.cfg.WECOM_WEBHOOK_BASE)) return { outcome: 'skipped', error: 'bad_webhook: 企业微信机器人地址无效，未推送' };
    const content = wecomMarkdown(p.title, p.body);
    let res: Response;
    try {
      res = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
        signal: AbortSignal.timeout(this.cfg.WECHAT_TIMEOUT_MS),
      });
    } catch (e) {
      return { outcome: 'retry', error: describe(e) };
    }
    const text = await res.text();
    if (res.status >= 500 || res.status === 429) return { outcome: 'retry', error: `wecom http ${res.status}` };
    let body: { errcode?: number; errmsg?: string } = {};
    try {
      body = JSON.parse(text);
    } catch {
      return { outcome: 'failed', error: `wecom http ${res.status}: ${text.slice(0, 200)}` };
    }
    if (res.status === 200 && !body.errcode) return { outcome: 'sent' };
    const error = `wecom ${body.errcode ?? res.status}: ${body.errmsg ?? ''}`.slice(0, 500);
    // 45009: the robot's 20-messages-a-minute limit
    return body.errcode === 45009 || body.errcode === -1 ? { outcome: 'retry', error } : { outcome: 'failed', error };
  }
}

function describe(e: unknown): string {
  if (e instanceof AppError) return `${e.message} ${JSON.stringify(e.details ?? {})}`.slice(0, 500);
  return String((e as Error)?.message ?? e).slice(0, 500);
}
