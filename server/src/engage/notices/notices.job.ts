import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OUTAGE_REMIND_BEFORE_MS } from '@linli/shared';
import { Clock } from '../../common/clock';
import { IntervalJob } from '../../common/interval-job';
import { sqlTime, utc } from '../../common/sql-time';
import { AppConfig } from '../../config/app-config';
import { NoticePublisher } from './notice-publisher';

interface DueRow {
  id: number;
  company_id: number;
  community_id: number;
  kind: string;
  title: string;
  utility: string | null;
  starts_at: unknown;
  ends_at: unknown;
  version: number;
}

const COLS = 'id, company_id, community_id, kind, title, utility, starts_at, ends_at, version';

/**
 * Notices on the injectable clock: publishes scheduled notices that are due, and sends each published outage's
 * reminder in the hour before it starts (once; never for a withdrawn notice or an outage that has started).
 */
@Injectable()
export class NoticesJob extends IntervalJob {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly publisher: NoticePublisher,
    cfg: AppConfig,
  ) {
    super(cfg);
  }

  async run() {
    await this.once();
  }

  async once(): Promise<{ published: number; reminded: number }> {
    const published = await this.publishDue();
    const reminded = await this.remindOutages();
    return { published, reminded };
  }

  async publishDue(): Promise<number> {
    const now = this.clock.now();
    const rows: DueRow[] = await this.ds.query(`SELECT ${COLS} FROM notices WHERE status = 'scheduled' AND publish_at <= ? ORDER BY publish_at LIMIT 200`, [
      sqlTime(now),
    ]);
    let n = 0;
    for (const r of rows) {
      const endsAt = utc(r.ends_at);
      // an outage over before its notice came due is not worth telling anyone
      if (r.kind === 'outage' && endsAt && endsAt <= now) continue;
      const ok = await this.ds.transaction((em) => this.publisher.publish(em, { ...this.facts(r), kind: r.kind, version: Number(r.version) }, null, now));
      if (ok) n++;
    }
    return n;
  }

  async remindOutages(): Promise<number> {
    const now = this.clock.now();
    const rows: DueRow[] = await this.ds.query(
      `SELECT ${COLS} FROM notices WHERE kind = 'outage' AND status = 'published' AND reminded_at IS NULL AND starts_at > ? AND starts_at <= ? LIMIT 200`,
      [sqlTime(now), sqlTime(new Date(now.getTime() + OUTAGE_REMIND_BEFORE_MS))],
    );
    let n = 0;
    for (const r of rows) if (await this.ds.transaction((em) => this.publisher.remind(em, this.facts(r), now))) n++;
    return n;
  }

  private facts(r: DueRow) {
    return {
      id: Number(r.id),
      companyId: Number(r.company_id),
      communityId: Number(r.community_id),
      title: r.title,
      utility: r.utility,
      startsAt: utc(r.starts_at),
      endsAt: utc(r.ends_at),
    };
  }
}
