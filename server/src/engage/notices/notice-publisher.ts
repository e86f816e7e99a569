import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OUTAGE_UTILITY_LABELS, outageLine, outageReminderDue, OutageUtility } from '@linli/shared';
import { NotifyService } from '../../notify/notify.service';
import { Notice } from './notice.entities';
import { ROOM_TARGETED } from './notice-rows';

/** What an outage message needs of its notice. */
export interface OutageFacts {
  id: number;
  companyId: number;
  communityId: number;
  title: string;
  utility: string | null;
  startsAt: Date | null;
  endsAt: Date | null;
}

/**
 * Publishing: the status change and, for outages, the message to every resident of a targeted room (inbox and
 * WeChat outbox, one transaction). The reminder an hour before the start goes out once: `reminded_at` is claimed
 * with a compare-and-set, and the notification keys are unique besides.
 */
@Injectable()
export class NoticePublisher {
  constructor(private readonly notify: NotifyService) {}

  /** Publishes a draft / scheduled notice at `at` (compare-and-set on the version and status); false if it changed. */
  async publish(em: EntityManager, n: OutageFacts & { kind: string; version: number }, by: number | null, at: Date): Promise<boolean> {
    // published within the hour before the outage: the publish message is the reminder
    const remindedNow = n.kind === 'outage' && n.startsAt && (outageReminderDue(n.startsAt, at) || n.startsAt <= at);
    const res = await em
      .createQueryBuilder()
      .update(Notice)
      .set({ status: 'published', publishedAt: at, publishedBy: by, updatedAt: at, ...(remindedNow ? { remindedAt: at } : {}), version: () => 'version + 1' })
      .where("id = :id AND version = :v AND status IN ('draft', 'scheduled')", { id: n.id, v: n.version })
      .execute();
    if (!res.affected) return false;
    if (n.kind === 'outage') await this.message(em, n, 'published', at);
    return true;
  }

  /** The reminder an hour before the start: claimed once, then sent. */
  async remind(em: EntityManager, n: OutageFacts, at: Date): Promise<boolean> {
    const res = await em
      .createQueryBuilder()
      .update(Notice)
      .set({ remindedAt: at })
      .where("id = :id AND status = 'published' AND kind = 'outage' AND reminded_at IS NULL", { id: n.id })
      .execute();
    if (!res.affected) return false;
    await this.message(em, n, 'remind', at);
    return true;
  }

  private async message(em: EntityManager, n: OutageFacts, phase: 'published' | 'remind', at: Date) {
    // validated when written: an outage always has both times
    if (!n.startsAt || !n.endsAt || !n.utility) return;
    // the recipients and the community's WeCom webhook in one statement (one row with a NULL user when nobody is bound)
    const rows: { user_id: number | null; hook: string | null }[] = await em.query(
      `SELECT DISTINCT b.user_id, (SELECT wecom_webhook_url FROM community_channels WHERE community_id = n.community_id) AS hook
         FROM notices n LEFT JOIN rooms r ON r.company_id = n.company_id AND ${ROOM_TARGETED}
         LEFT JOIN room_bindings b ON b.room_id = r.id AND b.status = 'approved' WHERE n.id = ?`,
      [n.id],
    );
    const recipients = rows.filter((r) => r.user_id !== null).map((r) => Number(r.user_id));
    if (!recipients.length && phase === 'remind') return;
    const label = OUTAGE_UTILITY_LABELS[n.utility as OutageUtility];
    const line = outageLine(n.utility as OutageUtility, n.startsAt, n.endsAt);
    await this.notify.enqueue(em, {
      companyId: n.companyId,
      communityId: n.communityId,
      key: `notice:${n.id}:${phase}`,
      recipients,
      app: 'resident',
      // the staff group too (WeCom robot), at publish: residents will call the desk about it
      wecom: phase === 'published',
      wecomWebhookUrl: rows[0]?.hook ?? null,
      msg: {
        template: 'notice_outage',
        title: phase === 'remind' ? `${label}提醒：1小时后开始` : `${label}通知`,
        body: `${n.title}。${line}`,
        link: `/notices/${n.id}`,
        // thing ≤ 20 UTF-16 units: cut by wxTemplateData when sent
        wx: { thing1: n.title, time2: n.startsAt, time3: n.endsAt, thing4: phase === 'remind' ? `${label}将于1小时后开始` : `${label}，请提前做好准备` },
      },
      at,
    });
  }
}
