import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addCalendarDays, formatPlate, PARKING_REMIND_DAYS, shanghaiDate } from '@linli/shared';
import { Clock } from '../../common/clock';
import { IntervalJob } from '../../common/interval-job';
import { sqlTime } from '../../common/sql-time';
import { AppConfig } from '../../config/app-config';
import { Enqueue, NotifyService } from '../../notify/notify.service';
import { ParkingDetails } from './parking-details';

interface Row {
  id: number;
  company_id: number;
  community_id: number;
  plate: string;
  holder_user_id: number;
  valid_until: unknown;
  details_json: string;
  renewed: number | string;
}

const DAY_MS = 86_400_000;
/** the first run of a Shanghai day at or after this hour sends the day's reminders */
const REMIND_HOUR = 9;

/**
 * Parking reminders, once a day on the injectable clock: 7 days before a pass expires (unless already renewed) and
 * 7 days before the vehicle's insurance expires. Inbox + WeChat outbox; the notification keys make each reminder
 * go out once however often the job runs.
 */
@Injectable()
export class ParkingReminderJob extends IntervalJob {
  private lastDay = '';

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly notify: NotifyService,
    cfg: AppConfig,
  ) {
    super(cfg);
  }

  async run() {
    const now = this.clock.now();
    const day = shanghaiDate(now);
    const hour = new Date(now.getTime() + 8 * 3600_000).getUTCHours();
    if (day === this.lastDay || hour < REMIND_HOUR) return;
    await this.remind();
    this.lastDay = day;
  }

  /** One pass: the reminders sent (keys already used send nothing). */
  async remind(): Promise<{ expiring: number; insurance: number }> {
    const now = this.clock.now();
    const today = shanghaiDate(now);
    const horizon = addCalendarDays(today, PARKING_REMIND_DAYS);
    // active passes that have not ended a week ago: the expiring ones and those whose insurance may end soon
    const rows = (await this.ds.query(
      `SELECT p.id, p.company_id, p.community_id, p.plate, p.holder_user_id, p.valid_until, p.details_json,
         (SELECT COUNT(*) FROM passes n WHERE n.community_id = p.community_id AND n.plate = p.plate AND n.kind = 'parking'
            AND n.status IN ('pending_payment', 'review', 'active') AND n.valid_from >= p.valid_until) AS renewed
       FROM passes p WHERE p.status = 'active' AND p.kind = 'parking' AND p.valid_until > ? AND p.holder_user_id IS NOT NULL`,
      [sqlTime(new Date(now.getTime() - PARKING_REMIND_DAYS * DAY_MS))],
    )) as Row[];
    const msgs: Enqueue[] = [];
    let expiring = 0;
    let insurance = 0;
    for (const r of rows) {
      const d = JSON.parse(r.details_json) as ParkingDetails;
      const until = new Date(typeof r.valid_until === 'string' ? `${r.valid_until.replace(' ', 'T')}Z` : (r.valid_until as Date));
      if (until > now && until.getTime() - now.getTime() <= PARKING_REMIND_DAYS * DAY_MS && Number(r.renewed) === 0) {
        expiring++;
        msgs.push(
          this.msg(
            r,
            `parking:${r.id}:expiring`,
            '停车证即将到期',
            `车辆 ${formatPlate(r.plate)} 的停车证将于 ${d.endsOn} 到期，可在“我的停车证”一键续期`,
            now,
          ),
        );
      }
      if (d.insuranceUntil >= today && d.insuranceUntil <= horizon) {
        insurance++;
        msgs.push(
          this.msg(
            r,
            `parking:${r.plate}:insurance:${d.insuranceUntil}`,
            '车辆保险即将到期',
            `车辆 ${formatPlate(r.plate)} 的保险将于 ${d.insuranceUntil} 到期，续办停车证前请更新保险并重新上传`,
            now,
          ),
        );
      }
    }
    if (msgs.length) await this.ds.transaction((em) => this.notify.enqueueMany(em, msgs));
    return { expiring, insurance };
  }

  private msg(r: Row, key: string, title: string, body: string, at: Date): Enqueue {
    return {
      companyId: Number(r.company_id),
      communityId: Number(r.community_id),
      key,
      recipients: [Number(r.holder_user_id)],
      app: 'resident',
      msg: { template: 'parking_reminder', title, body, link: `/passes/${r.id}`, wx: { car_number1: r.plate, thing2: title, time3: at } },
      at,
    };
  }
}
