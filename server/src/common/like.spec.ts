import Database from 'better-sqlite3';
import { LIKE_ESCAPE, likeContains, likePrefix } from './like';

describe('LIKE escaping', () => {
  it('escapes the wildcards and the escape character', () => {
    expect(likeContains('1_01')).toBe('%1!_01%');
    expect(likeContains('100%')).toBe('%100!%%');
    expect(likeContains('a!b')).toBe('%a!!b%');
    expect(likeContains('a\\b')).toBe('%a\\b%');
    expect(likePrefix('2026-')).toBe('2026-%');
  });

  it('matches literally on SQLite', () => {
    const db = new Database(':memory:');
    db.exec("CREATE TABLE t (s TEXT); INSERT INTO t VALUES ('1_01'), ('1101'), ('100%'), ('1000'), ('a!b'), ('a\\b'), ('ab')");
    const find = (p: string) => (db.prepare(`SELECT s FROM t WHERE s LIKE ? ${LIKE_ESCAPE} ORDER BY s`).all(p) as { s: string }[]).map((r) => r.s);
    expect(find(likeContains('_'))).toEqual(['1_01']);
    expect(find(likeContains('1_0'))).toEqual(['1_01']);
    expect(find(likeContains('%'))).toEqual(['100%']);
    expect(find(likeContains('!'))).toEqual(['a!b']);
    expect(find(likeContains('\\'))).toEqual(['a\\b']);
    expect(find(likePrefix('10'))).toEqual(['100%', '1000']);
    db.close();
  });
});
