import { ErrorCode } from '@linli/shared';
import { QueryFailedError } from 'typeorm';
import { isDbUnavailable, OutageLog } from './db-outage';
import { toApiError } from './error-filter';

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('isDbUnavailable: connection errors of both drivers, not statement errors', () => {
  it.each([
    ['mysql2: refused', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:3306')],
    ['mysql2: lost mid-query, wrapped by TypeORM', new QueryFailedError('SELECT 1', [], withCode('PROTOCOL_CONNECTION_LOST'))],
    ['mysql2: too many connections', new QueryFailedError('SELECT 1', [], withCode('ER_CON_COUNT_ERROR'))],
    ['mysql2: server shutting down', withCode('ER_SERVER_SHUTDOWN')],
    ['mysql2: connect timeout', withCode('ETIMEDOUT')],
    ['mysql2: closed connection, no code', new Error("Can't add new command when connection is in closed state")],
    ['a cause chain', new Error('outer', { cause: withCode('ECONNRESET') })],
    ['better-sqlite3: busy', new QueryFailedError('INSERT', [], withCode('SQLITE_BUSY', 'database is locked'))],
  ])('%s', (_name, err) => {
    expect(isDbUnavailable(err)).toBe(true);
    expect(toApiError(err)).toEqual({ status: 503, body: { code: ErrorCode.DbUnavailable, message: expect.stringMatching(/[\u4e00-\u9fa5]/) } });
  });

  it.each([
    ['a duplicate', new QueryFailedError('INSERT', [], withCode('ER_DUP_ENTRY'))],
    ['a syntax error', new QueryFailedError('SELEC', [], withCode('ER_PARSE_ERROR'))],
    ['a plain bug', new TypeError('x is undefined')],
    ['nothing', undefined],
  ])('%s is not', (_name, err) => {
    expect(isDbUnavailable(err)).toBe(false);
    expect(toApiError(err).body.code).not.toBe(ErrorCode.DbUnavailable);
  });
});

describe('OutageLog: one stack trace per outage, then a count', () => {
  const sink = () => {
    const lines: { level: string; msg: string; err?: unknown }[] = [];
    return {
      lines,
      error: (obj: unknown, msg?: string) => void lines.push({ level: 'error', msg: String(msg), err: (obj as { err?: unknown }).err }),
      warn: (msg: unknown) => void lines.push({ level: 'warn', msg: String(msg) }),
    };
  };

  it('1,000 refused requests log one error with the first cause and a count per interval', () => {
    const log = sink();
    const outage = new OutageLog(log, 60_000);
    const first = withCode('ECONNREFUSED');
    outage.record(first);
    for (let i = 1; i < 1000; i++) outage.record(withCode('ECONNREFUSED'));
    expect(log.lines).toEqual([{ level: 'error', msg: expect.stringContaining('database unavailable'), err: first }]);
    outage.flush();
    expect(log.lines[1]).toEqual({ level: 'warn', msg: 'db unavailable: 1000 requests refused in the last 60 s' });
    // an interval without refusals ends the outage; the next one is logged in full again
    outage.flush();
    expect(log.lines[2].msg).toMatch(/outage over/);
    outage.record(first);
    expect(log.lines.filter((l) => l.level === 'error')).toHaveLength(2);
    outage.flush();
    outage.flush();
  });
});
