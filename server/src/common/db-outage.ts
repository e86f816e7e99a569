import { Logger } from '@nestjs/common';

/** Driver codes that mean "the database cannot be reached or is overloaded", not "this statement is wrong". */
const UNAVAILABLE_CODES = new Set([
  // mysql2 / the network
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_QUERY_INTERRUPTED',
  // better-sqlite3: the writer lock was not free within busy_timeout
  'SQLITE_BUSY',
  'SQLITE_BUSY_SNAPSHOT',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
]);
/** mysql2 errors without a code (a pool or connection already closed by a fatal error) */
const UNAVAILABLE_MESSAGES = /Pool is closed|connection is in closed state|Connection lost|Queue limit reached|Timeout acquiring/i;

/** True when err (a driver error, TypeORM's wrapper of one, or a cause chain) says the database is unavailable. */
export function isDbUnavailable(err: unknown): boolean {
  let e = err as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    if (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message)) return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

/**
 * Logs a database outage once, with its first error, then a count of the requests refused every interval while
 * it lasts — not one stack trace per request.
 */
export class OutageLog {
  private since: number | null = null;
  private refused = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly log: Pick<Logger, 'error' | 'warn'>,
    private readonly intervalMs = 10_000,
  ) {}

  record(err: unknown) {
    this.refused++;
    if (this.since !== null) return;
    this.since = Date.now();
    this.log.error({ err }, 'database unavailable: answering 503 DB_UNAVAILABLE until it is back');
    this.timer = setInterval(() => this.flush(), this.intervalMs);
    this.timer.unref();
  }

  /** logs the count since the last one; ends the outage after an interval without refusals */
  flush() {
    if (this.since === null) return;
    if (this.refused) {
      this.log.warn(`db unavailable: ${this.refused} requests refused in the last ${Math.round(this.intervalMs / 1000)} s`);
      this.refused = 0;
      return;
    }
    this.log.warn(
      `db unavailable: no refusals for ${Math.round(this.intervalMs / 1000)} s, outage over after ${Math.round((Date.now() - this.since) / 1000)} s`,
    );
    clearInterval(this.timer);
    this.since = null;
  }
}
