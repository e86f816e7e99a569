import { LoginResponse } from '@linli/shared';
import { FakeWechat } from './helpers/fake-wechat';
import { repairsApi } from './helpers/repairs';
import { notifyApi, notifyEnv, SUBSCRIBE } from './helpers/notify';
import { TestApp } from './helpers/test-app';

const ok = { body: { errcode: 0, errmsg: 'ok' } };

describe('notify: outbox delivery to WeChat subscribe messages and the in-app inbox', () => {
  const fake = new FakeWechat();
  let t: TestApp;
  let api: ReturnType<typeof repairsApi>;
  let n: ReturnType<typeof notifyApi>;
  let agent1: LoginResponse, tech1: LoginResponse, zhangsan: LoginResponse;
  let roomId: number;

  /** a new repair of zhangsan, accepted and dispatched to technician1 */
  const dispatched = async () => {
    const d = await api.file(zhangsan.accessToken, roomId);
    await api.step(agent1.accessToken, d.id, 'accept', { tier: 'normal' });
    await api.step(agent1.accessToken, d.id, 'dispatch', { technicianId: tech1.me.id });
    return d;
  };
  const residentRow = (ticketId: number, template: string) =>
    n.outbox("dedupe_key LIKE ? AND channel = 'wechat' AND template = ?", [`ticket:${ticketId}:event:%`, template]).then((r) => r[0]);

  beforeAll(async () => {
    await fake.start();
    t = await TestApp.start(notifyEnv(fake.url));
    api = repairsApi(t);
    n = notifyApi(t);
    [agent1, tech1] = await Promise.all(['agent1', 'technician1'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    roomId = (await t.room('锦绣花园', '1栋1单元101')).id;
    await n.linkOpenid(zhangsan.me.id, 'resident', 'o-zhangsan');
    await n.linkOpenid(tech1.me.id, 'staff', 'o-tech1');
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });
  beforeEach(() => fake.off(SUBSCRIBE));

  it('every notification is in the inbox once the change is fanned out after its commit; without consent nothing goes to WeChat', async () => {
    const before = fake.callsTo(SUBSCRIBE).length;
    const d = await api.file(zhangsan.accessToken, roomId);
    await api.step(agent1.accessToken, d.id, 'accept', { tier: 'urgent' });
    const row = await residentRow(d.id, 'repair_accepted');
    expect(row).toEqual(expect.objectContaining({ status: 'pending', recipient_id: zhangsan.me.id, attempts: 0 }));
    await n.drain();
    expect(fake.callsTo(SUBSCRIBE).length).toBe(before);
    const after = await residentRow(d.id, 'repair_accepted');
    expect(after.status).toBe('skipped');
    expect(after.last_error).toMatch(/no_consent/);
    const inbox = await n.inbox(zhangsan);
    expect(inbox.items[0]).toEqual(expect.objectContaining({ title: '报修已受理', link: `/repairs/${d.id}`, readAt: null }));
    expect(inbox.items[0].body).toContain(d.no);
    expect(await n.unread(zhangsan)).toBeGreaterThan(0);
  });

  it('a failed change enqueues nothing (its event row rolls back with it)', async () => {
    const d = await api.file(zhangsan.accessToken, roomId);
    const count = async (table: string) => {
      await n.expand();
      return Number((await t.query(`SELECT COUNT(*) AS c FROM ${table} WHERE dedupe_key LIKE ?`, [`ticket:${d.id}:%`]))[0].c);
    };
    const c0 = [await count('notify_events'), await count('outbox'), await count('notifications')];
    const r = await api.act(agent1.accessToken, d.id, 'accept', { version: 999, tier: 'normal' });
    expect(r.status).toBe(409);
    expect([await count('notify_events'), await count('outbox'), await count('notifications')]).toEqual(c0);
  });

  it('consent balance: each accepted template allows one WeChat message; the data obeys the field rules', async () => {
    const s = await t.post('/api/me/subscriptions', { accepted: ['repair_dispatched', 'repair_visit_time'] }, { token: zhangsan.accessToken });
    expect(s.status).toBe(200);
    expect(s.body.templates.find((x: { key: string }) => x.key === 'repair_dispatched')).toEqual(
      expect.objectContaining({ balance: 1, templateId: 'T-repair_dispatched', label: '维修派单通知' }),
    );
    expect((await t.post('/api/me/subscriptions', { accepted: ['nope'] }, { token: zhangsan.accessToken })).status).toBe(400);
    fake.on(SUBSCRIBE, () => ok);
    const before = fake.callsTo(SUBSCRIBE).length;
    const d = await dispatched();
    await n.drain();
    const calls = fake.callsTo(SUBSCRIBE).slice(before);
    const toResident = calls.filter((c) => c.body.touser === 'o-zhangsan');
    expect(toResident).toHaveLength(1);
    expect(toResident[0].body).toEqual(
      expect.objectContaining({
        template_id: 'T-repair_dispatched',
        page: `pages-repair/detail/index?id=${d.id}`,
        data: expect.objectContaining({ character_string1: { value: d.no }, name3: { value: '赵师傅' } }),
      }),
    );
    for (const v of Object.values(toResident[0].body.data as Record<string, { value: string }>)) expect(v.value.length).toBeGreaterThan(0);
    expect(toResident[0].query.access_token).toMatch(/^token-/);
    expect((await residentRow(d.id, 'repair_dispatched')).status).toBe('sent');
    expect(await n.balance(zhangsan.me.id, 'repair_dispatched')).toBe(0);

    // the technician has no consent for staff_dispatched: inbox only
    const techRow = (await n.outbox("dedupe_key LIKE ? AND template = 'staff_dispatched'", [`ticket:${d.id}:%`]))[0];
    expect(techRow).toEqual(expect.objectContaining({ status: 'skipped', recipient_id: tech1.me.id }));
    expect((await n.inbox(tech1)).items[0]).toEqual(expect.objectContaining({ title: `派工 ${d.no}` }));

    // balance spent: the next dispatch reaches the inbox only
    const d2 = await dispatched();
    await n.drain();
    expect(
      fake
        .callsTo(SUBSCRIBE)
        .slice(before)
        .filter((c) => c.body.touser === 'o-zhangsan'),
    ).toHaveLength(1);
    expect((await residentRow(d2.id, 'repair_dispatched')).last_error).toMatch(/no_consent/);
    expect((await n.inbox(zhangsan)).items.some((i) => i.body.includes(d2.no))).toBe(true);
  });

  it('an access token refused with 40001 is refreshed once (stable_token force_refresh) and the message sent', async () => {
    await t.post('/api/me/subscriptions', { accepted: ['repair_dispatched'] }, { token: zhangsan.accessToken });
    let refused: string | null = null;
    fake.on(SUBSCRIBE, (c) => {
      if (c.body.touser !== 'o-zhangsan') return ok;
      if (refused === null || c.query.access_token === refused) {
        refused = c.query.access_token;
        return { body: { errcode: 40001, errmsg: 'invalid credential' } };
      }
      return ok;
    });
    const tokensBefore = fake.callsTo('/cgi-bin/stable_token').length;
    const d = await dispatched();
    await n.drain();
    const row = await residentRow(d.id, 'repair_dispatched');
    expect(row).toEqual(expect.objectContaining({ status: 'sent', attempts: 1 }));
    const tokenCalls = fake.callsTo('/cgi-bin/stable_token').slice(tokensBefore);
    expect(tokenCalls.some((c) => c.body.force_refresh === true && c.body.appid === 'wx-resident-appid')).toBe(true);
    const mine = fake
      .callsTo(SUBSCRIBE)
      .filter((c) => c.body.touser === 'o-zhangsan')
      .slice(-2);
    expect(mine[0].query.access_token).toBe(refused);
    expect(mine[1].query.access_token).not.toBe(refused);
  });

  it('43101 (user refused / no quota): skipped, not retried, balance zeroed, inbox still written', async () => {
    await t.post('/api/me/subscriptions', { accepted: ['repair_dispatched', 'repair_dispatched'] }, { token: zhangsan.accessToken });
    expect(await n.balance(zhangsan.me.id, 'repair_dispatched')).toBe(2);
    fake.on(SUBSCRIBE, (c) => (c.body.touser === 'o-zhangsan' ? { body: { errcode: 43101, errmsg: 'user refuse to accept the msg' } } : ok));
    const d = await dispatched();
    await n.drain();
    const row = await residentRow(d.id, 'repair_dispatched');
    expect(row).toEqual(expect.objectContaining({ status: 'skipped', attempts: 1 }));
    expect(row.last_error).toMatch(/43101/);
    expect(await n.balance(zhangsan.me.id, 'repair_dispatched')).toBe(0);
    expect((await n.inbox(zhangsan)).items.some((i) => i.title === '维修已派单' && i.body.includes('赵师傅'))).toBe(true);
  });

  it('5xx and network errors are retried with backoff, then sent; the consent is spent once', async () => {
    await t.post('/api/me/subscriptions', { accepted: ['repair_dispatched'] }, { token: zhangsan.accessToken });
    let fails = 2;
    fake.on(SUBSCRIBE, (c) => (c.body.touser === 'o-zhangsan' && fails-- > 0 ? { status: 502, body: 'Bad Gateway' } : ok));
    const d = await dispatched();
    await n.drain();
    const row = await residentRow(d.id, 'repair_dispatched');
    expect(row).toEqual(expect.objectContaining({ status: 'sent', attempts: 3, last_error: null }));
    expect(await n.balance(zhangsan.me.id, 'repair_dispatched')).toBe(0);
  });

  it('gives up after NOTIFY_MAX_ATTEMPTS with the reason; a permanent refusal is failed at once', async () => {
    await t.post('/api/me/subscriptions', { accepted: ['repair_dispatched', 'repair_visit_time'] }, { token: zhangsan.accessToken });
    fake.on(SUBSCRIBE, (c) => (c.body.touser === 'o-zhangsan' ? { status: 503, body: 'down' } : ok));
    const d = await dispatched();
    await n.drain();
    const row = await residentRow(d.id, 'repair_dispatched');
    expect(row).toEqual(expect.objectContaining({ status: 'failed', attempts: 3 }));
    expect(row.last_error).toMatch(/gave up after 3 attempts/);

    fake.on(SUBSCRIBE, (c) => (c.body.touser === 'o-zhangsan' ? { body: { errcode: 40003, errmsg: 'invalid openid' } } : ok));
    const visit = new Date(Date.now() + 3 * 3600_000).toISOString();
    await api.step(tech1.accessToken, d.id, 'propose_time', { visitAt: visit });
    await api.step(zhangsan.accessToken, d.id, 'accept_time');
    await n.drain();
    // the technician's proposal asks the resident (请确认上门时间); the resident's acceptance goes to the technician
    const sched = await residentRow(d.id, 'repair_visit_time');
    expect(sched).toEqual(expect.objectContaining({ status: 'failed', attempts: 1 }));
    expect(sched.last_error).toMatch(/40003/);
    // nothing is only "failed": the inbox has both
    const inbox = await n.inbox(zhangsan, 'limit=5');
    expect(inbox.items.map((i) => i.title)).toEqual(expect.arrayContaining(['请确认上门时间', '维修已派单']));
  });

  it('emoji, ZWJ sequences and CJK extension B in a description: the message passes the strict fake; a permanent refusal gives the consent back', async () => {
    await t.post('/api/me/subscriptions', { accepted: ['repair_accepted'] }, { token: zhangsan.accessToken });
    fake.on(SUBSCRIBE, () => ok);
    const description = '🚨🚨厨房水管爆了😭😭👨‍👩‍👧‍👦一家人都没水用了🙏🏽🙏🏽请尽快❤️𠀀𠀀𠀀！！';
    const d = (await api.create(zhangsan.accessToken, { category: 'water', description, roomId })).body;
    await api.step(agent1.accessToken, d.id, 'accept', { tier: 'normal' });
    const refusedBefore = fake.refused.length;
    await n.drain();
    expect(fake.refused.slice(refusedBefore)).toEqual([]);
    const row = await residentRow(d.id, 'repair_accepted');
    expect(row).toEqual(expect.objectContaining({ status: 'sent', attempts: 1, last_error: null }));
    const call = fake
      .callsTo(SUBSCRIBE)
      .filter((c) => c.body.touser === 'o-zhangsan' && c.body.template_id === 'T-repair_accepted')
      .pop()!;
    const thing: string = call.body.data.thing2.value;
    expect(thing.length).toBeLessThanOrEqual(20);
    expect(thing).toMatch(/^厨房水管爆了一家人都没水用了请尽快/);
    expect(thing).not.toMatch(/\p{Extended_Pictographic}|\u200d/u);
    expect(await n.balance(zhangsan.me.id, 'repair_accepted')).toBe(0);

    // WeChat refuses for good (47003 / 40003): nothing was delivered, so the consent is not spent
    await t.post('/api/me/subscriptions', { accepted: ['repair_accepted'] }, { token: zhangsan.accessToken });
    fake.on(SUBSCRIBE, (c) => (c.body.touser === 'o-zhangsan' ? { body: { errcode: 47003, errmsg: 'argument invalid! data.thing2.value invalid' } } : ok));
    const d2 = (await api.create(zhangsan.accessToken, { category: 'water', description, roomId })).body;
    await api.step(agent1.accessToken, d2.id, 'accept', { tier: 'normal' });
    await n.drain();
    expect(await residentRow(d2.id, 'repair_accepted')).toEqual(expect.objectContaining({ status: 'failed', attempts: 1 }));
    expect(await n.balance(zhangsan.me.id, 'repair_accepted')).toBe(1);
    // given up after the retries (5xx): also given back
    fake.on(SUBSCRIBE, (c) => (c.body.touser === 'o-zhangsan' ? { status: 503, body: 'down' } : ok));
    const d3 = await api.file(zhangsan.accessToken, roomId);
    await api.step(agent1.accessToken, d3.id, 'accept', { tier: 'normal' });
    await n.drain();
    expect((await residentRow(d3.id, 'repair_accepted')).status).toBe('failed');
    expect(await n.balance(zhangsan.me.id, 'repair_accepted')).toBe(1);
    // and the next message is delivered with it
    fake.on(SUBSCRIBE, () => ok);
    const d4 = await api.file(zhangsan.accessToken, roomId);
    await api.step(agent1.accessToken, d4.id, 'accept', { tier: 'normal' });
    await n.drain();
    expect((await residentRow(d4.id, 'repair_accepted')).status).toBe('sent');
    expect(await n.balance(zhangsan.me.id, 'repair_accepted')).toBe(0);
  });

  it('inbox API: keyset pages, unread count, read one, read all; only the recipient sees a notification', async () => {
    const p1 = await n.inbox(zhangsan, 'limit=2');
    expect(p1.items).toHaveLength(2);
    expect(p1.nextCursor).toBeTruthy();
    const p2 = await n.inbox(zhangsan, `limit=2&cursor=${p1.nextCursor}`);
    expect(p2.items[0].id).toBeLessThan(p1.items[1].id);
    const unread = await n.unread(zhangsan);
    const r = await t.post(`/api/notifications/${p1.items[0].id}/read`, {}, { token: zhangsan.accessToken });
    expect(r.status).toBe(200);
    expect(r.body.readAt).toBeTruthy();
    expect(await n.unread(zhangsan)).toBe(unread - 1);
    expect((await t.post(`/api/notifications/${p1.items[0].id}/read`, {}, { token: agent1.accessToken })).status).toBe(404);
    expect((await n.inbox(zhangsan, 'unread=true')).items.every((i) => i.readAt === null)).toBe(true);
    expect((await t.post('/api/notifications/read-all', {}, { token: zhangsan.accessToken })).body).toEqual({ unread: 0 });
    expect(await n.unread(zhangsan)).toBe(0);
    expect((await t.get('/api/notifications')).status).toBe(401);
  });

  it('the same event is never queued twice (unique dedupe keys)', async () => {
    const rows = await t.query('SELECT dedupe_key, COUNT(*) AS c FROM outbox GROUP BY dedupe_key HAVING COUNT(*) > 1');
    expect(rows).toEqual([]);
    const [dup] = await t.query('SELECT dedupe_key FROM outbox ORDER BY id LIMIT 1');
    let refused = false;
    try {
      await t.query(
        "INSERT INTO outbox (dedupe_key, company_id, recipient_id, channel, template, payload, status, attempts, next_attempt_at, created_at) VALUES (?, 1, 1, 'wechat', 'x', '{}', 'sent', 0, '2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000')",
        [dup.dedupe_key],
      );
    } catch {
      refused = true;
    }
    const same = await t.query('SELECT id FROM outbox WHERE dedupe_key = ?', [dup.dedupe_key]);
    expect({ refused, rows: same.length }).toEqual({ refused: true, rows: 1 });
  });

  it('the strict fake refused nothing we sent (every value obeyed the field rules)', () => {
    expect(fake.refused).toEqual([]);
  });
});
