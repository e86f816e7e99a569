import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { billLineFor, BillableItem, BillRunPreview, BillRunView, ErrorCode, meteredLineFor, runItemProblem } from '@linli/shared';
import { AppError } from '../common/app-error';
import { Caller } from '../common/caller';
import { Clock } from '../common/clock';
import { ScopeService } from '../common/scope';
import { insertRow } from '../database/insert-row';
import { BillRunWorker } from './bill-run.worker';
import { BillRun } from './entities/bill-run.entity';
import { FeeItem } from './entities/fee-item.entity';
import { periodReadings } from './meter-billing';
import { contractedRooms, contractKey } from './contracted-rooms';

const MAX_PROBLEMS = 100;

type RunRow = BillRun & { createdByName?: string | null };

function runView(r: RunRow): BillRunView {
  return {
    id: r.id,
    communityId: r.communityId,
    period: r.period,
    status: r.status,
    totalRooms: r.totalRooms,
    doneRooms: r.doneRooms,
    linesCreated: r.linesCreated,
    amountCents: r.amountCents,
    lastError: r.lastError,
    createdByName: r.createdByName ?? null,
    createdAt: r.createdAt.toISOString(),
    finishedAt: r.finishedAt?.toISOString() ?? null,
  };
}

/** Bill runs (出账): a preview, then the run in the background with its progress. */
@Injectable()
export class BillRunsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly scopes: ScopeService,
    private readonly clock: Clock,
    private readonly worker: BillRunWorker,
  ) {}

  private async community(caller: Caller, communityId: number) {
    const scope = await this.scopes.resolve(caller);
    if (!scope.canSeeCommunity(communityId)) throw AppError.notFound('小区');
  }

  /** What the run would bill, computed from the rooms and items as they are now (nothing written). */
  async preview(caller: Caller, communityId: number, period: string): Promise<BillRunPreview> {
    await this.community(caller, communityId);
    const [items, rooms, billed, readings, contracts] = await Promise.all([
      this.ds.getRepository(FeeItem).find({ where: { companyId: caller.companyId, communityId, active: true }, order: { id: 'ASC' } }),
      this.ds.query('SELECT id, label, area_centi FROM rooms WHERE community_id = ? ORDER BY id', [communityId]) as Promise<
        { id: number; label: string; area_centi: number | null }[]
      >,
      this.ds.query('SELECT COUNT(*) AS n FROM bill_lines WHERE community_id = ? AND period = ?', [communityId, period]) as Promise<{ n: number }[]>,
      periodReadings(this.ds.manager, communityId, period),
      contractedRooms(this.ds.manager, communityId, period),
    ]);
    const read = new Set([...readings.keys()].map((k) => Number(k.split(':')[0])));
    const problems: BillRunPreview['problems'] = [];
    const out: BillRunPreview['items'] = [];
    for (const item of items) {
      const skip = runItemProblem(item as BillableItem, period, read.has(item.id));
      if (skip) {
        problems.push({ roomId: null, roomLabel: null, itemId: item.id, message: skip });
        continue;
      }
      const line = { itemId: item.id, name: item.name, lines: 0, amountCents: 0 };
      for (const r of rooms) {
        const room = { id: Number(r.id), label: r.label, areaCenti: r.area_centi === null ? null : Number(r.area_centi) };
        // a fixed item: only the rooms with a contract covering the period
        if (item.kind === 'fixed' && !contracts.has(contractKey(item.id, room.id))) continue;
        const reading = readings.get(`${item.id}:${room.id}`);
        const d =
          item.kind !== 'metered'
            ? billLineFor(item as BillableItem, room, period)
            : !reading
              ? { problem: `${r.label} 本期未抄表` }
              : reading.status === 'held'
                ? { problem: `${r.label} 读数异常，待审核后出账` }
                : meteredLineFor(item as BillableItem, room, reading, period);
        if ('problem' in d) problems.push({ roomId: Number(r.id), roomLabel: r.label, itemId: item.id, message: d.problem });
        else {
          line.lines++;
          line.amountCents += d.amountCents;
        }
      }
      out.push(line);
    }
    return {
      communityId,
      period,
      rooms: rooms.length,
      items: out,
      totalCents: out.reduce((s, i) => s + i.amountCents, 0),
      alreadyBilled: Number(billed[0].n),
      problems: problems.slice(0, MAX_PROBLEMS),
      moreProblems: Math.max(0, problems.length - MAX_PROBLEMS),
    };
  }

  /** Starts the run (one per community at a time) and answers at once; its progress is GET …/runs/:id. */
  async start(caller: Caller, communityId: number, period: string): Promise<BillRunView> {
    await this.community(caller, communityId);
    const [running] = await this.ds.query("SELECT id FROM bill_runs WHERE community_id = ? AND status = 'running' LIMIT 1", [communityId]);
    if (running) throw AppError.conflict(ErrorCode.Conflict, '该小区正在出账，请等待完成后再试', { runId: Number(running.id) });
    const [{ n }] = await this.ds.query('SELECT COUNT(*) AS n FROM rooms WHERE community_id = ?', [communityId]);
    const now = this.clock.now();
    const values: Partial<BillRun> = {
      companyId: caller.companyId,
      communityId,
      period,
      status: 'running',
      totalRooms: Number(n),
      doneRooms: 0,
      lastRoomId: 0,
      linesCreated: 0,
      amountCents: 0,
      lastError: null,
      createdBy: caller.userId,
      leaseUntil: new Date(now.getTime() + 30_000),
      createdAt: now,
      finishedAt: null,
    };
    const id = await insertRow(this.ds.manager, BillRun, values);
    this.worker.kick(id);
    return runView(Object.assign(new BillRun(), values, { id }));
  }

  async list(caller: Caller, communityId: number): Promise<BillRunView[]> {
    await this.community(caller, communityId);
    const rows = await this.runs().where('r.community_id = :communityId', { communityId }).orderBy('r.id', 'DESC').limit(20).getRawAndEntities();
    return rows.entities.map((r, i) => runView(Object.assign(r, { createdByName: rows.raw[i].created_by_name })));
  }

  async get(caller: Caller, id: number): Promise<BillRunView> {
    const scope = await this.scopes.resolve(caller);
    const rows = await this.runs().where('r.id = :id AND r.company_id = :cid', { id, cid: caller.companyId }).getRawAndEntities();
    const r = rows.entities[0];
    if (!r || !scope.canSeeCommunity(r.communityId)) throw AppError.notFound('出账记录');
    return runView(Object.assign(r, { createdByName: rows.raw[0].created_by_name }));
  }

  private runs() {
    return this.ds.getRepository(BillRun).createQueryBuilder('r').leftJoin('users', 'u', 'u.id = r.created_by').addSelect('u.name', 'created_by_name');
  }
}
