import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable } from 'rxjs';
import { DataSource } from 'typeorm';
import { ErrorCode } from '@linli/shared';
import { AppError } from './app-error';
import { Caller } from './caller';
import { Clock } from './clock';
import { IdempotencyKey } from './entities/idempotency-key.entity';

/**
 * `Idempotency-Key` on a create: the first request claims the key (unique per user) before doing the work,
 * so a retry or a double tap gets the stored response instead of a second record.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest();
    const reply = ctx.switchToHttp().getResponse();
    const key: string | undefined = req.headers['idempotency-key'];
    const caller: Caller | undefined = req.caller;
    if (!key || !caller) return next.handle();
    if (key.length > 100) throw new AppError(400, ErrorCode.BadRequest, 'Idempotency-Key 过长（最多 100 个字符）');
    const hash = createHash('sha256')
      .update(`${req.method} ${req.routeOptions?.url ?? req.url}\n${JSON.stringify(req.body ?? null)}`)
      .digest('hex');
    return from(this.run(caller.userId, key, hash, reply, next));
  }

  private async run(userId: number, key: string, hash: string, reply: { status(n: number): unknown }, next: CallHandler) {
    const repo = this.ds.getRepository(IdempotencyKey);
    try {
      await repo.insert({ userId, key, requestHash: hash, statusCode: null, response: null, createdAt: this.clock.now() });
    } catch {
      const prior = await repo.findOneBy({ userId, key });
      if (!prior) throw AppError.conflict(ErrorCode.IdempotencyInProgress);
      if (prior.requestHash !== hash) throw new AppError(422, ErrorCode.IdempotencyKeyReused);
      if (prior.response === null) throw AppError.conflict(ErrorCode.IdempotencyInProgress);
      reply.status(prior.statusCode ?? 200);
      return JSON.parse(prior.response);
    }
    try {
      const result = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await repo.update({ userId, key }, { statusCode: 201, response: JSON.stringify(result ?? null) });
      return result;
    } catch (e) {
      // nothing was created: free the key so the client may retry
      await repo.delete({ userId, key });
      throw e;
    }
  }
}
