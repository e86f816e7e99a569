import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { endOfShanghaiDay, formatShare, shanghaiDate, SHANGHAI_OFFSET_MS } from '@linli/shared';
import { slaCompliance } from '../reports/report-sla';
import { NotifyService } from './notify.service';
import { sqlTime, staffOfCommunity } from './recipients';

/** 08:30 Asia/Shanghai */
const DIGEST_AT_MS = (8 * 60 + 30) * 60_000;

/**
 * The managers' daily digest at 08:30 (Asia/Shanghai): per community, open tickets, overdue ones and clocks that
 * breached yesterday, yesterday's SLA compliance line. Checked on every sweep; the dedupe key digest:<community>:<date> makes it once a day across
 * all instances.
 */
@Injectable()
export class DailyDigest {
  private lastDay = '';

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly notify: NotifyService,
  ) {}

  /** Whether the digest is due at `now` and not yet sent by this instance today. */
  due(now: Date): boolean {
    const local = now.getTime() + SHANGHAI_OFFSET_MS;
    return local % 86_400_000 >= DIGEST_AT_MS && this.lastDay !== shanghaiDate(now);
  }

  /** Enqueues today's digest for every community with managers; returns how many communities. */
  async run(now: Date): Promise<number> {
    const day = shanghaiDate(now);
    const todayStart = new Date(endOfShanghaiDay(now).getTime() - 86_400_000);
    const yesterdayStart = new Date(todayStart.getTime() - 86_400_000);
    const communities: { id: number; company_id: number; name: string }[] = await this.ds.query('SELECT id, company_id, name FROM communities');
    let n = 0;
    for (const c of communities) {
      const managers = await staffOfCommunity(this.ds.manager, Number(c.id), 'manager');
      if (!managers.length) continue;
      const [open] = await this.ds.query('SELECT COUNT(*) AS n FROM tickets WHERE community_id = ? AND is_open = ?', [c.id, true]);
      const [overdue] = await this.ds.query('SELECT COUNT(*) AS n FROM tickets WHERE community_id = ? AND is_open = ? AND sla_due_at < ?', [
        c.id,
        true,
        sqlTime(now),
      ]);
      const [breached] = await this.ds.query(
        `SELECT COUNT(*) AS n FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
          WHERE t.community_id = ? AND e.type = 'clock_breached' AND e.at >= ? AND e.at < ?`,
        [c.id, sqlTime(yesterdayStart), sqlTime(todayStart)],
      );
      // WeChat Pay reconciliation of yesterday: the community's mismatches and those only WeChat Pay knows
      const [pay] = await this.ds.query(
        'SELECT COUNT(*) AS n FROM pay_recon_mismatches WHERE company_id = ? AND bill_date = ? AND (community_id = ? OR community_id IS NULL)',
        [c.company_id, shanghaiDate(yesterdayStart), c.id],
      );
      const [o, d, b, p] = [open, overdue, breached, pay].map((r) => Number(r.n));
      // yesterday's SLA compliance: the clocks due yesterday (the monthly report's rule), share met and breaches
      const sla = await slaCompliance(this.ds, Number(c.id), yesterdayStart, todayStart, now);
      const slaLine = sla.total
        ? `\n昨日时限达标率 ${formatShare((sla.total - sla.breached) / sla.total)}（到期 ${sla.total} 个，超时 ${sla.breached} 个）。`
        : '';
      await this.ds.transaction((em) =>
        this.notify.enqueue(em, {
          companyId: Number(c.company_id),
          communityId: Number(c.id),
          key: `digest:${c.id}:${day}`,
          recipients: managers,
          app: 'staff',
          wecom: true,
          at: now,
          msg: {
            template: 'manager_daily_digest',
            title: `${c.name} 每日简报 ${day}`,
            body: `未办结 ${o} 单，已超时 ${d} 单，昨日超时 ${b} 次。${slaLine}${p ? `\n微信支付对账：昨日 ${p} 笔不符，请核对。` : ''}`,
            link: null,
            wx: { thing1: c.name, number2: o, number3: d, number4: b, date5: now },
          },
        }),
      );
      n++;
    }
    this.lastDay = day;
    return n;
  }
}
