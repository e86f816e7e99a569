import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isPeriod, previousPeriod, shanghaiMonth } from '@linli/shared';
import { Clock } from '../../common/clock';
import { IntervalJob } from '../../common/interval-job';
import { sqlTime } from '../../common/sql-time';
import { AppConfig } from '../../config/app-config';
import { execute } from '../../fees/ledger-sql';
import { computeMonthParts } from './month-parts-live';
import { ALL_SECTIONS, MonthParts, PartSection, replaceSections } from './month-part';
import { readMonthParts, writeMonthParts, writeOpenDues } from './month-parts-store';
import { earliestDataMonth, monthsBetween } from './rollup-months';

type Row = Record<string, unknown>;
const n = (v: unknown) => Number(v ?? 0);

/** How many change-log rows one run folds in, and how many months it builds from scratch. */
const DIRTY_BATCH = 20_000;
const BUILD_MONTHS_PER_RUN = 6;
const LEASE_MS = 15 * 60_000;

export interface RollupRun {
  skipped: boolean;
  builtThrough: string | null;
  monthsBuilt: number;
  pairsRefreshed: number;
  duesCommunities: number;
  dirtyLeft: boolean;
}

/**
 * Keeps `report_rollups` and `report_open_dues` current for closed months (the report reads the current month live):
 * first folds in the change log the source tables' triggers write (only the touched (community, month) pairs are
 * recomputed, then exactly the log rows read are deleted, so a change committed meanwhile waits for the next run),
 * then builds from scratch each month that closed since the last run, for every community. One instance at a time
 * (a lease on `report_rollup_state`).
 */
@Injectable()
export class ReportRollupJob extends IntervalJob {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    cfg: AppConfig,
  ) {
    super(cfg);
  }

  async run() {
    await this.once();
  }

  async once(): Promise<RollupRun> {
    const now = this.clock.now();
    const run: RollupRun = { skipped: true, builtThrough: null, monthsBuilt: 0, pairsRefreshed: 0, duesCommunities: 0, dirtyLeft: false };
    if (!(await this.claim(now))) return run;
    run.skipped = false;
    try {
      const [state]: Row[] = await this.ds.query('SELECT built_through FROM report_rollup_state WHERE id = 1');
      const built = state?.built_through ? String(state.built_through) : null;
      await this.foldChanges(now, built, run);
      run.builtThrough = await this.buildClosedMonths(now, built, run);
    } finally {
      await this.ds.query('UPDATE report_rollup_state SET lease_until = NULL, refreshed_at = ? WHERE id = 1', [sqlTime(this.clock.now())]);
    }
    return run;
  }

  private async claim(now: Date): Promise<boolean> {
    const r = await this.ds.transaction((em) =>
      execute(em, 'UPDATE report_rollup_state SET lease_until = ? WHERE id = 1 AND (lease_until IS NULL OR lease_until < ?)', [
        sqlTime(new Date(now.getTime() + LEASE_MS)),
        sqlTime(now),
      ]),
    );
    return r.affected === 1;
  }

  /**
   * The change log: of each touched pair of a built month only the sections its sources feed are recomputed (a
   * payment re-reads the month's bill lines, not its clocks) and put into the stored part; the open dues of
   * communities whose bills changed are refreshed.
   */
  private async foldChanges(now: Date, built: string | null, run: RollupRun) {
    const rows: Row[] = await this.ds.query(`SELECT id, community_id, period, src FROM report_dirty ORDER BY id LIMIT ${DIRTY_BATCH}`);
    if (!rows.length) return;
    run.dirtyLeft = rows.length === DIRTY_BATCH;
    const byMonth = new Map<string, Map<number, Set<PartSection>>>();
    const dues = new Set<number>();
    for (const r of rows) {
      const p = String(r.period);
      const cid = n(r.community_id);
      if (r.src === 'b') dues.add(cid);
      // months after `built` are built from scratch later in this run (their data read after this log was)
      if (!built || !isPeriod(p, 'month') || p > built) continue;
      const pairs = byMonth.get(p) ?? new Map<number, Set<PartSection>>();
      pairs.set(cid, (pairs.get(cid) ?? new Set<PartSection>()).add(String(r.src) as PartSection));
      byMonth.set(p, pairs);
    }
    for (const [month, pairs] of byMonth) {
      await this.refreshPairs(month, pairs, now);
      run.pairsRefreshed += pairs.size;
    }
    if (built && dues.size) {
      await this.ds.transaction((em) => writeOpenDues(em, [...dues]));
      run.duesCommunities = dues.size;
    }
    const ids = rows.map((r) => n(r.id));
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      await this.ds.query(`DELETE FROM report_dirty WHERE id IN (${chunk.map(() => '?').join(', ')})`, chunk);
    }
  }

  /** One month's touched communities: each section recomputed for the communities that need it, merged, written. */
  private async refreshPairs(month: string, pairs: Map<number, Set<PartSection>>, now: Date) {
    const ids = [...pairs.keys()];
    const stored = await readMonthParts(this.ds, ids, [month], month);
    const fresh = new Map<PartSection, MonthParts>();
    for (const sec of ALL_SECTIONS) {
      const need = ids.filter((id) => pairs.get(id)!.has(sec));
      if (need.length) fresh.set(sec, await computeMonthParts(this.ds, need, [month], now, [sec]));
    }
    const out = new MonthParts();
    for (const id of ids) {
      let part = stored.get(id, month);
      for (const sec of pairs.get(id)!) part = replaceSections(part, fresh.get(sec)!.get(id, month), [sec]);
      out.set(id, month, part);
    }
    await this.ds.transaction((em) => writeMonthParts(em, ids, month, out, now));
  }

  /** Every month after `built` up to the last closed one, for every community, a few months a run. */
  private async buildClosedMonths(now: Date, built: string | null, run: RollupRun): Promise<string | null> {
    const lastClosed = previousPeriod(shanghaiMonth(now));
    if (built && built >= lastClosed) return built;
    const communityIds = ((await this.ds.query('SELECT id FROM communities ORDER BY id')) as Row[]).map((r) => n(r.id));
    if (!built) {
      // the first run also takes every community's open dues (later runs follow the change log)
      await this.ds.transaction((em) => writeOpenDues(em, communityIds));
      run.duesCommunities = communityIds.length;
    }
    const from = built ? null : await earliestDataMonth(this.ds);
    const months = built ? monthsBetween(built, lastClosed).slice(1) : from && from <= lastClosed ? monthsBetween(from, lastClosed) : [];
    let through = built ?? (months.length ? previousPeriod(months[0]) : lastClosed);
    for (const month of months.slice(0, BUILD_MONTHS_PER_RUN)) {
      const parts = await computeMonthParts(this.ds, communityIds, [month], now);
      await this.ds.transaction(async (em) => {
        await writeMonthParts(em, communityIds, month, parts, now);
        await em.query('UPDATE report_rollup_state SET built_through = ? WHERE id = 1', [month]);
      });
      through = month;
      run.monthsBuilt++;
    }
    if (!months.length) await this.ds.query('UPDATE report_rollup_state SET built_through = ? WHERE id = 1', [through]);
    return through;
  }
}
