import { BillRunView, LoginResponse, NotificationView, PaidHistoryView, PublicIncomeView, RoomBillsView } from '@linli/shared';
import { FakeWechat } from './helpers/fake-wechat';
import { notifyApi, notifyEnv, SUBSCRIBE } from './helpers/notify';
import { Res, TestApp } from './helpers/test-app';

type Err = { code: string; message: string };
const statements = (r: Res) => Number(r.headers.get('x-sql-statements'));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ok = { body: { errcode: 0, errmsg: 'ok' } };

describe('fees for residents: paid history, reminders, public income', () => {
  const fake = new FakeWechat();
  let t: TestApp;
  let n: ReturnType<typeof notifyApi>;
  let cashier: LoginResponse, manager: LoginResponse, agent1: LoginResponse, agent2: LoginResponse, tech1: LoginResponse, admin: LoginResponse;
  let zhangsan: LoginResponse, lisi: LoginResponse, chenliu: LoginResponse;
  let jxhy: number, chy: number, room101: number, room202: number;

  const clock = (iso: string) => t.post('/api/test/clock', { set: iso });
  const remind = async () => (await t.post('/api/test/jobs/fee-reminders', {})).body as { issued: number; due_soon: number; overdue: number };
  const feeInbox = async (who: LoginResponse) => (await n.inbox(who, 'limit=50')).items.filter((x: NotificationView) => x.template.startsWith('fee_'));

  async function billRun(period: string) {
    const r = await t.post<BillRunView>('/api/fees/runs', { communityId: jxhy, period }, { token: cashier.accessToken });
    expect(r.status).toBe(201);
    for (let i = 0; i < 200; i++) {
      const v = (await t.get<BillRunView>(`/api/fees/runs/${r.body.id}`, { token: cashier.accessToken })).body;
      if (v.status === 'done') return v;
      await sleep(50);
    }
    throw new Error('run still running');
  }

  beforeAll(async () => {
    await fake.start();
    fake.on(SUBSCRIBE, () => ok);
    t = await TestApp.start(notifyEnv(fake.url));
    n = notifyApi(t);
    // 2026-11-02 10:00 Shanghai
    await clock('2026-11-02T02:00:00.000Z');
    [cashier, manager, agent1, agent2, tech1, admin] = await Promise.all(
      ['cashier1', 'manager1', 'agent1', 'agent2', 'technician1', 'admin'].map((u) => t.staff(u)),
    );
    [zhangsan, lisi, chenliu] = await Promise.all(['zhangsan', 'lisi', 'chenliu'].map((c) => t.resident(c)));
    const ids = await t.query('SELECT id, code FROM communities ORDER BY id');
    jxhy = Number(ids.find((c) => c.code === 'JXHY').id);
    chy = Number(ids.find((c) => c.code === 'CHY').id);
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    room202 = (await t.room('锦绣花园', '2栋2单元202')).id;
    await n.linkOpenid(zhangsan.me.id, 'resident', 'o-zhangsan');
    await n.linkOpenid(lisi.me.id, 'resident', 'o-lisi');
    // an occupant-paid item billed by area, with a late fee from the due date on
    const item = await t.post(
      '/api/fees/items',
      {
        communityId: jxhy,
        name: '公共能耗分摊',
        kind: 'area',
        payer: 'occupant',
        periodUnit: 'month',
        priceE4: 2000,
        dueDay: 15,
        lateFeeRatePpm: 500,
        lateFeeGraceDays: 0,
        serviceContent: '电梯、公共照明、二次供水能耗按面积分摊',
        startsOn: '2026-01-01',
      },
      { token: admin.accessToken },
    );
    expect(item.status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
    await fake.stop();
  });

  describe('reminders', () => {
    it('a bill issued: one message per room and period to those who pay, WeChat only with consent; a re-run sends nothing', async () => {
      expect((await t.post('/api/me/subscriptions', { accepted: ['fee_bill_issued', 'fee_due_soon'] }, { token: zhangsan.accessToken })).status).toBe(200);
      await billRun('2026-10');
      const first = await remind();
      expect(first.issued).toBeGreaterThan(0);
      expect(first.due_soon).toBe(0);
      expect(first.overdue).toBe(0);
      expect(await remind()).toEqual({ issued: 0, due_soon: 0, overdue: 0 });

      const mine = await feeInbox(zhangsan);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toEqual(expect.objectContaining({ template: 'fee_bill_issued', title: '2026年10月账单已出', link: `/fees/rooms/${room101}` }));
      // 水费 comes from the demo's October meter readings
      expect(mine[0].body).toMatch(/^1栋1单元101 2026年10月账单已出：物业服务费、水费、公共能耗分摊，合计 ¥206\.72，/);
      expect(mine[0].body).toContain('请于 2026-11-15 前缴纳');
      // the tenant: only what the occupant pays, nothing about the owner's bill or anyone's name
      const tenant = await feeInbox(lisi);
      expect(tenant).toHaveLength(1);
      expect(tenant[0].body).toContain('公共能耗分摊');
      expect(tenant[0].body).not.toContain('物业服务费');
      // another community's resident hears nothing of this run (the demo's own 翠湖苑 charge is announced apart)
      expect((await feeInbox(chenliu)).filter((m) => m.title.startsWith('2026年10月'))).toEqual([]);
      for (const m of [...mine, ...tenant]) expect(m.body).not.toMatch(/张三|李四|138/);

      await n.drain();
      const wx = fake.callsTo(SUBSCRIBE).filter((c) => c.body.template_id === 'T-fee_bill_issued');
      expect(wx.map((c) => c.body.touser)).toEqual(['o-zhangsan']);
      expect(wx[0].body.page).toBe(`pages-fees/bills/index?roomId=${room101}`);
      expect(wx[0].body.data.thing1.value.length).toBeLessThanOrEqual(20);
      expect(wx[0].body.data.amount2.value).toMatch(/^\d+\.\d\d元$/);
      expect(fake.refused).toEqual([]);
      const lisiRow = (await n.outbox("recipient_id = ? AND template = 'fee_bill_issued' AND channel = 'wechat'", [lisi.me.id]))[0];
      expect(lisiRow.status).toBe('skipped');
      const rows = await t.query("SELECT * FROM fee_reminders WHERE room_id = ? AND kind = 'issued'", [room101]);
      expect(rows).toHaveLength(1);
      expect(Number(rows[0].recipients)).toBe(1);
    });

    it('lines billed later in the same period are announced once more, only the new ones', async () => {
      await t.query(
        `INSERT INTO bill_lines (company_id, community_id, room_id, fee_item_id, period, source_key, name, payer, amount_cents, detail, due_date,
           late_fee_rate_ppm, late_fee_grace_days, late_fee_cap_percent, paid_cents, late_fee_paid_cents, waived_cents, status, version, created_at, updated_at)
         VALUES (1, ?, ?, NULL, '2026-10', 'extra:1', '有偿维修', 'owner', 5000, '{"amountCents":5000}', '2026-11-15', 0, 0, NULL, 0, 0, 0, 'open', 1, ?, ?)`,
        [jxhy, room101, '2026-11-02 03:00:00.000', '2026-11-02 03:00:00.000'],
      );
      expect((await remind()).issued).toBe(1);
      const mine = await feeInbox(zhangsan);
      expect(mine).toHaveLength(2);
      expect(mine[0].body).toContain('有偿维修，合计 ¥50.00');
      expect(mine[0].body).not.toContain('物业服务费');
      expect((await remind()).issued).toBe(0);
    });

    it('due in 3 days: once per room and due date', async () => {
      await clock('2026-11-12T02:00:00.000Z');
      const r = await remind();
      expect(r).toEqual(expect.objectContaining({ issued: 0, overdue: 0 }));
      expect(r.due_soon).toBeGreaterThan(0);
      expect(await remind()).toEqual({ issued: 0, due_soon: 0, overdue: 0 });
      const due = (await feeInbox(zhangsan)).filter((m) => m.template === 'fee_due_soon');
      expect(due).toHaveLength(1);
      expect(due[0].body).toContain('将于 2026-11-15 到期');
      await clock('2026-11-14T02:00:00.000Z');
      expect((await remind()).due_soon).toBe(0);
    });

    it('overdue: at most once a week per room, with the late fee', async () => {
      await clock('2026-11-16T02:00:00.000Z');
      expect((await remind()).overdue).toBeGreaterThan(0);
      expect((await remind()).overdue).toBe(0);
      const overdue = () => feeInbox(lisi).then((l) => l.filter((m) => m.template === 'fee_overdue'));
      expect(await overdue()).toHaveLength(1);
      expect((await overdue())[0].body).toMatch(/已逾期（2026-11-15 到期），当前应缴 ¥[\d.,]+（含滞纳金 ¥0\.0\d）/);
      await clock('2026-11-22T02:00:00.000Z');
      expect((await remind()).overdue).toBe(0);
      await clock('2026-11-23T03:00:00.000Z');
      expect((await remind()).overdue).toBeGreaterThan(0);
      expect(await overdue()).toHaveLength(2);
      expect(Number((await t.query("SELECT COUNT(*) AS c FROM fee_reminders WHERE room_id = ? AND kind = 'overdue'", [room202]))[0].c)).toBe(4);
      // the resident granted no consent for overdue notices: inbox only
      const wx = await n.outbox("recipient_id = ? AND template = 'fee_overdue' AND channel = 'wechat'", [zhangsan.me.id]);
      await n.drain();
      expect(fake.callsTo(SUBSCRIBE).filter((c) => c.body.template_id === 'T-fee_overdue')).toEqual([]);
      expect(wx.length).toBeGreaterThan(0);
    });
    it('two runs at once send each reminder once (the keys), and the next month is announced again', async () => {
      await clock('2026-12-02T02:00:00.000Z');
      await billRun('2026-11');
      const [a, b] = await Promise.all([remind(), remind()]);
      expect(a.issued + b.issued).toBeGreaterThan(0);
      expect(await remind()).toEqual({ issued: 0, due_soon: 0, overdue: 0 });
      const mine = await feeInbox(zhangsan);
      expect(mine.filter((m) => m.title === '2026年11月账单已出')).toHaveLength(1);
      // October is still overdue and the last notice was 9 days ago: one more, once
      expect(mine.filter((m) => m.template === 'fee_overdue')).toHaveLength(3);
      const dupes = await t.query('SELECT dedupe_key, COUNT(*) AS n FROM fee_reminders GROUP BY dedupe_key HAVING COUNT(*) > 1');
      expect(dupes).toEqual([]);
    });
  });

  describe('paid history', () => {
    let paymentId: number;
    beforeAll(async () => {
      const lines = await t.query("SELECT id, room_id, name, amount_cents FROM bill_lines WHERE room_id IN (?, ?) AND period = '2026-10' ORDER BY id", [
        room101,
        room202,
      ]);
      const pay = async (roomId: number, no: string, parts: { id: number; principal: number; late: number }[]) => {
        const principal = parts.reduce((s, p) => s + p.principal, 0);
        const late = parts.reduce((s, p) => s + p.late, 0);
        await t.query(
          `INSERT INTO payments (company_id, community_id, room_id, receipt_no, method, amount_cents, principal_cents, late_fee_cents, refunded_cents, status,
             payer_name, invoice_title, invoice_tax_id, note, cashier_id, business_date, close_id, version, created_at, updated_at)
           VALUES (1, ?, ?, ?, 'cash', ?, ?, ?, 0, 'paid', NULL, NULL, NULL, NULL, ?, '2026-11-23', NULL, 1, ?, ?)`,
          [jxhy, roomId, no, principal + late, principal, late, cashier.me.id, '2026-11-23 03:00:00.000', '2026-11-23 03:00:00.000'],
        );
        const [p] = await t.query('SELECT id FROM payments WHERE receipt_no = ?', [no]);
        for (const part of parts) {
          await t.query('INSERT INTO payment_allocations (payment_id, bill_line_id, principal_cents, late_fee_cents) VALUES (?, ?, ?, ?)', [
            p.id,
            part.id,
            part.principal,
            part.late,
          ]);
          const [l] = await t.query('SELECT amount_cents FROM bill_lines WHERE id = ?', [part.id]);
          const full = Number(l.amount_cents) === part.principal;
          await t.query('UPDATE bill_lines SET paid_cents = ?, late_fee_paid_cents = ?, status = ?, version = version + 1 WHERE id = ?', [
            part.principal,
            part.late,
            full ? 'paid' : 'open',
            part.id,
          ]);
        }
        return Number(p.id);
      };
      const of = (roomId: number, name: string) => lines.find((l) => Number(l.room_id) === roomId && l.name === name);
      const fee101 = of(room101, '物业服务费');
      const energy101 = of(room101, '公共能耗分摊');
      paymentId = await pay(room101, 'SJ-20261123-0001', [
        { id: Number(fee101.id), principal: Number(fee101.amount_cents), late: 0 },
        { id: Number(energy101.id), principal: 1000, late: 7 },
      ]);
      const fee202 = of(room202, '物业服务费');
      const energy202 = of(room202, '公共能耗分摊');
      await pay(room202, 'SJ-20261123-0002', [
        { id: Number(fee202.id), principal: Number(fee202.amount_cents), late: 0 },
        { id: Number(energy202.id), principal: Number(energy202.amount_cents), late: 12 },
      ]);
    });

    const history = (token: string, roomId: number, year?: number) =>
      t.get<PaidHistoryView>(`/api/fees/history?roomId=${roomId}${year ? `&year=${year}` : ''}`, { token });

    it('the resident sees the year’s paid and partly paid lines with their receipts (≤ 3 statements)', async () => {
      const r = await history(zhangsan.accessToken, room101, 2026);
      expect(r.status).toBe(200);
      expect(statements(r)).toBeLessThanOrEqual(3);
      const byName = Object.fromEntries(r.body.lines.map((l) => [l.name, l]));
      expect(Object.keys(byName).sort()).toEqual(['公共能耗分摊', '物业服务费']);
      expect(byName['物业服务费'].status).toBe('paid');
      const partly = byName['公共能耗分摊'];
      expect(partly.status).toBe('open');
      expect(partly).toEqual(expect.objectContaining({ paidCents: 1000, lateFeePaidCents: 7, openCents: partly.amountCents - 1000 }));
      expect(partly.receipts).toEqual([
        expect.objectContaining({ paymentId, receiptNo: 'SJ-20261123-0001', principalCents: 1000, lateFeeCents: 7, businessDate: '2026-11-23' }),
      ]);
      expect(r.body.totalPaidCents).toBe(byName['物业服务费'].amountCents + 1007);
      // the year defaults to this one (Shanghai); another year has nothing
      expect((await history(zhangsan.accessToken, room101)).body.year).toBe(2026);
      expect((await history(zhangsan.accessToken, room101, 2025)).body.lines).toEqual([]);
      // the open bills no longer show the paid line, and show the partly paid one's rest
      const bills = (await t.get<RoomBillsView>(`/api/fees/bills?roomId=${room101}`, { token: zhangsan.accessToken })).body;
      expect(
        bills.open
          .filter((l) => l.period === '2026-10')
          .map((l) => l.name)
          .sort(),
      ).toEqual(['公共能耗分摊', '有偿维修', '水费']);
    });

    it('a tenant sees only the lines the occupant pays', async () => {
      const r = await history(lisi.accessToken, room202, 2026);
      expect(r.status).toBe(200);
      expect(r.body.lines.map((l) => l.name)).toEqual(['公共能耗分摊']);
      expect(r.body.lines[0].receipts[0].receiptNo).toBe('SJ-20261123-0002');
    });

    it('other rooms, other communities and roles without business there see nothing', async () => {
      expect((await history(zhangsan.accessToken, room202)).status).toBe(404);
      expect((await history(chenliu.accessToken, room101)).status).toBe(404);
      expect((await history(agent2.accessToken, room101)).status).toBe(404);
      expect((await history(tech1.accessToken, room101)).status).toBe(403);
      expect((await history(zhangsan.accessToken, 999999)).status).toBe(404);
      const staff = await history(cashier.accessToken, room202);
      expect(staff.status).toBe(200);
      expect(staff.body.lines).toHaveLength(2);
      expect((await history(agent1.accessToken, room101)).status).toBe(200);
      expect((await t.get(`/api/fees/history?roomId=${room101}&year=1999`, { token: zhangsan.accessToken })).status).toBe(400);
      expect((await t.get('/api/fees/history?roomId=abc', { token: zhangsan.accessToken })).status).toBe(400);
    });
  });

  describe('public income (公共收益公示)', () => {
    const rows = [
      { category: '广告收益', incomeCents: 1_200_000, expenseCents: 0, note: '电梯广告 12 部' },
      { category: '公共车位', incomeCents: 860_050, expenseCents: 150_000, note: '地面临停收费；道闸维修' },
      { category: '场地租金', incomeCents: 30_000, expenseCents: 0, note: '快递柜场地' },
      { category: '其他', incomeCents: 0, expenseCents: 420_000, note: '单元门禁更换' },
    ];
    let draft: PublicIncomeView;

    it('the finance office enters a draft (≤ 10 statements with a key); the balance is income less use; retried, it is the same', async () => {
      const r = await t.post<PublicIncomeView>(
        '/api/fees/public-incomes',
        { communityId: jxhy, quarter: '2026-Q3', rows },
        {
          token: cashier.accessToken,
          headers: { 'idempotency-key': 'pi-2026-q3' },
        },
      );
      expect(r.status).toBe(201);
      expect(statements(r)).toBeLessThanOrEqual(10);
      draft = r.body;
      expect(draft).toEqual(
        expect.objectContaining({
          status: 'draft',
          quarterLabel: '2026年第3季度',
          incomeCents: 2_090_050,
          expenseCents: 570_000,
          balanceCents: 1_520_050,
          communityName: '锦绣花园',
        }),
      );
      const again = await t.post<PublicIncomeView>(
        '/api/fees/public-incomes',
        { communityId: jxhy, quarter: '2026-Q3', rows },
        {
          token: cashier.accessToken,
          headers: { 'idempotency-key': 'pi-2026-q3' },
        },
      );
      expect(again.body.id).toBe(draft.id);
      const dup = await t.post<Err>('/api/fees/public-incomes', { communityId: jxhy, quarter: '2026-Q3', rows }, { token: manager.accessToken });
      expect(dup.status).toBe(409);
      expect(dup.body.message).toBe('该小区这个季度已有公示记录');
    });

    it('refuses bad input in words', async () => {
      const post = (body: unknown) => t.post<Err>('/api/fees/public-incomes', body, { token: cashier.accessToken });
      expect((await post({ communityId: jxhy, quarter: '2026-Q5', rows })).status).toBe(400);
      expect((await post({ communityId: jxhy, quarter: '2026-Q2', rows: [] })).body.message).toContain('请至少填写一项收益');
      const zero = await post({ communityId: jxhy, quarter: '2026-Q2', rows: [{ category: '其他', incomeCents: 0, expenseCents: 0, note: '' }] });
      expect(zero.status).toBe(400);
      expect(zero.body.message).toBe('第 1 项的收入和支出不能都为 0');
      expect((await post({ communityId: jxhy, quarter: '2026-Q2', rows: [{ category: '彩票', incomeCents: 1, expenseCents: 0, note: '' }] })).status).toBe(400);
      expect((await post({ communityId: jxhy, quarter: '2026-Q2', rows: [{ category: '其他', incomeCents: -1, expenseCents: 0, note: '' }] })).status).toBe(
        400,
      );
      // another community's: not found; roles outside the finance office: forbidden
      expect((await post({ communityId: chy, quarter: '2026-Q2', rows })).status).toBe(404);
      expect((await t.post('/api/fees/public-incomes', { communityId: jxhy, quarter: '2026-Q2', rows }, { token: agent1.accessToken })).status).toBe(403);
      expect((await t.post('/api/fees/public-incomes', { communityId: jxhy, quarter: '2026-Q2', rows }, { token: zhangsan.accessToken })).status).toBe(403);
    });

    it('a draft is invisible to residents; edits are version-checked', async () => {
      const res = await t.get<PublicIncomeView[]>(`/api/fees/public-income?communityId=${jxhy}`, { token: zhangsan.accessToken });
      expect(res.status).toBe(200);
      expect(res.body).toEqual([]);
      const edit = await t.patch<PublicIncomeView>(
        `/api/fees/public-incomes/${draft.id}`,
        { version: draft.version, rows: rows.slice(0, 3) },
        { token: cashier.accessToken },
      );
      expect(edit.status).toBe(200);
      expect(statements(edit)).toBeLessThanOrEqual(8);
      expect(edit.body).toEqual(expect.objectContaining({ version: 2, expenseCents: 150_000, balanceCents: 1_940_050 }));
      expect((await t.patch(`/api/fees/public-incomes/${draft.id}`, { version: 1, rows }, { token: cashier.accessToken })).status).toBe(409);
      draft = (await t.patch<PublicIncomeView>(`/api/fees/public-incomes/${draft.id}`, { version: 2, rows }, { token: cashier.accessToken })).body;
      expect(draft.balanceCents).toBe(1_520_050);
      const list = await t.get<PublicIncomeView[]>(`/api/fees/public-incomes?communityId=${jxhy}`, { token: cashier.accessToken });
      expect(statements(list)).toBeLessThanOrEqual(3);
      expect(list.body.map((x) => [x.quarter, x.status])).toEqual([['2026-Q3', 'draft']]);
      expect((await t.get(`/api/fees/public-incomes?communityId=${chy}`, { token: cashier.accessToken })).status).toBe(404);
      expect((await t.patch(`/api/fees/public-incomes/${draft.id}`, { version: 3, rows }, { token: agent2.accessToken })).status).toBe(403);
    });

    it('the manager publishes (≤ 8 statements): the community’s residents read it and get one inbox notice; published stays published', async () => {
      expect((await t.post(`/api/fees/public-incomes/${draft.id}/publish`, { version: draft.version }, { token: cashier.accessToken })).status).toBe(403);
      expect((await t.post(`/api/fees/public-incomes/${draft.id}/publish`, { version: 1 }, { token: manager.accessToken })).status).toBe(409);
      // the manager and the admin at once: one publishes, the other is told it changed
      const both = await Promise.all(
        [manager, admin].map((who) =>
          t.post<PublicIncomeView>(`/api/fees/public-incomes/${draft.id}/publish`, { version: draft.version }, { token: who.accessToken }),
        ),
      );
      expect(both.map((x) => x.status).sort()).toEqual([200, 409]);
      const p = both.find((x) => x.status === 200)!;
      expect(p.status).toBe(200);
      expect(statements(p)).toBeLessThanOrEqual(8);
      expect(p.body).toEqual(expect.objectContaining({ status: 'published', publishedAt: expect.any(String), publishedByName: expect.any(String) }));
      expect((await t.post(`/api/fees/public-incomes/${p.body.id}/publish`, { version: p.body.version }, { token: manager.accessToken })).status).toBe(409);
      expect((await t.patch(`/api/fees/public-incomes/${p.body.id}`, { version: p.body.version, rows }, { token: manager.accessToken })).status).toBe(409);

      const read = await t.get<PublicIncomeView[]>(`/api/fees/public-income?communityId=${jxhy}`, { token: lisi.accessToken });
      expect(read.status).toBe(200);
      expect(statements(read)).toBeLessThanOrEqual(3);
      expect(read.body).toHaveLength(1);
      expect(read.body[0]).toEqual(expect.objectContaining({ quarter: '2026-Q3', balanceCents: 1_520_050, publishedByName: null }));
      expect(read.body[0].rows).toHaveLength(4);
      expect((await t.get(`/api/fees/public-income?communityId=${jxhy}`, { token: chenliu.accessToken })).status).toBe(404);
      expect((await t.get(`/api/fees/public-income?communityId=${chy}`, { token: zhangsan.accessToken })).status).toBe(404);

      for (const who of [zhangsan, lisi]) {
        const items = (await n.inbox(who, 'limit=50')).items.filter((x: NotificationView) => x.template === 'public_income_published');
        expect(items).toHaveLength(1);
        expect(items[0]).toEqual(expect.objectContaining({ title: '2026年第3季度公共收益公示', link: '/fees/public-income' }));
        expect(items[0].body).toContain('结余 15200.50 元');
      }
      expect((await n.inbox(chenliu, 'limit=50')).items.filter((x: NotificationView) => x.template === 'public_income_published')).toEqual([]);
      // inbox only: never to WeChat
      expect(await n.outbox("template = 'public_income_published'")).toEqual([]);
    });
  });
});
