import { CallHandler, ExecutionContext, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ErrorCode } from '@linli/shared';
import { AppConfig } from '../config/app-config';
import { AppError } from './app-error';
import { Caller } from './caller';
import { Clock } from './clock';
import { IdempotencyKey } from './entities/idempotency-key.entity';

const IN_TRANSACTION = 'idempotency:in-transaction';
/** in the claim-first mode, a claim older than this is taken to belong to a dead attempt: a retry runs again */
const CLAIM_LEASE_MS = 30_000;

/**
 * Marks a route whose service records the key itself, with `recordIdempotencyKey(em, …)` inside the transaction
 * that does the work: the key and the work are one unit (a crash rolls both back; a committed one replays).
 */
export const IdempotentInTransaction = () => SetMetadata(IN_TRANSACTION, true);

interface KeyContext {
  userId: number;
  key: string;
  hash: string;
  recorded: boolean;
  /** TEST_HOOKS only: hold the transaction open before its COMMIT (to crash the server there) */
  delayMs: number;
}
const keyContext = new AsyncLocalStorage<KeyContext>();

/**
 * Records the request's `Idempotency-Key` (if it sent one) with what it created and the response, as the last write
 * of the work's transaction. A concurrent request with the same key waits on the unique index until this one commits
 * (then fails with a duplicate and replays this response) or rolls back (then it does the work itself).
 */
export async function recordIdempotencyKey(em: EntityManager, kind: string, id: number, response: unknown, statusCode = 201): Promise<void> {
  const ctx = keyContext.getStore();
  if (!ctx) return;
  if (ctx.delayMs) await new Promise((r) => setTimeout(r, ctx.delayMs));
  await em
    .createQueryBuilder()
    .insert()
    .into(IdempotencyKey)
    .values({
      userId: ctx.userId,
      key: ctx.key,
      requestHash: ctx.hash,
      statusCode,
      response: JSON.stringify(response ?? null),
      resourceKind: kind,
      resourceId: id,
      createdAt: new Date(),
    })
    .updateEntity(false)
    .execute();
  ctx.recorded = true;
}

/**
 * `Idempotency-Key` on a create (unique per user): a retry or a double tap gets the stored response instead of a
 * second record; the same key with another request → 422. Routes marked `@IdempotentInTransaction()` write the key
 * in the work's own transaction (no key row exists until the work committed); the others claim the key first,
 * with a lease so that a claim left by a crash does not block the key forever.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  /** first attempts running on this instance, by user and key */
  private readonly inflight = new Map<string, Promise<unknown>>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly reflector: Reflector,
    private readonly cfg: AppConfig,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest();
    const reply = ctx.switchToHttp().getResponse();
    const key: string | undefined = req.headers['idempotency-key'];
    const caller: Caller | undefined = req.caller;
    if (!key || !caller) return next.handle();
    if (key.length > 100) throw new AppError(400, ErrorCode.BadRequest, 'Idempotency-Key 过长（最多 100 个字符）');
    // keyed: a body may carry personal data (ID numbers on a decoration permit) that a plain hash would let anyone
    // with the table guess back
    const hash = createHmac('sha256', this.cfg.JWT_SECRET)
      .update(`${req.method} ${req.routeOptions?.url ?? req.url}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    const k: KeyContext = { userId: caller.userId, key, hash, recorded: false, delayMs: 0 };
    if (this.cfg.TEST_HOOKS) k.delayMs = Number(req.headers['x-test-delay-commit-ms']) || 0;
    const inTx = this.reflector.get<boolean>(IN_TRANSACTION, ctx.getHandler());
    const work = inTx ? this.inTransaction(k, reply, next) : this.claimFirst(k, reply, next);
    // TEST_HOOKS only: the work commits, then the connection drops before the answer (as when the network fails)
    if (this.cfg.TEST_HOOKS && req.headers['x-test-lose-response'] === '1') return from(work.then(() => req.raw.destroy()));
    return from(work);
  }

  private async inTransaction(k: KeyContext, reply: Reply, next: CallHandler) {
    // a double tap on this instance waits for the first attempt (across instances the unique index decides)
    const id = `${k.userId}\n${k.key}`;
    const running = this.inflight.get(id);
    if (running) await running.catch(() => undefined);
    const prior = await this.find(k);
    if (prior && !(await this.stale(prior))) return this.replay(prior, k, reply);
    const work = keyContext.run(k, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
    this.inflight.set(id, work);
    try {
      return await work;
    } catch (e) {
      // a concurrent request with the same key committed first: its answer is ours
      const winner = k.recorded ? null : await this.find(k).catch(() => null);
      if (winner?.response) return this.replay(winner, k, reply);
      throw e;
    } finally {
      if (this.inflight.get(id) === work) this.inflight.delete(id);
    }
  }

  /** A claim without a response left by the old claim-first scheme or a claim-first route, past its lease: dropped. */
  private async stale(prior: IdempotencyKey): Promise<boolean> {
    if (prior.response !== null || this.clock.now().getTime() - prior.createdAt.getTime() < CLAIM_LEASE_MS) return false;
    await this.ds.getRepository(IdempotencyKey).delete({ id: prior.id, response: IsNull() });
    return true;
  }

  private async claimFirst(k: KeyContext, reply: Reply, next: CallHandler) {
    const repo = this.ds.getRepository(IdempotencyKey);
    const now = this.clock.now();
    const claim = { userId: k.userId, key: k.key, requestHash: k.hash, statusCode: null, response: null, createdAt: now };
    const prior = await this.find(k);
    if (prior) {
      if (prior.response !== null || prior.requestHash !== k.hash) return this.replay(prior, k, reply);
      if (now.getTime() - prior.createdAt.getTime() < CLAIM_LEASE_MS) throw AppError.conflict(ErrorCode.IdempotencyInProgress);
      // the attempt that claimed it is gone: take the claim over (compare-and-set on its time)
      const res = await repo.update({ id: prior.id, createdAt: prior.createdAt, response: null as never }, { createdAt: now });
      if (!res.affected) throw AppError.conflict(ErrorCode.IdempotencyInProgress);
    } else {
      try {
        await repo.insert(claim);
      } catch (e) {
        // a concurrent first attempt claimed it a moment ago; anything else is the database's error
        if (await this.find(k).catch(() => null)) throw AppError.conflict(ErrorCode.IdempotencyInProgress);
        throw e;
      }
    }
    try {
      const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await repo.update({ userId: k.userId, key: k.key }, { statusCode: 201, response: JSON.stringify(result ?? null) });
      return result;
    } catch (e) {
      // nothing was created: free the key so the client may retry
      await repo.delete({ userId: k.userId, key: k.key }).catch(() => undefined);
      throw e;
    }
  }

  private find(k: KeyContext) {
    return this.ds.getRepository(IdempotencyKey).findOneBy({ userId: k.userId, key: k.key });
  }

  private replay(prior: IdempotencyKey, k: KeyContext, reply: Reply) {
    if (prior.requestHash !== k.hash) throw new AppError(422, ErrorCode.IdempotencyKeyReused);
    if (prior.response === null) throw AppError.conflict(ErrorCode.IdempotencyInProgress);
    reply.status(prior.statusCode ?? 200);
    return JSON.parse(prior.response);
  }
}

type Reply = { status(n: number): unknown };
