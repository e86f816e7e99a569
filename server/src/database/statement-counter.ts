import { AsyncLocalStorage } from 'node:async_hooks';
import { AbstractLogger, LogLevel, LogMessage, Logger } from 'typeorm';

/** The statements one HTTP request sent to the database (BEGIN and COMMIT included). */
export interface StatementTally {
  n: number;
  sql?: string[];
  /** the parameters of each statement in `sql` (bench-reports replays them through mysql2) */
  params?: unknown[][];
}

const requestTally = new AsyncLocalStorage<StatementTally>();
let lastLogged: string[] = [];
let lastLoggedParams: unknown[][] = [];

/** The SQL of the last request sent with `x-sql-log: 1` (TEST_HOOKS: GET /api/test/last-sql). */
export const lastLoggedStatements = () => lastLogged;
/** The same statements with their parameters (TEST_HOOKS: GET /api/test/last-sql-params). */
export const lastLoggedWithParams = () => lastLogged.map((sql, i) => ({ sql, params: lastLoggedParams[i] ?? [] }));

/** Runs `fn` with a fresh tally: every statement TypeORM sends from inside it is counted there. */
export function countStatements<T>(tally: StatementTally, fn: () => T): T {
  return requestTally.run(tally, fn);
}

/** Runs `fn` outside any request's tally: background work a request starts is not that request's cost. */
export function outsideRequest<T>(fn: () => T): T {
  return requestTally.exit(fn);
}

/** Counts a statement sent outside TypeORM's query runners (a raw driver call) against the current request. */
export function countRawStatement(sql: string, params?: unknown[]) {
  const t = requestTally.getStore();
  if (!t) return;
  t.n++;
  t.sql?.push(sql);
  t.params?.push(params ?? []);
}

/**
 * TypeORM calls `logQuery` for every statement its query runners send (both drivers, transactions included), so
 * this logger is where statements per request are counted; it logs nothing itself apart from errors.
 */
export class StatementCountingLogger extends AbstractLogger implements Logger {
  override logQuery(query: string, parameters?: unknown[]) {
    countRawStatement(query, parameters);
  }
  protected writeLog(level: LogLevel, message: LogMessage | LogMessage[]) {
    if (level !== 'error' && level !== 'warn') return;
    for (const m of Array.isArray(message) ? message : [message]) console.error(`[typeorm] ${String(m.message)}`);
  }
}

/**
 * TEST_HOOKS / bench only: counts the statements of each request and answers them in `x-sql-statements`
 * (and keeps the SQL itself for GET /api/test/last-sql when the request asks with `x-sql-log: 1`).
 */
export function installStatementCounter(fastify: {
  addHook(name: 'preHandler', fn: (req: never, reply: unknown, done: () => void) => void): unknown;
  addHook(name: 'onSend', fn: (req: never, reply: never, payload: unknown, done: (e: null, p: unknown) => void) => void): unknown;
}) {
  type Req = { headers: Record<string, unknown>; sqlTally?: StatementTally };
  type Reply = { header(k: string, v: string): unknown };
  // preHandler, not onRequest: the body has been read by then, so the handler continues in this context
  fastify.addHook('preHandler', (req: never, _reply: unknown, done: () => void) => {
    const r = req as Req;
    const tally: StatementTally = { n: 0, ...(r.headers['x-sql-log'] === '1' ? { sql: [], params: [] } : {}) };
    r.sqlTally = tally;
    countStatements(tally, done);
  });
  fastify.addHook('onSend', (req: never, reply: never, payload: unknown, done: (e: null, p: unknown) => void) => {
    const tally = (req as Req).sqlTally;
    if (tally) {
      (reply as Reply).header('x-sql-statements', String(tally.n));
      if (tally.sql) {
        lastLogged = tally.sql;
        lastLoggedParams = tally.params ?? [];
      }
    }
    done(null, payload);
  });
}
