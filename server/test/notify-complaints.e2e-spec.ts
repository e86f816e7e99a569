import { LoginResponse } from '@linli/shared';
import { complaintsApi } from './helpers/complaints';
import { FakeWechat } from './helpers/fake-wechat';
import { notifyApi, notifyEnv, SUBSCRIBE } from './helpers/notify';
import { TestApp } from './helpers/test-app';

describe('notify: the complaints desk tells residents, supervisors and managers; the background worker delivers on its own', () => {
  const fake = new FakeWechat();
  let t: TestApp;
  let api: ReturnType<typeof complaintsApi>;
  let n: ReturnType<typeof notifyApi>;
  let agent1: LoginResponse, supervisor1: LoginResponse, manager1: LoginResponse, zhangsan: LoginResponse;
  let roomId: number;

  const titles = async (who: LoginResponse) => (await n.inbox(who, 'limit=100')).items.map((i) => i.title);
  const classified = async (cls: number) => {
    const c = await api.file(zhangsan.accessToken, roomId, { category: 'repair_quality' });
    return api.step(agent1.accessToken, c.id, 'classify', { complaintClass: cls, reason: '现场核实后定级' });
  };

  beforeAll(async () => {
    await fake.start();
    fake.on(SUBSCRIBE, () => ({ body: { errcode: 0, errmsg: 'ok' } }));
    // the worker runs by itself every 50 ms here
    t = await TestApp.start(notifyEnv(fake.url, { NOTIFY_INTERVAL_MS: '50' }));
    api = complaintsApi(t);
    n = notifyApi(t);
    [agent1, supervisor1, manager1] = await Promise.all(['agent1', 'supervisor1', 'manager1'].map((u) => t.staff(u)));
    zhangsan = await t.resident('zhangsan');
    roomId = (await t.room('锦绣花园', '1栋1单元101')).id;
    await n.linkOpenid(zhangsan.me.id, 'resident', 'o-zhangsan');
  });
  afterAll(async () => {
    await t.close();
    await fake.stop();
  });

  it('class 2 goes to the supervisors, class 3 to the managers', async () => {
    const c2 = await classified(2);
    expect(await titles(supervisor1)).toContain(`二类投诉 ${c2.no}`);
    expect(await titles(manager1)).not.toContain(`二类投诉 ${c2.no}`);
    const c3 = await classified(3);
    expect(await titles(manager1)).toContain(`三类投诉 ${c3.no}`);
  });

  it('the resident hears of the reply and the resolution; a rating of 2 or less reaches the managers', async () => {
    await t.post('/api/me/subscriptions', { accepted: ['complaint_replied'] }, { token: zhangsan.accessToken });
    const c = await classified(1);
    await api.step(agent1.accessToken, c.id, 'reply', { content: '已约谈当事员工，向您致歉。' });
    await api.step(agent1.accessToken, c.id, 'set_resolution_due', { dueDate: '2026-12-31' });
    await api.step(agent1.accessToken, c.id, 'resolve', { measures: '已约谈当事员工' });
    await api.step(zhangsan.accessToken, c.id, 'confirm');
    await api.step(zhangsan.accessToken, c.id, 'rate', { rating: 1, comment: '态度依旧' });
    expect(await titles(zhangsan)).toEqual(expect.arrayContaining(['投诉有新回复', '投诉已办结']));
    expect(await titles(manager1)).toContain(`差评 ${c.no}：1 星`);

    // delivered by the background worker, without the test hook
    const deadline = Date.now() + 5000;
    let sent: { status: string }[] = [];
    while (Date.now() < deadline) {
      sent = await n.outbox("template = 'complaint_replied' AND dedupe_key LIKE ?", [`ticket:${c.id}:%`]);
      if (sent[0]?.status === 'sent') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(sent.map((r) => r.status)).toEqual(['sent']);
    expect(fake.callsTo(SUBSCRIBE).filter((x) => x.body.template_id === 'T-complaint_replied' && x.body.touser === 'o-zhangsan')).toHaveLength(1);
    // resolved: no consent for that template → inbox only
    await new Promise((r) => setTimeout(r, 200));
    expect((await n.outbox("template = 'complaint_resolved' AND dedupe_key LIKE ?", [`ticket:${c.id}:%`]))[0].status).toBe('skipped');
  });
});
