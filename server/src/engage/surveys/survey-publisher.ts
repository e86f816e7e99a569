import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { SURVEY_REMIND_DAYS_BEFORE_CLOSE, shanghaiDate } from '@linli/shared';
import { Enqueue, NotifyService } from '../../notify/notify.service';
import { audienceOf, SurveyRow } from './survey-rows';
import { Survey } from './survey.entities';

const DAY_MS = 86_400_000;

/**
 * What publishing and the reminder send: inbox rows and WeChat outbox rows (delivered only with the resident's
 * subscription, as every resident template) to the targeted residents. Never who answered: only the survey's title.
 */
@Injectable()
export class SurveyPublisher {
  constructor(private readonly notify: NotifyService) {}

  /** Marks a draft / scheduled survey published (version compare-and-set) and tells its audience; false if lost. */
  async publish(em: EntityManager, s: SurveyRow, now: Date, fromVersion: number): Promise<boolean> {
    const res = await em
      .createQueryBuilder()
      .update(Survey)
      .set({ status: 'published', publishedAt: now, updatedAt: now, version: () => 'version + 1' })
      .where("id = :id AND version = :v AND status IN ('draft', 'scheduled')", { id: s.id, v: fromVersion })
      .execute();
    if (!res.affected) return false;
    const users = [...new Set((await audienceOf(em, s)).map((m) => m.userId))];
    if (users.length) await this.notify.enqueue(em, this.msg(s, `survey:${s.id}:published`, users, now, false));
    return true;
  }

  /** The one reminder to those who have not answered: claimed by reminded_at, so it never goes twice. */
  async remind(em: EntityManager, s: SurveyRow, now: Date): Promise<number> {
    const claimed = await em
      .createQueryBuilder()
      .update(Survey)
      .set({ remindedAt: now })
      .where("id = :id AND reminded_at IS NULL AND status = 'published'", { id: s.id })
      .execute();
    if (!claimed.affected) return 0;
    const done = (await em.query(`SELECT room_key, user_key FROM survey_responses WHERE survey_id = ? AND status = 'submitted'`, [s.id])) as {
      room_key: number;
      user_key: number;
    }[];
    const rooms = new Set(done.map((d) => Number(d.room_key)));
    const people = new Set(done.map((d) => Number(d.user_key)));
    const members = await audienceOf(em, s);
    const open = members.filter((m) => (s.per === 'room' ? !rooms.has(m.roomId) : !people.has(m.userId)));
    const users = [...new Set(open.map((m) => m.userId))];
    if (users.length) await this.notify.enqueue(em, this.msg(s, `survey:${s.id}:reminder`, users, now, true));
    return users.length;
  }

  private msg(s: SurveyRow, key: string, users: number[], now: Date, reminder: boolean): Enqueue {
    const closes = shanghaiDate(s.closeAt);
    return {
      companyId: s.companyId,
      communityId: s.communityId,
      key,
      recipients: users,
      app: 'resident',
      at: now,
      msg: {
        template: reminder ? 'survey_reminder' : 'survey_published',
        title: reminder ? `问卷即将截止：${s.title}` : `邀请您参加问卷调查：${s.title}`,
        body: reminder
          ? `${s.communityName}「${s.title}」将于 ${closes} 截止，您还没有提交，欢迎在 服务 → 问卷调查 中作答。`
          : `${s.communityName}邀请您参加「${s.title}」，${closes} 截止。${s.anonymous ? '本问卷为匿名问卷。' : ''}`,
        link: `/surveys/${s.id}`,
        wx: { thing1: s.title, time2: s.closeAt, thing3: reminder ? '问卷即将截止，请尽快作答' : '欢迎参与问卷调查' },
      },
    };
  }
}

/** When the reminder is due: 3 days before the survey closes. */
export const remindFrom = (closeAt: Date) => new Date(closeAt.getTime() - SURVEY_REMIND_DAYS_BEFORE_CLOSE * DAY_MS);
