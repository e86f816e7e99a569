import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ApiError, ERROR_MESSAGES, ErrorCode } from '@linli/shared';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error';
import { isNotifyPath } from '../pay/raw-body';
import { isDbUnavailable, OutageLog } from './db-outage';

/** seconds a client is asked to wait before retrying while the database is unavailable */
export const DB_RETRY_AFTER_SECONDS = 5;

const BY_STATUS: Record<number, ErrorCode> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthenticated,
  403: ErrorCode.Forbidden,
  404: ErrorCode.RouteNotFound,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.TooManyRequests,
  503: ErrorCode.ServiceUnavailable,
};

/** Maps any error (ours, Nest's, fastify's, the database's) to one status and {code, message, details}. */
export function toApiError(err: unknown): { status: number; body: ApiError } {
  if (err instanceof AppError)
    return { status: err.status, body: { code: err.code, message: err.message, ...(err.details !== undefined && { details: err.details }) } };
  if (err instanceof HttpException) {
    // fastify's own errors (bad JSON, body too large) arrive wrapped by Nest's adapter
    if (err.cause && typeof (err.cause as { code?: unknown }).code === 'string') return toApiError(err.cause);
    const status = err.getStatus();
    const code = BY_STATUS[status] ?? (status < 500 ? ErrorCode.BadRequest : ErrorCode.Internal);
    return { status, body: { code, message: ERROR_MESSAGES[code] } };
  }
  if (isDbUnavailable(err)) return { status: 503, body: { code: ErrorCode.DbUnavailable, message: ERROR_MESSAGES.DB_UNAVAILABLE } };
  if (err instanceof QueryFailedError) {
    const e = err as QueryFailedError & { code?: string; errno?: number };
    if (e.code === 'ER_DUP_ENTRY' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return { status: 409, body: { code: ErrorCode.Conflict, message: '记录已存在，请勿重复提交' } };
    }
    // two writers crossed (InnoDB picked this one as the deadlock victim, or it waited too long): nothing was written
    if (e.code === 'ER_LOCK_DEADLOCK' || e.code === 'ER_LOCK_WAIT_TIMEOUT') {
      return { status: 409, body: { code: ErrorCode.Conflict, message: '操作冲突，请稍后重试' } };
    }
  }
  const fst = err as { code?: string; statusCode?: number };
  if (typeof fst?.code === 'string' && fst.code.startsWith('FST_')) {
    if (fst.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || fst.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError) {
      return { status: 400, body: { code: ErrorCode.MalformedJson, message: ERROR_MESSAGES.MALFORMED_JSON } };
    }
    const status = fst.statusCode && fst.statusCode < 500 ? fst.statusCode : 400;
    const code = BY_STATUS[status] ?? ErrorCode.BadRequest;
    return { status, body: { code, message: ERROR_MESSAGES[code] } };
  }
  if (err instanceof SyntaxError && (err as { statusCode?: number }).statusCode === 400) {
    return { status: 400, body: { code: ErrorCode.MalformedJson, message: ERROR_MESSAGES.MALFORMED_JSON } };
  }
  return { status: 500, body: { code: ErrorCode.Internal, message: ERROR_MESSAGES.INTERNAL } };
}

@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('ErrorFilter');
  private readonly outage = new OutageLog(this.log);

  catch(err: unknown, host: ArgumentsHost) {
    const reply = host.switchToHttp().getResponse();
    const { status, body } = toApiError(err);
    if (body.code === ErrorCode.DbUnavailable) {
      this.outage.record(err);
      reply.header('retry-after', String(DB_RETRY_AFTER_SECONDS));
    } else if (status >= 500) this.log.error({ err }, 'unhandled error');
    // WeChat Pay's callbacks: its documented failure body; a request it sent wrong (not JSON, too large) is a 400
    if (isNotifyPath(host.switchToHttp().getRequest<{ url?: string }>()?.url)) {
      reply.status(status >= 500 ? status : 400).send({ code: 'FAIL', message: body.message });
      return;
    }
    reply.status(status).send(body);
  }
}
