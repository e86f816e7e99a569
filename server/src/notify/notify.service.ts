import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotifyTemplate, wxSubscribable } from '@linli/shared';
import { CommunityChannel, Notification, OutboxMessage, OutboxPayload } from './notify.entities';

export interface Message {
  template: NotifyTemplate;
  title: string;
  body: string;
  link: string | null;
  /** subscribe-message keywords (formatted by wxTemplateData when sent) */
  wx: Record<string, unknown>;
}

export interface Enqueue {
  companyId: number;
  communityId: number;
  /** unique per cause, e.g. ticket:12:event:34 or clock:5:level:2; the recipient and channel are appended */
  key: string;
  recipients: number[];
  app: 'resident' | 'staff';
  msg: Message;
  /** also post to the community's WeCom group robot (staff and managers) */
  wecom?: boolean;
  /** the community's webhook when the caller already read it with its own query (saves the lookup; null: none) */
  wecomWebhookUrl?: string | null;
  /** who of the recipients also gets a WeChat message (default: all of them) */
  pushTo?: number[];
  /** write inbox rows (default true; false for a push that only summarizes rows already in the inbox) */
  inbox?: boolean;
  at: Date;
}

/**
 * Enqueues notifications inside the caller's transaction: an inbox row for every recipient (always), a WeChat
 * outbox row for every recipient (of templates users can subscribe to), and one WeCom outbox row for the community
 * when asked. Every row has a unique dedupe key, so the same cause is never queued twice (INSERT … IGNORE).
 */
@Injectable()
export class NotifyService {
  async enqueue(em: EntityManager, e: Enqueue): Promise<void> {
    await this.enqueueMany(em, [e]);
  }

  /** Several messages (one per room of a building reminder, say) in one insert per table. */
  async enqueueMany(em: EntityManager, list: readonly Enqueue[]): Promise<void> {
    const rows: Awaited<ReturnType<NotifyService['rowsOf']>>[] = [];
    for (const e of list) rows.push(await this.rowsOf(em, e));
    const inbox = rows.flatMap((r) => r.inbox);
    const outbox = rows.flatMap((r) => r.outbox);
    if (inbox.length) await em.createQueryBuilder().insert().into(Notification).values(inbox).orIgnore().execute();
    if (outbox.length)
      await em
        .createQueryBuilder()
        .insert()
        .into(OutboxMessage)
        .values(outbox as never)
        .orIgnore()
        .execute();
  }

  private async rowsOf(em: EntityManager, e: Enqueue): Promise<{ inbox: Partial<Notification>[]; outbox: Partial<OutboxMessage>[] }> {
    const recipients = [...new Set(e.recipients)];
    const payload: OutboxPayload = { title: e.msg.title, body: e.msg.body, link: e.msg.link, app: e.app, wx: e.msg.wx, communityId: e.communityId };
    const inbox = (e.inbox === false ? [] : recipients).map((r) => ({
      dedupeKey: `${e.key}:inbox:${r}`,
      companyId: e.companyId,
      recipientId: r,
      template: e.msg.template,
      title: e.msg.title.slice(0, 100),
      body: e.msg.body.slice(0, 500),
      link: e.msg.link,
      createdAt: e.at,
      readAt: null,
    }));
    // a template nobody can subscribe to can never be delivered by WeChat: no rows for it
    const wechatTo = wxSubscribable(e.msg.template) ? (e.pushTo ? recipients.filter((r) => e.pushTo!.includes(r)) : recipients) : [];
    const outbox: Partial<OutboxMessage>[] = wechatTo.map((r) => ({
      dedupeKey: `${e.key}:wechat:${r}`,
      companyId: e.companyId,
      recipientId: r,
      channel: 'wechat',
      template: e.msg.template,
      payload,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: e.at,
      lastError: null,
      createdAt: e.at,
      sentAt: null,
    }));
    if (e.wecom) {
      const hook =
        e.wecomWebhookUrl !== undefined ? e.wecomWebhookUrl : (await em.findOneBy(CommunityChannel, { communityId: e.communityId }))?.wecomWebhookUrl;
      if (hook)
        outbox.push({
          dedupeKey: `${e.key}:wecom:${e.communityId}`,
          companyId: e.companyId,
          recipientId: null,
          channel: 'wecom',
          template: e.msg.template,
          payload,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: e.at,
          lastError: null,
          createdAt: e.at,
          sentAt: null,
        });
    }
    return { inbox, outbox };
  }
}
