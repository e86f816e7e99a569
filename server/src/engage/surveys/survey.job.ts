import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { IntervalJob } from '../../common/interval-job';
import { sqlTime } from '../../common/sql-time';
import { AppConfig } from '../../config/app-config';
import { remindFrom, SurveyPublisher } from './survey-publisher';
import { SURVEY_COLUMNS, surveyRow } from './survey-rows';
import { Survey } from './survey.entities';

/**
 * On the injectable clock: publishes scheduled surveys whose publish time came, closes published ones whose close
 * time came, and sends the one reminder 3 days before a survey closes. Each step is claimed by a compare-and-set,
 * so running it again (or in two instances) sends nothing twice.
 */
@Injectable()
export class SurveyJob extends IntervalJob {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly publisher: SurveyPublisher,
    cfg: AppConfig,
  ) {
    super(cfg);
  }

  async run(): Promise<void> {
    await this.sweep();
  }

  async sweep(): Promise<{ published: number; closed: number; reminded: number }> {
    const now = this.clock.now();
    const t = sqlTime(now);
    const due = (await this.ds.query(
      `SELECT ${SURVEY_COLUMNS} FROM surveys s JOIN communities c ON c.id = s.community_id
       WHERE (s.status = 'scheduled' AND s.publish_at <= ?) OR (s.status = 'published' AND (s.close_at <= ? OR (s.reminded_at IS NULL AND s.close_at <= ?)))`,
      [t, t, sqlTime(new Date(now.getTime() + 3 * 86_400_000))],
    )) as Record<string, unknown>[];
    let published = 0;
    let closed = 0;
    let reminded = 0;
    for (const s of due.map(surveyRow)) {
      if (s.status === 'scheduled') {
        if (await this.ds.transaction((em) => this.publisher.publish(em, s, now, s.version))) published++;
      } else if (s.closeAt <= now) {
        const res = await this.ds
          .createQueryBuilder()
          .update(Survey)
          .set({ status: 'closed', closedAt: now, updatedAt: now, version: () => 'version + 1' })
          .where("id = :id AND status = 'published'", { id: s.id })
          .execute();
        closed += res.affected ?? 0;
      } else if (remindFrom(s.closeAt) <= now) {
        reminded += await this.ds.transaction((em) => this.publisher.remind(em, s, now));
      }
    }
    return { published, closed, reminded };
  }
}
