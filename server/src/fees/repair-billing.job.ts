import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays, CHARGE_DUE_DAYS, chargePeriod, repairChargeText, repairSourceKey, shanghaiDate } from '@linli/shared';
import { Clock } from '../common/clock';
import { IntervalJob } from '../common/interval-job';
import { sqlTime } from '../common/sql-time';
import { AppConfig } from '../config/app-config';
import { newBillLine } from './new-rows';
import { BillLine } from './entities/bill-line.entity';

const BATCH = 50;

/**
 * A closed repair order's priced lines become one bill line of its room (source key repair:<ticket id>), once: each
 * ticket in a transaction — INSERT … IGNORE the line, then stamp its charges billed. Safe on every instance and when
 * run twice: the unique (room, source key) keeps one line, and billed charges are not picked again.
 */
@Injectable()
export class RepairBillingJob extends IntervalJob {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    cfg: AppConfig,
  ) {
    super(cfg);
  }

  async run() {
    await this.billClosed();
  }

  /** Bills up to BATCH closed tickets with unbilled charges; returns how many tickets. */
  async billClosed(): Promise<number> {
    const due: { id: number }[] = await this.ds.query(
      `SELECT DISTINCT t.id FROM ticket_charges ch JOIN tickets t ON t.id = ch.ticket_id
        WHERE ch.billed_at IS NULL AND t.status = 'closed' AND t.room_id IS NOT NULL ORDER BY t.id LIMIT ${BATCH}`,
    );
    for (const { id } of due) await this.billTicket(Number(id));
    return due.length;
  }

  private async billTicket(ticketId: number): Promise<void> {
    await this.ds.transaction(async (em) => {
      const rows: {
        company_id: number;
        community_id: number;
        room_id: number;
        no: string;
        name: string;
        quantity: number;
        amount_cents: number;
      }[] = await em.query(
        `SELECT t.company_id, t.community_id, t.room_id, t.no, ch.name, ch.quantity, ch.amount_cents
           FROM ticket_charges ch JOIN tickets t ON t.id = ch.ticket_id
          WHERE ch.ticket_id = ? AND ch.billed_at IS NULL ORDER BY ch.id`,
        [ticketId],
      );
      if (!rows.length) return;
      const now = this.clock.now();
      const today = shanghaiDate(now);
      const total = rows.reduce((s, r) => s + Number(r.amount_cents), 0);
      const t = rows[0];
      if (total > 0) {
        const text = repairChargeText(
          t.no,
          rows.map((r) => ({ name: r.name, quantity: Number(r.quantity), amountCents: Number(r.amount_cents) })),
        );
        const line = newBillLine(
          {
            companyId: Number(t.company_id),
            communityId: Number(t.community_id),
            roomId: Number(t.room_id),
            feeItemId: null,
            period: chargePeriod(today),
            sourceKey: repairSourceKey(ticketId),
            name: '维修费',
            // the paid service was ordered by whoever lives there
            payer: 'occupant',
            amountCents: total,
            detail: { ticketId, ticketNo: t.no, text: text.slice(0, 1000) },
            dueDate: addDays(today, CHARGE_DUE_DAYS),
            lateFeeRatePpm: 0,
            lateFeeGraceDays: 0,
            lateFeeCapPercent: null,
          },
          now,
        );
        await em.createQueryBuilder().insert().into(BillLine).values(line).orIgnore().updateEntity(false).execute();
      }
      await em.query('UPDATE ticket_charges SET billed_at = ? WHERE ticket_id = ? AND billed_at IS NULL', [sqlTime(now), ticketId]);
    });
  }
}
