import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { billLineFor, BillableItem, BillLineDraft, meteredLineFor, runItemProblem } from '@linli/shared';
import { Clock } from '../common/clock';
import { IntervalJob } from '../common/interval-job';
import { sqlTime } from '../common/sql-time';
import { AppConfig } from '../config/app-config';
import { outsideRequest } from '../database/statement-counter';
import { BillRun } from './entities/bill-run.entity';
import { contractedRooms, contractKey } from './contracted-rooms';
import { FeeItem } from './entities/fee-item.entity';
import { execute } from './ledger-sql';
import { billableReadings, itemsWithReadings, ReadingForBill } from './meter-billing';

const LEASE_MS = 30_000;
const LINE_COLUMNS =
  'company_id, community_id, room_id, fee_item_id, period, source_key, name, payer, amount_cents, detail, due_date, ' +
  'late_fee_rate_ppm, late_fee_grace_days, late_fee_cap_percent, status, run_id, created_at, updated_at';
const LINE_TUPLE = `(${Array(18).fill('?').join(', ')}, 0, 0, 0, 1)`;

/**
 * Processes bill runs: rooms in id order, a batch per transaction — its lines (INSERT … IGNORE on the unique room ×
 * source key, so nothing is ever billed twice) and the run's progress, compare-and-set on the watermark. The instance
 * that started a run processes it at once; a run whose instance died (lease expired) is resumed by any instance's
 * job from its watermark.
 */
@Injectable()
export class BillRunWorker extends IntervalJob {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    cfg: AppConfig,
  ) {
    super(cfg);
  }

  async run() {
    await this.resumeExpired();
  }

  /** Runs left by a dead instance: claimed one by one and processed (at most `maxBatches` each). */
  async resumeExpired(maxBatches = Infinity): Promise<number> {
    const now = sqlTime(this.clock.now());
    const rows: { id: number }[] = await this.ds.query(
      "SELECT id FROM bill_runs WHERE status = 'running' AND (lease_until IS NULL OR lease_until < ?) ORDER BY id LIMIT 10",
      [now],
    );
    let resumed = 0;
    for (const { id } of rows) {
      const claimed = await this.ds
        .createQueryBuilder()
        .update(BillRun)
        .set({ leaseUntil: this.leaseEnd() })
        .where("id = :id AND status = 'running' AND (lease_until IS NULL OR lease_until < :now)", { id, now })
        .execute();
      if (!claimed.affected) continue;
      await this.processRecording(Number(id), maxBatches);
      resumed++;
    }
    return resumed;
  }

  /** In the background, by the instance that holds the lease (the one that started the run). */
  kick(runId: number) {
    outsideRequest(() => void this.processRecording(runId));
  }

  /**
   * Processes the run; a failure is recorded on it (the staff see why it stands still) and the run stays `running`:
   * once its lease has run out the job tries again from the watermark.
   */
  private async processRecording(runId: number, maxBatches = Infinity): Promise<void> {
    try {
      await this.process(runId, maxBatches);
    } catch (e) {
      this.log.error({ err: e, runId }, 'bill run failed');
      const message = (e instanceof Error ? e.message : String(e)).slice(0, 500);
      await this.ds
        .createQueryBuilder()
        .update(BillRun)
        .set({ lastError: message })
        .where('id = :id', { id: runId })
        .execute()
        .catch(() => undefined);
    }
  }

  /** Processes a run whose lease this instance holds, batch by batch, until done (or `maxBatches`). */
  async process(runId: number, maxBatches = Infinity): Promise<void> {
    const run = await this.ds.getRepository(BillRun).findOneBy({ id: runId });
    if (!run || run.status !== 'running') return;
    const read = await itemsWithReadings(this.ds.manager, run.communityId, run.period);
    const items = (await this.ds.getRepository(FeeItem).find({ where: { communityId: run.communityId, active: true }, order: { id: 'ASC' } })).filter(
      (i) => runItemProblem(i as BillableItem, run.period, read.has(i.id)) === null,
    );
    const contracts = await contractedRooms(this.ds.manager, run.communityId, run.period);
    let last = run.lastRoomId;
    for (let batch = 0; batch < maxBatches; batch++) {
      const rooms: { id: number; label: string; area_centi: number | null }[] = await this.ds.query(
        'SELECT id, label, area_centi FROM rooms WHERE community_id = ? AND id > ? ORDER BY id LIMIT ?',
        [run.communityId, last, this.cfg.BILL_RUN_BATCH_ROOMS],
      );
      if (!rooms.length) return this.finish(run);
      const next = Number(rooms[rooms.length - 1].id);
      const moved = await this.ds
        .transaction(async (em) => {
          await this.insertLines(em, run, items, rooms, contracts);
          const res = await em
            .createQueryBuilder()
            .update(BillRun)
            .set({ doneRooms: () => `done_rooms + ${rooms.length}`, lastRoomId: next, leaseUntil: this.leaseEnd() })
            .where("id = :id AND status = 'running' AND last_room_id = :last", { id: run.id, last })
            .execute();
          if (!res.affected) throw new LostRun();
          return true;
        })
        .catch((e) => {
          if (e instanceof LostRun) return false;
          throw e;
        });
      // another instance moved it on (this one's lease had run out): it carries on
      if (!moved) return;
      last = next;
    }
  }

  /** Area items for every room, fixed items for the rooms with a contract covering the period, metered items for the
   * rooms with a billable reading. One multi-row INSERT … IGNORE per ≤ 1,000 lines (raw: the query builder's per-value
   * work dominated a 200k-room run). */
  private async insertLines(
    em: EntityManager,
    run: BillRun,
    items: FeeItem[],
    rooms: { id: number; label: string; area_centi: number | null }[],
    contracts: Map<string, string | null>,
  ) {
    const at = this.clock.now();
    const now = sqlTime(at);
    const readings = items.some((i) => i.kind === 'metered')
      ? await billableReadings(
          em,
          run.communityId,
          run.period,
          rooms.map((r) => Number(r.id)),
        )
      : new Map();
    const values: unknown[][] = [];
    const billed: ReadingForBill[] = [];
    for (const item of items)
      for (const r of rooms) {
        const key = contractKey(item.id, Number(r.id));
        if (item.kind === 'fixed' && !contracts.has(key)) continue;
        const room = {
          id: Number(r.id),
          label: r.label,
          areaCenti: r.area_centi === null ? null : Number(r.area_centi),
          contractNote: contracts.get(key) ?? null,
        };
        let draft: BillLineDraft | { problem: string };
        if (item.kind === 'metered') {
          const reading = readings.get(`${item.id}:${room.id}`);
          if (!reading) continue;
          draft = meteredLineFor(item as BillableItem, room, reading, run.period);
          if (!('problem' in draft)) billed.push(reading);
        } else draft = billLineFor(item as BillableItem, room, run.period);
        if ('problem' in draft) continue;
        values.push([
          run.companyId,
          run.communityId,
          room.id,
          item.id,
          run.period,
          draft.sourceKey,
          item.name,
          item.payer,
          draft.amountCents,
          JSON.stringify(draft.detail),
          draft.dueDate,
          item.lateFeeRatePpm,
          item.lateFeeGraceDays,
          item.lateFeeCapPercent,
          'open',
          run.id,
          now,
          now,
        ]);
      }
    const ignore = this.ds.options.type === 'better-sqlite3' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';
    for (let i = 0; i < values.length; i += 1000) {
      const chunk = values.slice(i, i + 1000);
      await em.query(
        `${ignore} INTO bill_lines (${LINE_COLUMNS}, paid_cents, late_fee_paid_cents, waived_cents, version)
         VALUES ${chunk.map(() => LINE_TUPLE).join(', ')}`,
        chunk.flat(),
      );
    }
    if (billed.length) await this.markBilled(em, run.period, billed, at);
  }

  /** The readings just billed point at their lines; one corrected meanwhile (version moved) fails the batch, which is retried. */
  private async markBilled(em: EntityManager, period: string, billed: ReadingForBill[], now: Date) {
    const lines: { id: number; room_id: number; source_key: string }[] = await em.query(
      `SELECT id, room_id, source_key FROM bill_lines WHERE room_id IN (${billed.map(() => '?').join(',')}) AND period = ? AND fee_item_id IN (${billed.map(() => '?').join(',')})`,
      [...billed.map((b) => b.roomId), period, ...billed.map((b) => b.feeItemId)],
    );
    const lineOf = new Map(lines.map((l) => [`${l.source_key}|${Number(l.room_id)}`, Number(l.id)]));
    // one version-checked UPDATE per chunk of readings (each id names its own line and version)
    for (let i = 0; i < billed.length; i += 500) {
      const chunk = billed.slice(i, i + 500);
      const cases = chunk.map(() => 'WHEN ? THEN ?').join(' ');
      const match = chunk.map(() => '(id = ? AND version = ?)').join(' OR ');
      const { affected } = await execute(
        em,
        `UPDATE meter_readings SET status = 'billed', bill_line_id = CASE id ${cases} END, version = version + 1, updated_at = ?
         WHERE status IN ('recorded', 'approved') AND (${match})`,
        [
          ...chunk.flatMap((b) => [b.id, lineOf.get(`item:${b.feeItemId}:${period}|${b.roomId}`) ?? null]),
          sqlTime(now),
          ...chunk.flatMap((b) => [b.id, b.version]),
        ],
      );
      if (affected !== chunk.length) throw new Error(`meter readings changed while they were billed (${affected} of ${chunk.length})`);
    }
  }

  private async finish(run: BillRun) {
    const [sum]: { n: number | string; total: number | string | null }[] = await this.ds.query(
      'SELECT COUNT(*) AS n, SUM(amount_cents) AS total FROM bill_lines WHERE run_id = ?',
      [run.id],
    );
    await this.ds
      .createQueryBuilder()
      .update(BillRun)
      .set({
        status: 'done',
        linesCreated: Number(sum.n),
        amountCents: Number(sum.total ?? 0),
        leaseUntil: null,
        lastError: null,
        finishedAt: this.clock.now(),
      })
      .where("id = :id AND status = 'running'", { id: run.id })
      .execute();
  }

  private leaseEnd() {
    return new Date(this.clock.now().getTime() + LEASE_MS);
  }
}

class LostRun extends Error {}
