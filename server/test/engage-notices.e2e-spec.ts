import { LoginResponse, NoticeFeedView, NoticePageView, NoticeReceiptsView, NoticeSummaryView, NoticeView, wxTemplateData } from '@linli/shared';
import { statements } from './helpers/passes';
import { otherCompany, PNG } from './helpers/repairs';
import { TestApp } from './helpers/test-app';

type Err = { code: string; message: string; details?: unknown };
const T0 = '2026-12-03T02:00:00.000Z'; // Thu 10:00 Shanghai

/**
 * Notices (issue #15): targeting (a building notice never reaches another building's resident), scheduled
 * publishing, withdrawal, outage messages at publish and an hour before the start (once), read receipts,
 * plain text only, scope denials.
 */
describe('engage: notices (通知 / 公告)', () => {
  let t: TestApp;
  let manager1: LoginResponse, agent1: LoginResponse, supervisor2: LoginResponse, zhangsan: LoginResponse, lisi: LoginResponse;
  let jxhy: number, building1: number, unit1: number;

  const tok = (u: LoginResponse) => ({ token: u.accessToken });
  const setClock = (iso: string) => t.post('/api/test/clock', { set: iso });
  const runJob = async () => (await t.post<{ published: number; reminded: number }>('/api/test/jobs/notices')).body;
  const draft = async (over: Record<string, unknown> = {}, who = agent1) => {
    const r = await t.post<NoticeView & Err>(
      '/api/notices',
      { communityId: jxhy, kind: 'notice', title: '电梯保养', body: '周六电梯保养', targetKind: 'community', ...over },
      tok(who),
    );
    if (r.status !== 201) throw new Error(`draft → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const publish = (n: { id: number; version: number }, body: Record<string, unknown> = {}, who = manager1) =>
    t.post<NoticeSummaryView & Err>(`/api/notices/${n.id}/publish`, { version: n.version, ...body }, tok(who));
  const feed = async (u: LoginResponse) => (await t.get<NoticeFeedView>('/api/notices/feed', tok(u))).body;
  const outbox = (id: number) =>
    t.query("SELECT recipient_id, dedupe_key, payload FROM outbox WHERE dedupe_key LIKE ? AND channel = 'wechat' ORDER BY id", [`notice:${id}:%`]);
  const inbox = (id: number) => t.query('SELECT recipient_id, title, body FROM notifications WHERE dedupe_key LIKE ? ORDER BY id', [`notice:${id}:%`]);
  const userId = async (u: LoginResponse) => Number((await t.get<{ id: number }>('/api/me', tok(u))).body.id);

  beforeAll(async () => {
    t = await TestApp.start();
    await setClock(T0);
    [manager1, agent1, supervisor2] = await Promise.all(['manager1', 'agent1', 'supervisor2'].map((u) => t.staff(u)));
    [zhangsan, lisi] = await Promise.all(['zhangsan', 'lisi'].map((r) => t.resident(r)));
    const [r101] = await t.query(
      "SELECT r.community_id, r.building_id, r.unit_id FROM rooms r WHERE r.label = '1栋1单元101' AND r.community_id = (SELECT id FROM communities WHERE name = '锦绣花园')",
    );
    [jxhy, building1, unit1] = [Number(r101.community_id), Number(r101.building_id), Number(r101.unit_id)];
  });
  afterAll(() => t?.close());

  it('a building-1 power outage: zhangsan (1栋) sees it on list, home and detail; lisi (2栋) nowhere; both messages go to building 1 only', async () => {
    const n = await draft({
      kind: 'outage',
      utility: 'power',
      title: '1栋计划停电',
      body: '线路检修',
      startsAt: '2026-12-05T09:00:00+08:00',
      endsAt: '2026-12-05T17:00:00+08:00',
      targetKind: 'building',
      targetIds: [building1],
    });
    expect([n.status, n.targets]).toEqual(['draft', [{ id: building1, name: '1栋' }]]);
    expect((await feed(zhangsan)).items.map((i) => i.id)).not.toContain(n.id); // a draft is nobody's
    const p = await publish(n);
    expect([p.status, p.body.status]).toEqual([200, 'published']);
    expect(statements(p)).toBeLessThanOrEqual(8);

    const z = await feed(zhangsan);
    expect(z.items[0]).toEqual(expect.objectContaining({ id: n.id, read: false, kindLabel: '停水停电通知', utilityLabel: '停电' }));
    expect(z.unread).toBeGreaterThanOrEqual(1);
    const home = await t.get<NoticeFeedView>('/api/notices/feed?limit=3', tok(zhangsan));
    expect([home.body.items[0].id, statements(home)]).toEqual([n.id, expect.any(Number)]);
    expect(statements(home)).toBeLessThanOrEqual(3);
    expect((await feed(lisi)).items.map((i) => i.id)).not.toContain(n.id);
    expect((await t.get<Err>(`/api/notices/feed/${n.id}`, tok(lisi))).status).toBe(404);

    const zid = await userId(zhangsan);
    const lid = await userId(lisi);
    const sent = await outbox(n.id);
    expect(sent.map((r: { recipient_id: number }) => Number(r.recipient_id))).toContain(zid);
    expect(sent.map((r: { recipient_id: number }) => Number(r.recipient_id))).not.toContain(lid);
    const payload = typeof sent[0].payload === 'string' ? JSON.parse(sent[0].payload) : sent[0].payload;
    const wx = wxTemplateData(payload.wx);
    for (const v of Object.values(wx)) expect(v.value.length).toBeLessThanOrEqual(32);
    expect(wx.thing1.value.length).toBeLessThanOrEqual(20);
    expect(wx.time2.value).toBe('2026年12月05日 09:00');

    // an hour before 09:00 Shanghai (01:00 UTC) the reminder goes out, once
    await setClock('2026-12-04T23:59:00.000Z');
    expect((await runJob()).reminded).toBe(0);
    await setClock('2026-12-05T00:10:00.000Z');
    expect((await runJob()).reminded).toBe(1);
    expect((await runJob()).reminded).toBe(0);
    const keys = (await inbox(n.id)).filter((r: { recipient_id: number }) => Number(r.recipient_id) === zid);
    expect(keys.map((r: { title: string }) => r.title)).toEqual(['停电通知', '停电提醒：1小时后开始']);
    expect((await inbox(n.id)).map((r: { recipient_id: number }) => Number(r.recipient_id))).not.toContain(lid);
    await setClock(T0);
  });

  it('an outage at publish also goes to the community’s staff group (WeCom robot) — once, not with the reminder', async () => {
    const admin = await t.staff('admin');
    const webhook = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=notice-test';
    expect((await t.put(`/api/staff/communities/${jxhy}/channels`, { wecomWebhookUrl: webhook }, tok(admin))).status).toBe(200);
    const n = await draft({
      kind: 'outage',
      utility: 'water',
      title: '2栋停水',
      body: '管道维修',
      startsAt: '2026-12-06T09:00:00+08:00',
      endsAt: '2026-12-06T12:00:00+08:00',
      targetKind: 'community',
    });
    expect((await publish(n)).status).toBe(200);
    const group = () => t.query("SELECT payload FROM outbox WHERE dedupe_key LIKE ? AND channel = 'wecom'", [`notice:${n.id}:%`]);
    const rows = await group();
    expect(rows).toHaveLength(1);
    const payload = typeof rows[0].payload === 'string' ? JSON.parse(rows[0].payload) : rows[0].payload;
    expect(payload.title).toBe('停水通知');
    expect(payload.body).toContain('2栋停水');
    await setClock('2026-12-06T00:30:00.000Z'); // 08:30 Shanghai: the reminder is due
    expect((await runJob()).reminded).toBeGreaterThanOrEqual(1);
    expect(await group()).toHaveLength(1);
    await t.put(`/api/staff/communities/${jxhy}/channels`, { wecomWebhookUrl: null }, tok(admin));
    await setClock(T0);
  });

  it('the resident opens it: marked read once (idempotent), detail ≤ 4 statements; receipts count 1 read of the targeted rooms', async () => {
    const n = await draft({ title: '1栋单元门维修', targetKind: 'unit', targetIds: [unit1] });
    await publish(n);
    const d = await t.get<NoticeView>(`/api/notices/feed/${n.id}`, tok(zhangsan));
    expect([d.status, d.body.title, d.body.read]).toEqual([200, '1栋单元门维修', true]);
    expect(statements(d)).toBeLessThanOrEqual(4);
    await t.get(`/api/notices/feed/${n.id}`, tok(zhangsan));
    expect((await t.query('SELECT COUNT(*) AS n FROM notice_reads WHERE notice_id = ?', [n.id]))[0].n).toEqual(expect.anything());
    expect(Number((await t.query('SELECT COUNT(*) AS n FROM notice_reads WHERE notice_id = ?', [n.id]))[0].n)).toBe(1);
    expect((await feed(zhangsan)).items.find((i) => i.id === n.id)?.read).toBe(true);

    const [want] = await t.query(
      "SELECT COUNT(DISTINCT r.id) AS n FROM rooms r WHERE r.unit_id = ? AND EXISTS (SELECT 1 FROM room_bindings b WHERE b.room_id = r.id AND b.status = 'approved')",
      [unit1],
    );
    const rc = await t.get<NoticeReceiptsView>(`/api/notices/${n.id}/receipts`, tok(manager1));
    expect(rc.body).toEqual({ noticeId: n.id, reads: 1, readRooms: 1, targetedRooms: Number(want.n), share: 1 / Number(want.n) });
    expect(statements(rc)).toBeLessThanOrEqual(4);
    const sd = await t.get<NoticeView>(`/api/notices/${n.id}`, tok(manager1));
    expect([sd.body.targets, sd.body.mayPublish]).toEqual([[{ id: unit1, name: '1栋1单元' }], true]);
    expect(statements(sd)).toBeLessThanOrEqual(4);
  });

  it('scheduled: invisible until the job runs at its time; withdrawn: gone from list, detail and home; an outage withdrawn gets no reminder', async () => {
    const n = await draft({ title: '定时通知' });
    const s = await publish(n, { publishAt: '2026-12-03T12:00:00+08:00' });
    expect([s.body.status, s.body.publishAt]).toEqual(['scheduled', '2026-12-03T04:00:00.000Z']);
    expect((await runJob()).published).toBe(0);
    expect((await feed(zhangsan)).items.map((i) => i.id)).not.toContain(n.id);
    await setClock('2026-12-03T04:00:01.000Z');
    expect((await runJob()).published).toBe(1);
    expect((await feed(lisi)).items.map((i) => i.id)).toContain(n.id);

    const w = await t.post<NoticeSummaryView>(`/api/notices/${n.id}/withdraw`, { version: s.body.version + 1 }, tok(manager1));
    expect([w.status, w.body.status]).toEqual([200, 'withdrawn']);
    expect((await feed(lisi)).items.map((i) => i.id)).not.toContain(n.id);
    expect((await t.get(`/api/notices/feed/${n.id}`, tok(lisi))).status).toBe(404);

    const o = await draft({
      kind: 'outage',
      utility: 'water',
      title: '全小区停水',
      body: '水箱清洗',
      startsAt: '2026-12-04T09:00:00+08:00',
      endsAt: '2026-12-04T12:00:00+08:00',
    });
    const po = await publish(o);
    const wo = await t.post(`/api/notices/${o.id}/withdraw`, { version: po.body.version }, tok(manager1));
    expect(wo.status).toBe(200);
    await setClock('2026-12-04T00:30:00.000Z');
    await runJob();
    expect((await inbox(o.id)).filter((r: { title: string }) => r.title.includes('提醒'))).toEqual([]);
    await setClock(T0);
  });

  it('an outage published within its last hour sends one message, no separate reminder; a stale version is 409', async () => {
    await setClock('2026-12-06T00:30:00.000Z');
    const n = await draft({
      kind: 'outage',
      utility: 'gas',
      title: '燃气管道检修',
      body: '停气',
      startsAt: '2026-12-06T09:00:00+08:00',
      endsAt: '2026-12-06T11:00:00+08:00',
    });
    expect((await publish({ id: n.id, version: n.version + 5 })).status).toBe(409);
    await publish(n);
    expect((await runJob()).reminded).toBe(0);
    const titles = new Set((await inbox(n.id)).map((r: { title: string }) => r.title));
    expect([...titles]).toEqual(['停气通知']);
    await setClock(T0);
  });

  it('user text is plain text: markup comes back literally, never interpreted; images are the uploads attached', async () => {
    const up = await fetchUpload(t, agent1.accessToken);
    const body = '<script>alert(1)</script><img src=x onerror=alert(1)>';
    const n = await draft({ title: '<b>粗体</b>', body, imageIds: [up] });
    expect([n.title, n.body, n.images.map((i) => i.id)]).toEqual(['<b>粗体</b>', body, [up]]);
    await publish(n);
    const d = await t.get<NoticeView>(`/api/notices/feed/${n.id}`, tok(lisi));
    expect([d.body.body, d.body.images.length, d.body.createdByName]).toEqual([body, 1, '物业服务中心']);
    const img = await fetch(`${t.url}${d.body.images[0].url}`);
    expect(img.status).toBe(200);
    // someone else's upload is refused
    const other = await fetchUpload(t, manager1.accessToken);
    expect(
      (await t.post<Err>('/api/notices', { communityId: jxhy, kind: 'notice', title: 'x', body: 'y', targetKind: 'community', imageIds: [other] }, tok(agent1)))
        .status,
    ).toBe(400);
  });

  it('validation and roles: outage times, targets of another community, agents draft but cannot publish', async () => {
    const bad = await t.post<Err>(
      '/api/notices',
      {
        communityId: jxhy,
        kind: 'outage',
        utility: 'power',
        title: '停电',
        body: 'x',
        startsAt: '2026-12-05T10:00:00+08:00',
        endsAt: '2026-12-05T09:00:00+08:00',
        targetKind: 'community',
      },
      tok(agent1),
    );
    expect([bad.status, bad.body.message]).toEqual([400, '结束时间必须晚于开始时间']);
    const [chyB] = await t.query("SELECT b.id FROM buildings b JOIN communities c ON c.id = b.community_id WHERE c.name <> '锦绣花园' LIMIT 1");
    const foreign = await t.post<Err>(
      '/api/notices',
      { communityId: jxhy, kind: 'notice', title: 'x', body: 'y', targetKind: 'building', targetIds: [Number(chyB.id)] },
      tok(agent1),
    );
    expect(foreign.status).toBe(400);
    const n = await draft();
    expect((await publish(n, {}, agent1)).status).toBe(403);
    expect((await t.get('/api/notices/feed', tok(manager1))).status).toBe(403);
    expect(
      (await t.post('/api/notices', { communityId: jxhy, kind: 'complaint_disclosure', title: 'x', body: 'y', targetKind: 'community' }, tok(agent1))).status,
    ).toBe(400);
  });

  it('scope: another community (supervisor2) and another company get 404; their lists do not show it', async () => {
    const n = await draft({ title: '范围测试' });
    expect((await t.get(`/api/notices/${n.id}`, tok(supervisor2))).status).toBe(404);
    expect((await publish(n, {}, supervisor2)).status).toBe(404);
    expect((await t.post('/api/notices', { communityId: jxhy, kind: 'notice', title: 'x', body: 'y', targetKind: 'community' }, tok(supervisor2))).status).toBe(
      404,
    );
    expect((await t.get<NoticePageView>('/api/notices', tok(supervisor2))).body.items.map((i) => i.id)).not.toContain(n.id);
    await publish(n);
    const far = await otherCompany(t);
    expect((await t.get(`/api/notices/${n.id}`, tok(far.admin))).status).toBe(404);
    expect((await t.get(`/api/notices/${n.id}/receipts`, tok(far.admin))).status).toBe(404);
    expect((await t.get(`/api/notices/feed/${n.id}`, tok(far.resident))).status).toBe(404);
    expect((await feed(far.resident)).items).toEqual([]);
    const list = await t.get<NoticePageView>(`/api/notices?communityId=${jxhy}`, tok(manager1));
    expect(list.body.items.map((i) => i.id)).toContain(n.id);
    expect(statements(list)).toBeLessThanOrEqual(3);
  });
});

async function fetchUpload(t: TestApp, token: string): Promise<number> {
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'a.png');
  const r = await fetch(`${t.url}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return ((await r.json()) as { id: number }).id;
}
