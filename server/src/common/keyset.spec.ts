import { AppError } from './app-error';
import { cursorId, cursorOneOf, cursorSqlTime, decodeCursor, encodeCursor, ID_CURSOR } from './keyset';

const raw = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
const INBOX = [cursorOneOf(0, 1), cursorOneOf(0, 1, 2, 3, 9), cursorSqlTime, cursorId];

function refused(cursor: string, shape = ID_CURSOR) {
  try {
    decodeCursor(cursor, shape);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(400);
    expect((e as AppError).message).toMatch(/[\u4e00-\u9fa5]/);
    return true;
  }
  return false;
}

describe('keyset cursors', () => {
  it('round-trips the cursors the lists issue', () => {
    expect(decodeCursor(undefined, ID_CURSOR)).toBeNull();
    expect(decodeCursor(encodeCursor([42]), ID_CURSOR)).toEqual([42]);
    const inbox = [0, 9, '2026-11-23 02:00:00.000', 7];
    expect(decodeCursor(encodeCursor(inbox), INBOX)).toEqual(inbox);
    expect(decodeCursor(encodeCursor([1, 0, '9999-12-31 00:00:00.000', 3]), INBOX)).toEqual([1, 0, '9999-12-31 00:00:00.000', 3]);
  });

  it('refuses well-formed base64 of the wrong shape (the `no such column: NaN` case)', () => {
    for (const v of [['abc'], [], [1, 2], ['1'], [0], [-5], [1.5], [1e300], [null], [true], { id: 1 }, 'x', 7]) expect([v, refused(raw(v))]).toEqual([v, true]);
  });

  it('refuses positions of the wrong kind: unknown ranks, impossible or foreign times, bad ids', () => {
    for (const v of [
      [2, 3, '2026-11-23 02:00:00.000', 7],
      [0, 5, '2026-11-23 02:00:00.000', 7],
      [0, 3, '2026-02-30 02:00:00.000', 7],
      [0, 3, '2026-11-23T02:00:00.000Z', 7],
      [0, 3, '2026-11-23 25:00:00.000', 7],
      [0, 3, "' OR 1=1 --", 7],
      [0, 3, '2026-11-23 02:00:00.000', '7'],
      [0, 3, '2026-11-23 02:00:00.000', 0],
      ['0', 3, '2026-11-23 02:00:00.000', 7],
    ])
      expect([v, refused(raw(v), INBOX)]).toEqual([v, true]);
  });

  it('refuses garbage that is not base64 JSON at all', () => {
    for (const c of ['!!notacursor', 'garbage', 'bm9wZQ', '%%%']) expect([c, refused(c)]).toEqual([c, true]);
  });
});
