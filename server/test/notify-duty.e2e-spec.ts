import { DutyNowView, LoginResponse } from '@linli/shared';
import { FakeWechat } from './helpers/fake-wechat';
import { HOUR, MIN, repairsApi } from './helpers/repairs';
import { notifyApi, notifyEnv } from './helpers/notify';
import { TestApp } from './helpers/test-app';

const WEBHOOK = '/cgi-bin/webhook/send';

describe('notify: duty roster, on-duty routing of new work, managers at intake, WeCom group robot', () => {
  const fake = new FakeWechat();
  const wecom = new FakeWechat();
  let t: TestApp;
  let api: ReturnType<typeof repairsApi>;
  let n: ReturnType<typeof notifyApi>;
  let agent1: LoginResponse, agent2: LoginResponse, supervisor1: LoginResponse, manager1: LoginResponse, admin: LoginResponse, zhangsan: LoginResponse;
  let roomId: number, communityId: number;

  const gotNew = async (who: LoginResponse, no: string) => (await n.inbox(who, 'limit=100')).items.some((i) => i.title === `新报修 ${no}`);
  const duty = (who: LoginResponse, path: string, body?: unknown) =>
    body === undefined ? t.get(`/api/staff/duty/${path}`, { token: who.accessToken }) : t.post(`/api/staff/duty/${path}`, body, { token: who.accessToken });

  beforeAll(async () => {
    await Promise.all([fake.start(), wecom.start()]);
    t = await TestApp.start(notifyEnv(fake.url, { WECOM_WEBHOOK_BASE: `${wecom.url}${WEBHOOK}` }));
    api = repairsApi(t);
    n = notifyApi(t);
    [agent1, agent2, supervisor1, manager1, admin] = await Promise.all(['agent1', 'agent2', 'supervisor1', 'manager1', 'admin'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    ({ id: roomId, communityId } = await t.room('锦绣花园', '1栋1单元101'));
  });
  afterAll(async () => {
    await t.close();
    await Promise.all([fake.stop(), wecom.stop()]);
  });

  it('with nobody on duty, new work goes to the community supervisors and to the inbox of every agent of the community', async () => {
    const now = (await duty(agent1, `now?communityId=${communityId}`)).body as DutyNowView;
    expect(now.onDuty).toEqual([]);
    const d = await api.file(zhangsan.accessToken, roomId);
    expect(await gotNew(supervisor1, d.no)).toBe(true);
    expect(await gotNew(agent1, d.no)).toBe(true);
    // another community's agent is not involved
    expect(await gotNew(agent2, d.no)).toBe(false);
    // WeChat wakes the supervisors only: the agents off duty see it on their workbench
    const pushed = await t.query("SELECT recipient_id FROM outbox WHERE channel = 'wechat' AND dedupe_key LIKE ?", [`ticket:${d.id}:%`]);
    expect(pushed.map((r) => Number(r.recipient_id))).toEqual([supervisor1.me.id]);
  });

  it('an agent signed in for duty receives new work of the community; the supervisor no longer does', async () => {
    const r = await duty(agent1, 'sign-in', { communityId });
    expect(r.status).toBe(200);
    expect((r.body as DutyNowView).onDuty).toEqual([expect.objectContaining({ userId: agent1.me.id, role: 'agent', userName: '张客服', signedOutAt: null })]);
    // signing in twice keeps one shift
    expect(((await duty(agent1, 'sign-in', { communityId })).body as DutyNowView).onDuty).toHaveLength(1);
    const d = await api.file(zhangsan.accessToken, roomId);
    expect(await gotNew(agent1, d.no)).toBe(true);
    expect(await gotNew(supervisor1, d.no)).toBe(false);
    // another community's agent is not involved, nor can they see this roster
    expect(await gotNew(agent2, d.no)).toBe(false);
    expect((await duty(agent2, `now?communityId=${communityId}`)).status).toBe(404);
    // residents have no roster
    expect((await duty(zhangsan, `now?communityId=${communityId}`)).status).toBe(403);
    expect((await duty(zhangsan, 'sign-in', { communityId })).status).toBe(403);
  });

  it('sign-out leaves hand-over notes; the next shift sees them with the open items listed', async () => {
    const out = await duty(agent1, 'sign-out', { communityId, notes: '3栋电梯异响，已报工程部，待回复' });
    expect(out.status).toBe(200);
    expect(out.body.signedOutAt).toBeTruthy();
    expect((await duty(agent1, 'sign-out', { communityId })).status).toBe(409);
    const now = (await duty(supervisor1, `now?communityId=${communityId}`)).body as DutyNowView;
    expect(now.onDuty).toEqual([]);
    expect(now.handover.from).toEqual(expect.objectContaining({ userId: agent1.me.id, handoverNotes: '3栋电梯异响，已报工程部，待回复' }));
    expect(now.handover.openItems.length).toBeGreaterThanOrEqual(2);
    expect(now.handover.openItems[0]).toEqual(expect.objectContaining({ kind: 'repair', status: 'submitted' }));
    const d = await api.file(zhangsan.accessToken, roomId);
    expect(await gotNew(supervisor1, d.no)).toBe(true);
  });

  it('scheduled shifts: a supervisor plans them, the agent signs into the planned one', async () => {
    const now = await api.clockSet(new Date().toISOString());
    const plan = {
      communityId,
      userId: agent1.me.id,
      role: 'agent',
      startsAt: new Date(now.getTime() - 10 * MIN).toISOString(),
      endsAt: new Date(now.getTime() + 8 * HOUR).toISOString(),
    };
    expect((await duty(agent1, 'shifts', plan)).status).toBe(403);
    // the roster form's staff list: this community's active staff with their roles; not for agents, not across communities
    const staff = (await duty(supervisor1, `staff?communityId=${communityId}`)).body as { id: number; name: string; roles: string[] }[];
    expect(staff).toEqual(expect.arrayContaining([expect.objectContaining({ id: agent1.me.id, name: '张客服', roles: ['agent'] })]));
    expect(staff.some((s) => s.id === agent2.me.id)).toBe(false);
    expect(staff.every((s) => !s.roles.includes('admin'))).toBe(true);
    expect((await duty(agent1, `staff?communityId=${communityId}`)).status).toBe(403);
    expect((await duty(supervisor1, `staff?communityId=${communityId + 1000}`)).status).toBe(404);
    expect((await duty(supervisor1, 'shifts', { ...plan, userId: agent2.me.id })).status).toBe(404);
    expect((await duty(supervisor1, 'shifts', { ...plan, role: 'technician' })).status).toBe(400);
    const created = await duty(supervisor1, 'shifts', plan);
    expect(created.status).toBe(201);
    const signed = (await duty(agent1, 'sign-in', { communityId })).body as DutyNowView;
    expect(signed.onDuty).toEqual([expect.objectContaining({ id: created.body.id, signedInAt: expect.any(String) })]);
    const list = (await duty(supervisor1, `shifts?communityId=${communityId}`)).body;
    expect(list.map((s: { id: number }) => s.id)).toContain(created.body.id);
    await duty(agent1, 'sign-out', { communityId });
  });

  it('critical repairs and emergencies reach the managers at intake, once', async () => {
    const em = await api.file(zhangsan.accessToken, roomId, { emergency: 'leak' });
    expect((await n.inbox(manager1, 'limit=100')).items.filter((i) => i.title.startsWith('【紧急：') && i.title.endsWith(em.no))).toHaveLength(1);
    // (the system accepted it as an emergency at intake) a change of tier does not tell them again
    await api.step(agent1.accessToken, em.id, 'change_tier', { tier: 'critical', reason: '现场确认' });
    expect((await n.inbox(manager1, 'limit=100')).items.filter((i) => i.title.endsWith(em.no))).toHaveLength(1);
    const d = await api.file(zhangsan.accessToken, roomId);
    await api.step(agent1.accessToken, d.id, 'accept', { tier: 'critical' });
    expect((await n.inbox(manager1, 'limit=100')).items.filter((i) => i.title === `【特急】报修 ${d.no}`)).toHaveLength(1);
    const normal = await api.file(zhangsan.accessToken, roomId);
    await api.step(agent1.accessToken, normal.id, 'accept', { tier: 'normal' });
    expect((await n.inbox(manager1, 'limit=100')).items.some((i) => i.title.endsWith(normal.no))).toBe(false);
  });

  it('WeCom group robot: the admin sets a community webhook; staff notifications are posted there as markdown', async () => {
    const url = `${wecom.url}${WEBHOOK}?key=test-key`;
    // only the WeCom robot API (WECOM_WEBHOOK_BASE, here the loopback fake) with a key: no other host ever gets staff data
    for (const wrong of ['ftp://x', 'http://example.com/hook', `${wecom.url}/other?key=k`, `${wecom.url}${WEBHOOK}`, `${wecom.url}${WEBHOOK}?key=k&x=1`]) {
      const bad = await t.put(`/api/staff/communities/${communityId}/channels`, { wecomWebhookUrl: wrong }, { token: admin.accessToken });
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual(
        expect.objectContaining({ code: 'VALIDATION_FAILED', message: `企业微信机器人地址必须是 ${wecom.url}${WEBHOOK}?key=… （群机器人的 Webhook 地址）` }),
      );
    }
    expect((await t.get(`/api/staff/communities/${communityId}/channels`, { token: admin.accessToken })).body.wecomWebhookUrl).toBeNull();
    const set = await t.put(`/api/staff/communities/${communityId}/channels`, { wecomWebhookUrl: url }, { token: admin.accessToken });
    expect(set.body.wecomWebhookUrl).toBe(url);
    // managers see that it is set, not the key that lets anyone post into the group
    expect((await t.get(`/api/staff/communities/${communityId}/channels`, { token: manager1.accessToken })).body.wecomWebhookUrl).toBe(
      `${wecom.url}${WEBHOOK}?key=****`,
    );
    expect((await t.get(`/api/staff/communities/${communityId}/channels`, { token: admin.accessToken })).body.wecomWebhookUrl).toBe(url);
    // not for the desk, not for residents, not for another company's community id
    expect((await t.get(`/api/staff/communities/${communityId}/channels`, { token: agent1.accessToken })).status).toBe(403);
    expect((await t.get(`/api/staff/communities/${communityId}/channels`, { token: zhangsan.accessToken })).status).toBe(403);
    expect((await t.put(`/api/staff/communities/${communityId}/channels`, { wecomWebhookUrl: null }, { token: manager1.accessToken })).status).toBe(403);
    expect((await t.get(`/api/staff/communities/${communityId + 1000}/channels`, { token: admin.accessToken })).status).toBe(404);
    let fail = 1;
    wecom.on(WEBHOOK, () => (fail-- > 0 ? { status: 500, body: 'busy' } : { body: { errcode: 0, errmsg: 'ok' } }));
    const d = await api.file(zhangsan.accessToken, roomId, { emergency: 'fire' });
    await n.drain();
    const posts = wecom.callsTo(WEBHOOK).filter((c) => JSON.stringify(c.body).includes(d.no));
    expect(posts.length).toBe(3); // the new-work post retried once after a 500, and the managers' emergency post
    expect(posts.every((c) => c.body.msgtype === 'markdown' && c.query.key === 'test-key')).toBe(true);
    expect(posts.map((c) => c.body.markdown.content).join('\n')).toContain('【紧急：');
    const rows = await n.outbox("channel = 'wecom' AND dedupe_key LIKE ?", [`ticket:${d.id}:%`]);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['sent', 'sent']);

    // an address stored before it was checked is never posted to
    await t.query('UPDATE community_channels SET wecom_webhook_url = ? WHERE community_id = ?', [`${wecom.url}/elsewhere?key=test-key`, communityId]);
    const before = wecom.calls.length;
    const d2 = await api.file(zhangsan.accessToken, roomId);
    await n.drain();
    expect(wecom.calls.length).toBe(before);
    const skipped = await n.outbox("channel = 'wecom' AND dedupe_key LIKE ?", [`ticket:${d2.id}:%`]);
    expect(skipped.map((r: { status: string; last_error: string }) => [r.status, r.last_error.slice(0, 11)])).toEqual([['skipped', 'bad_webhook']]);
    await t.query('UPDATE community_channels SET wecom_webhook_url = ? WHERE community_id = ?', [url, communityId]);
  });
});
