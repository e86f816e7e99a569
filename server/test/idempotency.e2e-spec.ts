import { createHash } from 'node:crypto';
import { LoginResponse } from '@linli/shared';
import { complaintsApi } from './helpers/complaints';
import { repairsApi } from './helpers/repairs';
import { TestApp } from './helpers/test-app';

/**
 * Issue 9.18 / 9.19: the Idempotency-Key and the work are one unit. The key row is written in the create's own
 * transaction (with the ticket it made and the answer), so a crash rolls both back, a committed create replays,
 * and nothing after COMMIT can turn a stored ticket into a 500.
 */
describe('idempotency: the key and the work are one unit', () => {
  let t: TestApp;
  let zhangsan: LoginResponse;
  let agent1: LoginResponse;
  let room101: { id: number; communityId: number };

  const count = async (description: string) => Number((await t.query('SELECT COUNT(*) AS n FROM tickets WHERE description = ?', [description]))[0].n);
  const idOf = async (description: string) => Number((await t.query('SELECT id FROM tickets WHERE description = ?', [description]))[0].id);
  const keyRows = (key: string) => t.query('SELECT status_code, response, resource_kind, resource_id FROM idempotency_keys WHERE `key` = ?', [key]);
  const body = (description: string) => ({ category: 'water', description, roomId: room101.id });
  const create = (b: Record<string, unknown>, headers: Record<string, string>) => repairsApi(t).create(zhangsan.accessToken, b, headers);
  /** the request got no HTTP answer at all (fetch failed: connection reset) */
  const noAnswer = (x: unknown) => !(x && typeof x === 'object' && 'status' in x);
  const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');

  beforeAll(async () => {
    t = await TestApp.start();
    [zhangsan, agent1] = await Promise.all([t.resident('zhangsan'), t.staff('agent1')]);
    room101 = await t.room('锦绣花园', '1栋1单元101');
  });
  afterAll(() => t.close());

  it('#9.18 a key left "in progress" by a crashed attempt (the old claim-first scheme) no longer answers 409: the retry files the repair once', async () => {
    const b = body('幂等：旧的处理中键');
    const hash = createHash('sha256')
      .update(`POST /api/repairs\n${JSON.stringify(b)}`)
      .digest('hex');
    // what a SIGKILL between the claim and the work left behind, 26 minutes ago
    await t.query('INSERT INTO idempotency_keys (user_id, `key`, request_hash, status_code, response, created_at) VALUES (?, ?, ?, NULL, NULL, ?)', [
      zhangsan.me.id,
      'stuck-1',
      hash,
      sqlTime(new Date(Date.now() - 26 * 60_000)),
    ]);
    const r = await create(b, { 'Idempotency-Key': 'stuck-1' });
    expect([r.status, r.body.code]).toEqual([201, undefined]);
    expect(await count(b.description)).toBe(1);
    expect(await keyRows('stuck-1')).toEqual([expect.objectContaining({ resource_kind: 'repair', resource_id: r.body.id })]);
    const again = await create(b, { 'Idempotency-Key': 'stuck-1' });
    expect([again.status, again.body.id, again.body.no]).toEqual([201, r.body.id, r.body.no]);
  });

  it('#9.18 the key row is written in the ticket transaction: COMMIT is the last statement, and a failed create leaves no key behind', async () => {
    const r = await create(body('幂等：同一事务'), { 'Idempotency-Key': 'one-unit-1', 'x-sql-log': '1' });
    expect(r.status).toBe(201);
    const sql: string[] = (await t.get('/api/test/last-sql')).body;
    const begin = sql.findIndex((s) => /^(BEGIN|START TRANSACTION)/.test(s));
    const key = sql.findIndex((s) => /INSERT INTO .idempotency_keys/.test(s));
    expect(begin).toBeGreaterThan(-1);
    expect(key).toBeGreaterThan(begin);
    // #9.19: nothing is read after COMMIT, so a database gone at that moment cannot turn a stored ticket into a 500
    expect(sql.at(-1)).toBe('COMMIT');
    // a create refused inside its transaction (a photo that is not the caller's) keeps neither ticket nor key
    const bad = await create({ ...body('幂等：失败不留键'), photoIds: [999999] }, { 'Idempotency-Key': 'one-unit-2' });
    expect(bad.status).toBe(400);
    expect(await keyRows('one-unit-2')).toEqual([]);
    // the key is free again: the corrected request goes through with it (never "in progress")
    const fixed = await create(body('幂等：失败不留键'), { 'Idempotency-Key': 'one-unit-2' });
    expect(fixed.status).toBe(201);
  });

  it('#9.18 a double tap (same key, same time): one ticket, both answers carry it', async () => {
    for (let round = 0; round < 3; round++) {
      const b = body(`幂等：双击 ${round}`);
      const headers = { 'Idempotency-Key': `tap-${round}`, 'x-test-delay-commit-ms': '300' };
      const [a, c] = await Promise.all([create(b, headers), create(b, headers)]);
      expect([a.status, c.status]).toEqual([201, 201]);
      expect(c.body.id).toBe(a.body.id);
      expect(await count(b.description)).toBe(1);
    }
  });

  it('#9.18 the server killed inside the create transaction: neither ticket nor key survive, and the retry with the same key files it once', async () => {
    const b = body('幂等：事务中被杀');
    const first = create(b, { 'Idempotency-Key': 'killed-1', 'x-test-delay-commit-ms': '5000' }).catch((e: Error) => e);
    await new Promise((r) => setTimeout(r, 1200));
    t.proc.kill('SIGKILL');
    expect(noAnswer(await first)).toBe(true);
    t = await TestApp.start({}, t.db);
    expect(await count(b.description)).toBe(0);
    expect(await keyRows('killed-1')).toEqual([]);
    const retry = await create(b, { 'Idempotency-Key': 'killed-1' });
    expect(retry.status).toBe(201);
    expect(await count(b.description)).toBe(1);
  });

  it('#9.19 committed but the answer was lost on the way: the retry with the same key returns the same ticket', async () => {
    const b = body('幂等：答复丢失');
    const lost = await create(b, { 'Idempotency-Key': 'lost-1', 'x-test-lose-response': '1' }).catch((e: Error) => e);
    expect(noAnswer(lost)).toBe(true);
    expect(await count(b.description)).toBe(1);
    const retry = await create(b, { 'Idempotency-Key': 'lost-1' });
    expect([retry.status, retry.body.id]).toEqual([201, await idOf(b.description)]);
    expect(retry.body.timeline.map((e) => e.type)).toEqual(['created']);
    expect(await count(b.description)).toBe(1);
  });

  it('#9.19 the same for a complaint taken at the desk', async () => {
    const api = complaintsApi(t);
    agent1 = await t.staff('agent1');
    const b = {
      channel: 'hotline',
      kind: 'complaint',
      category: 'service_attitude',
      text: '幂等：投诉答复丢失',
      communityId: room101.communityId,
      roomId: room101.id,
    };
    const lost = await api.intake(agent1.accessToken, b, { 'Idempotency-Key': 'lost-c-1', 'x-test-lose-response': '1' }).catch((e: Error) => e);
    expect(noAnswer(lost)).toBe(true);
    const retry = await api.intake(agent1.accessToken, b, { 'Idempotency-Key': 'lost-c-1' });
    expect(retry.status).toBe(201);
    expect(retry.body.id).toBe(await idOf(b.text));
    expect(await count(b.text)).toBe(1);
  });
});
