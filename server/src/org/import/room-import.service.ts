import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ErrorCode, ImportJobView } from '@linli/shared';
import { AppError } from '../../common/app-error';
import { AuditService } from '../../common/audit.service';
import { Clock } from '../../common/clock';
import { Scope } from '../../common/scope';
import { sqlTime } from '../../common/sql-time';
import { Community } from '../entities/community.entity';
import { ImportJob } from './import-job.entity';
import { checkRoomRows, CheckedRooms } from './room-rows';
import { readTable } from './table-reader';
import { writeRoomRows } from './room-writer';

const CHUNK = 100;
const LEASE_MS = 60_000;
const MAX_REPORTED = 500;

export function importJobView(j: ImportJob): ImportJobView {
  return {
    id: j.id,
    communityId: j.communityId,
    fileName: j.fileName,
    status: j.status,
    total: j.total,
    processed: j.processed,
    percent: j.total ? Math.floor((j.processed * 100) / j.total) : 100,
    created: j.createdCount,
    updated: j.updatedCount,
    buildingsCreated: j.buildingsCreated,
    unitsCreated: j.unitsCreated,
    errorCount: j.errorCount,
    errors: j.errors ?? [],
    createdAt: j.createdAt.toISOString(),
    finishedAt: j.finishedAt?.toISOString() ?? null,
  };
}

/** Reads a CSV / .xlsx file of rooms (exceljs) and checks every row; unreadable files and wrong headers are 400. */
export async function readRoomFile(data: Buffer): Promise<CheckedRooms> {
  let checked: CheckedRooms;
  try {
    checked = checkRoomRows(await readTable(data));
  } catch {
    throw new AppError(400, ErrorCode.ImportFailed, '无法读取文件：请上传 UTF-8 编码的 CSV 或 Excel（.xlsx）文件');
  }
  if (checked.headerError) throw new AppError(400, ErrorCode.ImportFailed, checked.headerError);
  if (!checked.rows.length && !checked.errors.length) throw new AppError(400, ErrorCode.ImportFailed, '文件中没有数据行');
  return checked;
}

/**
 * Room imports as background jobs: the upload is read and checked at once (the report of bad rows is ready with
 * the job), the good rows are written CHUNK at a time, each chunk in one transaction with the job's progress, so
 * a runner that stops resumes where it was; rows are keyed by (unit, number), so writing one twice is harmless.
 */
@Injectable()
export class RoomImportService {
  private readonly log = new Logger(RoomImportService.name);
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  async start(scope: Scope, communityId: number, fileName: string, data: Buffer): Promise<ImportJobView> {
    const community = await this.ds.getRepository(Community).findOneBy({ id: communityId });
    scope.assertCommunity(community && { companyId: community.companyId, communityId: community.id }, '小区');
    const checked = await readRoomFile(data);
    const sha = createHash('sha256').update(data).digest('hex');
    const repo = this.ds.getRepository(ImportJob);
    // a double tap on 开始导入 (or a retried upload) joins the job already under way
    const running = await repo.findOneBy({ communityId, fileSha256: sha, status: In(['queued', 'running']) });
    if (running) return importJobView(running);
    const now = this.clock.now();
    const job = await this.ds.transaction(async (em) => {
      const j = await em.save(
        em.create(ImportJob, {
          companyId: community!.companyId,
          communityId,
          createdBy: scope.caller.userId,
          kind: 'rooms',
          fileName: fileName.slice(0, 200),
          fileSha256: sha,
          status: checked.rows.length ? 'queued' : 'failed',
          total: checked.rows.length,
          processed: 0,
          createdCount: 0,
          updatedCount: 0,
          buildingsCreated: 0,
          unitsCreated: 0,
          errorCount: checked.errors.length,
          errors: checked.errors.slice(0, MAX_REPORTED),
          rows: checked.rows.length ? checked.rows : null,
          leaseUntil: null,
          createdAt: now,
          finishedAt: checked.rows.length ? null : now,
        }),
      );
      await this.audit.record(em, scope.caller, 'rooms.import', 'community', communityId, {
        jobId: j.id,
        rows: checked.rows.length,
        errors: checked.errors.length,
      });
      return j;
    });
    if (job.status === 'queued') this.kick(job.id);
    return importJobView(job);
  }

  async get(scope: Scope, id: number): Promise<ImportJobView> {
    const j = await this.ds.getRepository(ImportJob).findOneBy({ id });
    scope.assertCommunity(j, '导入任务');
    return importJobView(j!);
  }

  /** Runs the job soon in this instance; jobs run one after another here. */
  kick(id: number): void {
    this.queue = this.queue.then(() => this.run(id)).catch((e) => this.log.error({ err: e }, `room import ${id} stopped`));
  }

  /** Jobs nobody holds (new, or left by a runner that stopped): run them. For the interval job and the tests. */
  async resumeAll(): Promise<number> {
    const now = sqlTime(this.clock.now());
    const ids: { id: number }[] = await this.ds
      .getRepository(ImportJob)
      .createQueryBuilder('j')
      .select('j.id', 'id')
      .where("j.status IN ('queued', 'running') AND (j.lease_until IS NULL OR j.lease_until < :now)", { now })
      .orderBy('j.id', 'ASC')
      .limit(20)
      .getRawMany();
    for (const { id } of ids) {
      this.kick(Number(id));
    }
    await this.queue;
    return ids.length;
  }

  private async claim(id: number): Promise<boolean> {
    const now = this.clock.now();
    const res = await this.ds
      .createQueryBuilder()
      .update(ImportJob)
      .set({ status: 'running', leaseUntil: new Date(now.getTime() + LEASE_MS), version: () => 'version + 1' })
      .where("id = :id AND status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < :now)", { id, now: sqlTime(now) })
      .execute();
    return !!res.affected;
  }

  private async run(id: number): Promise<void> {
    if (!(await this.claim(id))) return;
    const job = await this.ds.getRepository(ImportJob).findOneByOrFail({ id });
    const community = await this.ds.getRepository(Community).findOneByOrFail({ id: job.communityId });
    const rows = job.rows ?? [];
    while (job.processed < rows.length) {
      const chunk = rows.slice(job.processed, job.processed + CHUNK);
      await this.ds.transaction(async (em) => {
        const now = this.clock.now();
        const c = await writeRoomRows(em, community, chunk, now);
        job.processed += chunk.length;
        job.createdCount += c.created;
        job.updatedCount += c.updated;
        job.buildingsCreated += c.buildingsCreated;
        job.unitsCreated += c.unitsCreated;
        const done = job.processed >= rows.length;
        await em.update(
          ImportJob,
          { id },
          {
            processed: job.processed,
            createdCount: job.createdCount,
            updatedCount: job.updatedCount,
            buildingsCreated: job.buildingsCreated,
            unitsCreated: job.unitsCreated,
            leaseUntil: done ? null : new Date(now.getTime() + LEASE_MS),
            ...(done ? { status: 'done' as const, rows: null, finishedAt: now } : {}),
          },
        );
      });
    }
    if (!rows.length) await this.ds.getRepository(ImportJob).update({ id }, { status: 'done', leaseUntil: null, finishedAt: this.clock.now() });
  }
}
