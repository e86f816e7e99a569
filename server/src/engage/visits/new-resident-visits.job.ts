import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { endOfShanghaiDay } from '@linli/shared';
import { Clock } from '../../common/clock';
import { IntervalJob } from '../../common/interval-job';
import { sqlTime, utc } from '../../common/sql-time';
import { AppConfig } from '../../config/app-config';
import { NotifyService } from '../../notify/notify.service';
import { staffOfCommunityByRole, uniq } from '../../notify/recipients';

type DueRow = { id: number; company_id: number; community_id: number; community_name: string; due_at: unknown };

/**
 * 新住户回访 falling due: on the day an open task is due (due at 24:00 Asia/Shanghai), the community's agents and
 * supervisors get one inbox message for all of that community's tasks due that day or already overdue and not yet
 * told. Each task is claimed once (`reminded_at`, compare-and-set): a second run or instance tells nobody twice.
 * Names and rooms stay out of the message (the task list shows them to whoever may see them).
 */
@Injectable()
export class NewResidentVisitsJob extends IntervalJob {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly notify: NotifyService,
    cfg: AppConfig,
  ) {
    super(cfg);
  }

  async run(): Promise<void> {
    await this.once();
  }

  async once(): Promise<{ communities: number; tasks: number }> {
    const now = this.clock.now();
    const rows: DueRow[] = await this.ds.query(
      `SELECT v.id, v.company_id, v.community_id, c.name AS community_name, v.due_at FROM new_resident_visits v
         JOIN communities c ON c.id = v.community_id
        WHERE v.status = 'open' AND v.reminded_at IS NULL AND v.due_at <= ? ORDER BY v.community_id, v.id LIMIT 2000`,
      [sqlTime(endOfShanghaiDay(now))],
    );
    const byCommunity = new Map<number, DueRow[]>();
    for (const r of rows) byCommunity.set(Number(r.community_id), [...(byCommunity.get(Number(r.community_id)) ?? []), r]);
    let tasks = 0;
    for (const [communityId, due] of byCommunity) tasks += await this.tell(communityId, due, now);
    return { communities: byCommunity.size, tasks };
  }

  private async tell(communityId: number, due: DueRow[], now: Date): Promise<number> {
    const ids = due.map((r) => Number(r.id));
    return this.ds
      .transaction(async (em) => {
        // raw, not the query builder: that would bump the version and turn a desk's open task page stale (409)
        const res = await em.queryRunner!.query(
          `UPDATE new_resident_visits SET reminded_at = ? WHERE id IN (${ids.map(() => '?').join(', ')}) AND status = 'open' AND reminded_at IS NULL`,
          [sqlTime(now), ...ids],
          true,
        );
        const claimed = Number(res.affected ?? 0);
        // another instance (or a visit recorded meanwhile) took some: the next run tells what is left
        if (claimed !== ids.length) throw new Unclaimed();
        const overdue = due.filter((r) => (utc(r.due_at) ?? now) <= now).length;
        const today = due.length - overdue;
        const staff = await staffOfCommunityByRole(em, communityId, ['agent', 'supervisor']);
        const recipients = uniq([...staff.agent, ...staff.supervisor]);
        if (recipients.length)
          await this.notify.enqueue(em, {
            companyId: Number(due[0].company_id),
            communityId,
            key: `new-resident-visits:${communityId}:${ids[0]}-${ids[ids.length - 1]}:${ids.length}`,
            recipients,
            app: 'staff',
            msg: {
              template: 'new_resident_visit_due',
              title: `新住户回访到期：${due[0].community_name}`,
              body: [today ? `${today} 户今天到期（24:00 前完成）` : '', overdue ? `${overdue} 户已超时` : ''].filter(Boolean).join('，') + '，请尽快回访。',
              link: '/visits/new-residents',
              // inbox only: not a subscribable template
              wx: {},
            },
            at: now,
          });
        return ids.length;
      })
      .catch((e) => {
        if (e instanceof Unclaimed) return 0;
        throw e;
      });
  }
}

class Unclaimed extends Error {}
