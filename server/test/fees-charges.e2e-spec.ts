import {
  BillLineView,
  BillRunPreview,
  BillRunView,
  FeeContractView,
  FeeRequestView,
  LoginResponse,
  PriceItemView,
  RoomBillsView,
  RoomContractsView,
} from '@linli/shared';
import { Res, TestApp } from './helpers/test-app';
import { Cast, newStaff, repairsApi } from './helpers/repairs';

type Err = { code: string; message: string };
const statements = (r: Res) => {
  const n = Number(r.headers.get('x-sql-statements'));
  if (process.env.SHOW_SQL_COUNTS) console.log('statements', n, new Error().stack!.split('\n')[2].trim());
  return n;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** 锦绣花园 x01 rooms: 89.56 ㎡ × 1.80 元 = 161.21 a month */
const SMALL = 16_121;

describe('fees: contracts, one-off and repair charges, waivers and deferrals', () => {
  let t: TestApp;
  let cashier: LoginResponse, agent1: LoginResponse, agent2: LoginResponse, manager: LoginResponse, admin: LoginResponse, tech1: LoginResponse;
  let zhangsan: LoginResponse, lisi: LoginResponse;
  let jxhy: number, parkingId: number, room101: number, room202: number, room102: number, chyRoom: number;

  beforeAll(async () => {
    t = await TestApp.start();
    await t.post('/api/test/clock', { set: '2026-12-02T02:00:00.000Z' });
    [cashier, agent1, agent2, manager, admin, tech1] = await Promise.all(
      ['cashier1', 'agent1', 'agent2', 'manager1', 'admin', 'technician1'].map((u) => t.staff(u)),
    );
    [zhangsan, lisi] = await Promise.all(['zhangsan', 'lisi'].map((c) => t.resident(c)));
    room101 = (await t.room('锦绣花园', '1栋1单元101')).id;
    room102 = (await t.room('锦绣花园', '1栋1单元102')).id;
    room202 = (await t.room('锦绣花园', '2栋2单元202')).id;
    chyRoom = (await t.room('翠湖苑', '1栋1单元101')).id;
    jxhy = (await t.room('锦绣花园', '1栋1单元101')).communityId;
    const [p] = await t.query("SELECT id FROM fee_items WHERE community_id = ? AND name = '地下车位租金'", [jxhy]);
    parkingId = Number(p.id);
  });
  afterAll(() => t?.close());

  const bills = (roomId: number, token = cashier.accessToken) => t.get<RoomBillsView>(`/api/fees/bills?roomId=${roomId}`, { token });
  const charge = (token: string, body: Record<string, unknown>, key?: string) =>
    t.post<BillLineView | Err>('/api/fees/charges', body, { token, headers: key ? { 'idempotency-key': key } : undefined });
  const file = (token: string, body: Record<string, unknown>, key?: string) =>
    t.post<FeeRequestView | Err>('/api/fees/requests', body, { token, headers: key ? { 'idempotency-key': key } : undefined });
  const decide = (token: string, id: number, body: Record<string, unknown>) => t.post<FeeRequestView | Err>(`/api/fees/requests/${id}/decide`, body, { token });
  const lineRow = async (id: number) => (await t.query('SELECT * FROM bill_lines WHERE id = ?', [id]))[0];
  async function runDone(period: string): Promise<BillRunView> {
    const r = await t.post<BillRunView>('/api/fees/runs', { communityId: jxhy, period }, { token: cashier.accessToken });
    expect(r.status).toBe(201);
    for (let i = 0; i < 200; i++) {
      const v = (await t.get<BillRunView>(`/api/fees/runs/${r.body.id}`, { token: cashier.accessToken })).body;
      if (v.status !== 'running') return v;
      await sleep(50);
    }
    throw new Error('run still running');
  }

  describe('fixed items per contracted room', () => {
    let contract: FeeContractView;

    it('the cashier contracts a parking space for a room; overlaps, other rooms and other roles are refused', async () => {
      const add = (token: string, body: Record<string, unknown>) => t.post<FeeContractView | Err>('/api/fees/contracts', body, { token });
      const r = await add(cashier.accessToken, { roomId: room101, feeItemId: parkingId, startsOn: '2026-10-01', note: '车位号 B-023' });
      expect(r.status).toBe(201);
      expect(statements(r)).toBeLessThanOrEqual(10);
      contract = r.body as FeeContractView;
      expect(contract).toEqual(
        expect.objectContaining({
          itemName: '地下车位租金',
          standardText: '¥900.00/季度',
          startsOn: '2026-10-01',
          endsOn: null,
          note: '车位号 B-023',
          version: 1,
        }),
      );
      const overlap = await add(cashier.accessToken, { roomId: room101, feeItemId: parkingId, startsOn: '2026-12-01' });
      expect(overlap.status).toBe(409);
      expect((overlap.body as Err).message).toBe('该房屋在此期间已签约「地下车位租金」');
      expect((await add(agent1.accessToken, { roomId: room102, feeItemId: parkingId, startsOn: '2026-10-01' })).status).toBe(403);
      expect((await add(cashier.accessToken, { roomId: chyRoom, feeItemId: parkingId, startsOn: '2026-10-01' })).status).toBe(404);
      const [prop] = await t.query("SELECT id FROM fee_items WHERE community_id = ? AND name = '物业服务费'", [jxhy]);
      const notFixed = await add(cashier.accessToken, { roomId: room102, feeItemId: Number(prop.id), startsOn: '2026-10-01' });
      expect(notFixed.status).toBe(400);
      expect((await add(cashier.accessToken, { roomId: room102, feeItemId: parkingId, startsOn: '2026-10-01', endsOn: '2026-09-01' })).status).toBe(400);

      const list = await t.get<RoomContractsView>(`/api/fees/contracts?roomId=${room101}`, { token: cashier.accessToken });
      expect(list.status).toBe(200);
      expect(statements(list)).toBeLessThanOrEqual(3);
      expect(list.body.contracts.map((c) => [c.note, c.createdByName])).toEqual([['车位号 B-023', '孙收银']]);
      expect(list.body.items).toEqual([{ id: parkingId, name: '地下车位租金', standardText: '¥900.00/季度' }]);
      expect((await t.get(`/api/fees/contracts?roomId=${chyRoom}`, { token: cashier.accessToken })).status).toBe(404);
      expect((await t.get(`/api/fees/contracts?roomId=${room101}`, { token: zhangsan.accessToken })).status).toBe(403);
    });

    it('the quarter’s run bills the fixed item only to the contracted rooms (the demo 202 and 101), once', async () => {
      const preview = (await t.get<BillRunPreview>(`/api/fees/runs/preview?communityId=${jxhy}&period=2026-Q4`, { token: cashier.accessToken })).body;
      expect(preview.items).toEqual([{ itemId: parkingId, name: '地下车位租金', lines: 2, amountCents: 180_000 }]);
      const run = await runDone('2026-Q4');
      expect(run).toEqual(expect.objectContaining({ status: 'done', linesCreated: 2, amountCents: 180_000 }));
      expect((await runDone('2026-Q4')).linesCreated).toBe(0);
      const rows = await t.query('SELECT room_id, source_key FROM bill_lines WHERE period = ? ORDER BY room_id', ['2026-Q4']);
      expect(rows.map((r) => [Number(r.room_id), r.source_key])).toEqual([
        [room101, `item:${parkingId}:2026-Q4`],
        [room202, `item:${parkingId}:2026-Q4`],
      ]);
      // the occupant pays it: the tenant of 202 sees it
      const tenant = (await bills(room202, lisi.accessToken)).body.open;
      expect(tenant.map((l) => [l.name, l.periodLabel, l.amountCents, l.dueDate, l.basis])).toEqual([
        ['地下车位租金', '2026年第4季度', 90_000, '2027-01-10', '定额 ¥900.00（车位号 B-023）'],
      ]);
    });

    it('an ended contract is not billed after its end; a stale version is refused', async () => {
      const end = (version: number, endsOn: string, token = cashier.accessToken) =>
        t.post<FeeContractView | Err>(`/api/fees/contracts/${contract.id}/end`, { version, endsOn }, { token });
      expect((await end(1, '2026-09-30')).status).toBe(400);
      expect((await end(1, '2026-12-31', agent2.accessToken)).status).toBe(403);
      const ok = await end(1, '2026-12-31');
      expect(ok.status).toBe(200);
      expect(statements(ok)).toBeLessThanOrEqual(8);
      expect(ok.body).toEqual(expect.objectContaining({ endsOn: '2026-12-31', version: 2 }));
      expect((await end(1, '2027-01-31')).status).toBe(409);
      const run = await runDone('2027-Q1');
      expect(run.linesCreated).toBe(1);
      const rows = await t.query('SELECT room_id FROM bill_lines WHERE period = ?', ['2027-Q1']);
      expect(rows.map((r) => Number(r.room_id))).toEqual([room202]);
    });
  });

  describe('one-off charges', () => {
    it('the desk charges a room once per Idempotency-Key (≤ 10 statements); the item’s due date or today + 15 days', async () => {
      const item = await t.post<{ id: number }>(
        '/api/fees/items',
        {
          communityId: jxhy,
          name: '装修垃圾清运费',
          kind: 'one_off',
          payer: 'owner',
          amountCents: 20_000,
          dueDay: 10,
          lateFeeRatePpm: 0,
          lateFeeGraceDays: 0,
          serviceContent: '装修垃圾清运',
          startsOn: '2026-01-01',
        },
        { token: admin.accessToken },
      );
      expect(item.status).toBe(201);
      const items = await t.get<{ id: number; name: string; amountCents: number }[]>(`/api/fees/one-off-items?roomId=${room102}`, {
        token: agent1.accessToken,
      });
      expect(items.body).toEqual([{ id: item.body.id, name: '装修垃圾清运费', amountCents: 20_000 }]);
      const body = { roomId: room102, feeItemId: item.body.id, amountCents: 40_000, reason: '装修垃圾清运 2 车' };
      const r = await charge(agent1.accessToken, body, 'charge-1');
      expect(r.status).toBe(201);
      expect(statements(r)).toBeLessThanOrEqual(10);
      const line = r.body as BillLineView;
      expect(line).toEqual(
        expect.objectContaining({
          name: '装修垃圾清运费',
          amountCents: 40_000,
          openCents: 40_000,
          period: '2026-12',
          dueDate: '2027-01-10',
          basis: '一次性收费：装修垃圾清运 2 车',
        }),
      );
      const again = await charge(agent1.accessToken, body, 'charge-1');
      expect((again.body as BillLineView).id).toBe(line.id);
      const [{ n }] = await t.query("SELECT COUNT(*) AS n FROM bill_lines WHERE room_id = ? AND source_key LIKE 'charge:%'", [room102]);
      expect(Number(n)).toBe(1);

      const free = await charge(cashier.accessToken, { roomId: room102, name: '钥匙补配', amountCents: 1_500, reason: '补配门禁卡一张' });
      expect(free.status).toBe(201);
      expect(free.body).toEqual(expect.objectContaining({ name: '钥匙补配', dueDate: '2026-12-17', lateFeeCents: 0 }));
      expect((await lineRow((free.body as BillLineView).id)).source_key).toMatch(/^charge:[0-9a-f-]{36}$/);
    });

    it('refused: other community, residents, technicians, neither item nor name, another kind of item', async () => {
      const body = { roomId: room102, name: '钥匙补配', amountCents: 1_500, reason: '补配' };
      expect((await charge(agent1.accessToken, { ...body, roomId: chyRoom })).status).toBe(404);
      expect((await charge(zhangsan.accessToken, body)).status).toBe(403);
      expect((await charge(tech1.accessToken, body)).status).toBe(403);
      const none = await charge(agent1.accessToken, { roomId: room102, amountCents: 1_500, reason: '补配' });
      expect(none.status).toBe(400);
      expect((none.body as Err).message).toBe('请选择收费项目或填写收费名称');
      expect((await charge(agent1.accessToken, { ...body, feeItemId: parkingId })).status).toBe(400);
      expect((await charge(agent1.accessToken, { ...body, amountCents: 0 })).status).toBe(400);
      expect((await charge(agent1.accessToken, { ...body, reason: '' })).status).toBe(400);
    });
  });

  describe('repair charges', () => {
    it('a closed repair order’s charges become one line of the room, once, even when the job runs twice', async () => {
      const api = repairsApi(t);
      const cast: Cast = { resident: zhangsan, desk: agent1, tech: tech1, roomId: room101 };
      const prices = (await t.get<PriceItemView[]>('/api/price-items', { token: tech1.accessToken })).body;
      const price = (name: string) => prices.find((p) => p.name === name)!;
      const { id, no } = await api.orderIn(cast, 'in_progress');
      await api.step(tech1.accessToken, id, 'complete', {
        freeOfCharge: false,
        lines: [
          { priceItemId: price('更换水龙头').id, quantity: 1 },
          { priceItemId: price('维修人工费').id, quantity: 1 },
        ],
      });
      // not yet closed: nothing billed
      expect((await t.post('/api/test/jobs/repair-billing', {})).body).toEqual({ tickets: 0 });
      await api.step(zhangsan.accessToken, id, 'confirm');
      expect((await t.post('/api/test/jobs/repair-billing', {})).body).toEqual({ tickets: 0 });
      await api.step(agent1.accessToken, id, 'return_visit', { satisfied: true });
      expect((await t.post('/api/test/jobs/repair-billing', {})).body).toEqual({ tickets: 1 });
      expect((await t.post('/api/test/jobs/repair-billing', {})).body).toEqual({ tickets: 0 });
      // an instance that picked the ticket before the other stamped it: INSERT … IGNORE keeps one line
      await t.query('UPDATE ticket_charges SET billed_at = NULL WHERE ticket_id = ?', [id]);
      expect((await t.post('/api/test/jobs/repair-billing', {})).body).toEqual({ tickets: 1 });
      const rows = await t.query('SELECT id, amount_cents, payer FROM bill_lines WHERE room_id = ? AND source_key = ?', [room101, `repair:${id}`]);
      expect(rows).toHaveLength(1);
      expect(Number(rows[0].amount_cents)).toBe(8_000);
      const stamped = await t.query('SELECT billed_at FROM ticket_charges WHERE ticket_id = ?', [id]);
      expect(stamped.every((r) => r.billed_at !== null)).toBe(true);
      const line = (await bills(room101, zhangsan.accessToken)).body.open.find((l) => l.id === Number(rows[0].id))!;
      expect(line).toEqual(expect.objectContaining({ name: '维修费', amountCents: 8_000, dueDate: '2026-12-17' }));
      expect(line.basis).toBe(`维修工单 ${no} 更换水龙头 ×1 ¥30.00；维修人工费 ×1 ¥50.00`);
    });
  });

  describe('免交 and 缓交', () => {
    let lineId: number;
    let waiver: FeeRequestView;

    beforeAll(async () => {
      const r = await charge(cashier.accessToken, { roomId: room101, name: '装修押金补缴', amountCents: 20_000, reason: '装修押金差额' });
      lineId = (r.body as BillLineView).id;
    });

    it('a cashier files a waiver with a reason (≤ 10 statements, idempotent); the managers are told', async () => {
      const body = { billLineId: lineId, kind: 'waive', amountCents: 5_000, reason: '业主家庭困难，社区出具证明' };
      const r = await file(cashier.accessToken, body, 'waive-1');
      expect(r.status).toBe(201);
      expect(statements(r)).toBeLessThanOrEqual(10);
      waiver = r.body as FeeRequestView;
      expect(waiver).toEqual(
        expect.objectContaining({
          kind: 'waive',
          kindLabel: '免交',
          status: 'pending',
          roomLabel: '1栋1单元101',
          subject: '装修押金补缴 2026年12月',
          amountCents: 5_000,
          requestedByName: '孙收银',
          canDecide: false,
          decidePath: `/api/fees/requests/${waiver.id}/decide`,
        }),
      );
      expect(((await file(cashier.accessToken, body, 'waive-1')).body as FeeRequestView).id).toBe(waiver.id);
      const inbox = await t.query("SELECT recipient_id, title, body FROM notifications WHERE template = 'fee_request_filed'");
      expect(inbox.map((n) => Number(n.recipient_id))).toEqual([manager.me.id]);
      expect(inbox[0].title).toBe('免交待审批：1栋1单元101');
      expect(inbox[0].body).toBe('1栋1单元101 装修押金补缴 2026年12月，申请免交 ¥50.00。原因：业主家庭困难，社区出具证明');
    });

    it('refused filings: above the open principal, no reason, a second pending one, other community, wrong role', async () => {
      const over = await file(cashier.accessToken, { billLineId: lineId, kind: 'waive', amountCents: 20_001, reason: '测试' });
      expect(over.status).toBe(400);
      expect((over.body as Err).message).toBe('减免金额不能超过未缴本金 ¥200.00');
      expect((await file(cashier.accessToken, { billLineId: lineId, kind: 'waive', amountCents: 100 })).status).toBe(400);
      expect((await file(cashier.accessToken, { billLineId: lineId, kind: 'waive', reason: '无金额' })).status).toBe(400);
      expect((await file(cashier.accessToken, { billLineId: lineId, kind: 'defer', reason: '无日期' })).status).toBe(400);
      const twice = await file(agent1.accessToken, { billLineId: lineId, kind: 'waive', amountCents: 100, reason: '重复' });
      expect(twice.status).toBe(409);
      expect((twice.body as Err).message).toBe('该账单已有待审批的免交申请');
      expect((await file(agent2.accessToken, { billLineId: lineId, kind: 'waive', amountCents: 100, reason: '他区' })).status).toBe(404);
      expect((await file(manager.accessToken, { billLineId: lineId, kind: 'waive', amountCents: 100, reason: '经理' })).status).toBe(403);
      expect((await file(zhangsan.accessToken, { billLineId: lineId, kind: 'waive', amountCents: 100, reason: '住户' })).status).toBe(403);
      expect((await file(cashier.accessToken, { billLineId: 999999, kind: 'waive', amountCents: 100, reason: '无' })).status).toBe(404);
    });

    it('nobody approves their own request; the desk and cashiers cannot approve; another community’s manager sees nothing', async () => {
      // a cashier who is also a manager files, then tries to approve it
      const both = await newStaff(t, admin, 'cashmgr', '钱收银经理', ['cashier', 'manager'], [jxhy]);
      const own = (await file(both.accessToken, { billLineId: lineId, kind: 'defer', deferUntil: '2027-01-31', reason: '自己的申请' })).body as FeeRequestView;
      const self = await decide(both.accessToken, own.id, { version: 1, approve: true });
      expect(self.status).toBe(403);
      expect((self.body as Err).message).toBe('不能审批自己提交的申请');
      expect((await decide(cashier.accessToken, waiver.id, { version: 1, approve: true })).status).toBe(403);
      expect((await decide(agent1.accessToken, waiver.id, { version: 1, approve: true })).status).toBe(403);
      const chyManager = await newStaff(t, admin, 'chymgr', '翠湖苑经理', ['manager'], [(await t.room('翠湖苑', '1栋1单元101')).communityId]);
      expect((await decide(chyManager.accessToken, waiver.id, { version: 1, approve: true })).status).toBe(404);
      expect((await t.get<FeeRequestView[]>('/api/fees/requests?status=pending', { token: chyManager.accessToken })).body.map((r) => r.roomLabel)).toEqual([]);
      // the general manager refuses the self-filed one (a note is required)
      expect((await decide(manager.accessToken, own.id, { version: 1, approve: false })).status).toBe(400);
      const refused = await decide(manager.accessToken, own.id, { version: 1, approve: false, note: '请由收银员提交' });
      expect(refused.body).toEqual(
        expect.objectContaining({ status: 'refused', statusLabel: '已驳回', decidedByName: '王经理', decisionNote: '请由收银员提交' }),
      );
      expect((await lineRow(lineId)).deferred_until).toBeNull();
    });

    it('the manager lists pending requests (≤ 3 statements) and approves with a version; stale or decided → 409', async () => {
      const list = await t.get<FeeRequestView[]>('/api/fees/requests?status=pending', { token: manager.accessToken });
      expect(list.status).toBe(200);
      expect(statements(list)).toBeLessThanOrEqual(3);
      expect(list.body.map((r) => [r.id, r.kindLabel, r.roomLabel, r.amountCents, r.reason, r.requestedByName, r.canDecide])).toEqual([
        [waiver.id, '免交', '1栋1单元101', 5_000, '业主家庭困难，社区出具证明', '孙收银', true],
      ]);
      expect((await t.get('/api/fees/requests?status=pending', { token: cashier.accessToken })).status).toBe(403);
      expect((await decide(manager.accessToken, waiver.id, { version: 2, approve: true })).status).toBe(409);
      const ok = await decide(manager.accessToken, waiver.id, { version: 1, approve: true, note: '同意减免' });
      expect(ok.status).toBe(200);
      expect(statements(ok)).toBeLessThanOrEqual(8);
      expect(ok.body).toEqual(expect.objectContaining({ status: 'approved', decidedByName: '王经理', version: 2, canDecide: false }));
      const again = await decide(manager.accessToken, waiver.id, { version: 2, approve: true });
      expect(again.status).toBe(409);
      expect((again.body as Err).message).toBe('该申请已处理，请刷新');
      const row = await lineRow(lineId);
      expect([Number(row.waived_cents), row.status, Number(row.version)]).toEqual([5_000, 'open', 2]);
      const told = await t.query("SELECT recipient_id, title FROM notifications WHERE template = 'fee_request_decided' ORDER BY id");
      expect(told.map((n) => [Number(n.recipient_id), n.title])).toEqual([
        [expect.any(Number), '缓交申请已驳回：1栋1单元101'],
        [cashier.me.id, '免交申请已批准：1栋1单元101'],
      ]);
    });

    it('the bill shows the waiver: who approved it, when and why (≤ 3 statements)', async () => {
      const r = await bills(room101, zhangsan.accessToken);
      expect(statements(r)).toBeLessThanOrEqual(3);
      const line = r.body.open.find((l) => l.id === lineId)!;
      expect(line).toEqual(expect.objectContaining({ amountCents: 20_000, waivedCents: 5_000, openCents: 15_000 }));
      expect(line.adjustments).toEqual([
        {
          kind: 'waive',
          amountCents: 5_000,
          deferUntil: null,
          reason: '业主家庭困难，社区出具证明',
          decidedByName: '王经理',
          decidedAt: expect.stringMatching(/^2026-12-02T02:00/),
        },
      ]);
    });

    it('a waiver of the rest: paid + waived = amount → paid; wholly waived → waived', async () => {
      // a payment of 100 (the cashier helper's code moves paid_cents; here by hand)
      await t.query('UPDATE bill_lines SET paid_cents = 10000, version = version + 1 WHERE id = ?', [lineId]);
      const rest = (await file(cashier.accessToken, { billLineId: lineId, kind: 'waive', amountCents: 5_000, reason: '尾差减免' })).body as FeeRequestView;
      expect((await decide(manager.accessToken, rest.id, { version: 1, approve: true })).status).toBe(200);
      expect((await lineRow(lineId)).status).toBe('paid');

      const whole = (await charge(cashier.accessToken, { roomId: room101, name: '临时停车费', amountCents: 1_000, reason: '误收' })).body as BillLineView;
      const w = (await file(agent1.accessToken, { billLineId: whole.id, kind: 'waive', amountCents: 1_000, reason: '误开账单' })).body as FeeRequestView;
      // a payment lands between filing and approval: the approval sees the line has changed
      await t.query('UPDATE bill_lines SET paid_cents = 500, version = version + 1 WHERE id = ?', [whole.id]);
      const changed = await decide(admin.accessToken, w.id, { version: 1, approve: true });
      expect(changed.status).toBe(409);
      expect((changed.body as Err).message).toBe('账单已变化，无法批准：减免金额不能超过未缴本金 ¥5.00');
      await t.query('UPDATE bill_lines SET paid_cents = 0 WHERE id = ?', [whole.id]);
      expect((await decide(admin.accessToken, w.id, { version: 1, approve: true })).status).toBe(200);
      const row = await lineRow(whole.id);
      expect([row.status, Number(row.waived_cents)]).toEqual(['waived', 1_000]);
      expect((await bills(room101)).body.open.some((l) => l.id === whole.id)).toBe(false);
    });

    it('a deferral moves the due date: the late fee runs from the new date', async () => {
      await runDone('2026-11');
      const [nov] = await t.query("SELECT id FROM bill_lines WHERE room_id = ? AND period = '2026-11'", [room101]);
      const novId = Number(nov.id);
      const early = await file(cashier.accessToken, { billLineId: novId, kind: 'defer', deferUntil: '2026-12-10', reason: '提前' });
      expect((early.body as Err).message).toBe('缓交日期应晚于当前截止日 2026-12-15');
      const d = (await file(cashier.accessToken, { billLineId: novId, kind: 'defer', deferUntil: '2027-01-31', reason: '业主出差，春节后缴纳' }, 'defer-1'))
        .body as FeeRequestView;
      expect(d).toEqual(expect.objectContaining({ kindLabel: '缓交', deferUntil: '2027-01-31', subject: '物业服务费 2026年11月' }));
      expect((await decide(manager.accessToken, d.id, { version: 1, approve: true })).status).toBe(200);
      // 2027-01-10: without the deferral 11 days of late fee (¥0.89); deferred: none
      await t.post('/api/test/clock', { set: '2027-01-10T02:00:00.000Z' });
      let line = (await bills(room101, zhangsan.accessToken)).body.open.find((l) => l.id === novId)!;
      expect(line).toEqual(expect.objectContaining({ deferredUntil: '2027-01-31', dueDate: '2026-12-15', overdue: false, lateFeeCents: 0 }));
      expect(line.adjustments).toEqual([expect.objectContaining({ kind: 'defer', deferUntil: '2027-01-31', amountCents: null, decidedByName: '王经理' })]);
      // 2027-02-25: 25 days after 01-31, 15 of grace → 10 days × 万分之5 × 161.21 = ¥0.81
      await t.post('/api/test/clock', { set: '2027-02-25T02:00:00.000Z' });
      line = (await bills(room101, zhangsan.accessToken)).body.open.find((l) => l.id === novId)!;
      expect(line).toEqual(expect.objectContaining({ overdue: true, lateFeeCents: 81 }));
      expect(line.lateFeeFormula).toBe(`滞纳金 = ¥161.21 × 万分之5/天 × 10 天 = ¥0.81`);
      expect(SMALL).toBe(16_121);
    });
  });
});
