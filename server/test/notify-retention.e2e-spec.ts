import { FakeWechat } from './helpers/fake-wechat';
import { notifyApi, notifyEnv } from './helpers/notify';
import { DAY, repairsApi } from './helpers/repairs';
import { TestApp } from './helpers/test-app';

const sqlTime = (d: Date) => d.toISOString().replace('T', ' ').replace('Z', '');
const FAR = '2099-01-01 00:00:00.000';

describe('notify: finished delivery rows are deleted after NOTIFY_RETENTION_DAYS; the inbox stays', () => {
  const fake = new FakeWechat();
  let t: TestApp;

  beforeAll(async () => {
    await fake.start();
    t = await TestApp.start(notifyEnv(fake.url, { NOTIFY_RETENTION_DAYS: '30' }));
  });
  afterAll(async () => {
    await t?.stop();
    await fake.stop();
  });

  const ids = async (table: string, like: string) =>
    (await t.query(`SELECT id FROM ${table} WHERE dedupe_key LIKE ? ORDER BY id`, [like])).map((r) => Number(r.id));

  it('deletes done / failed events and sent / failed / skipped messages older than 30 days, never pending ones', async () => {
    const api = repairsApi(t);
    const n = notifyApi(t);
    const zhangsan = await t.resident('zhangsan');
    const { id: roomId } = await t.room('锦绣花园', '1栋1单元101');
    const now = await api.serverNow();
    const repair = await api.create(zhangsan.accessToken, { roomId, category: 'water', description: '厨房水龙头漏水' });
    expect(repair.status).toBe(201);
    await n.expand();
    await n.drain();
    const ticketKey = `ticket:${repair.body.id}:%`;
    expect(await ids('notify_events', ticketKey)).toHaveLength(1);
    const outbox = await ids('outbox', ticketKey);
    const inbox = await ids('notifications', ticketKey);
    expect(inbox.length).toBeGreaterThan(0);

    // hand-made rows: an old one still pending (a retry far ahead) and an old failed one
    const old = sqlTime(new Date(now.getTime() - DAY));
    const event = (key: string, status: string) =>
      t.query(
        'INSERT INTO notify_events (dedupe_key, kind, company_id, payload, status, attempts, next_attempt_at, created_at) VALUES (?, ?, 1, ?, ?, 0, ?, ?)',
        [key, 'ticket', '{}', status, FAR, old],
      );
    await event('retention:pending', 'pending');
    await event('retention:failed', 'failed');

    // 29 days on: nothing is old enough
    await api.clockAdvance(28 * DAY);
    expect((await t.post('/api/test/jobs/notify-retention')).body).toEqual({ notify_events: 0, outbox: 0 });

    // 31 days after the repair: its event and messages go, the pending one stays, a fresh one stays
    await api.clockAdvance(3 * DAY);
    const fresh = await api.create(zhangsan.accessToken, { roomId, category: 'water', description: '卫生间地漏堵塞' });
    await n.expand();
    await n.drain();
    const purged = (await t.post('/api/test/jobs/notify-retention')).body;
    expect(purged).toEqual({ notify_events: 2, outbox: outbox.length });
    expect(await ids('notify_events', ticketKey)).toEqual([]);
    expect(await ids('outbox', ticketKey)).toEqual([]);
    expect(await ids('notify_events', 'retention:%')).toHaveLength(1);
    expect((await t.query("SELECT status FROM notify_events WHERE dedupe_key = 'retention:pending'"))[0].status).toBe('pending');
    expect(await ids('notify_events', `ticket:${fresh.body.id}:%`)).toHaveLength(1);
    // the inbox is the residents' and staff's own history
    expect(await ids('notifications', ticketKey)).toEqual(inbox);
  });
});
