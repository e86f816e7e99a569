/**
 * The layout tour's records and roles (polish-layout.e2e-spec.ts): which role tours the staff pages only some roles
 * may use, which pages title themselves, and one record of each kind that a record's page needs, made through the API.
 */
import { shanghaiDate } from '@linli/shared';
import { complaintsApi, desk } from '../../../server/test/helpers/complaints';
import { repairsApi } from '../../../server/test/helpers/repairs';
import type { TestApp } from '../../../server/test/helpers/test-app';

/** Staff pages only some roles may use: toured as that role (a route with `admin` in it as admin, the rest as supervisor1). */
export const STAFF_ROLE: Record<string, string> = {
  'pages-complaint/reports/index': 'manager1',
  'pages-complaint/calendar/index': 'admin',
  'pages-org/duty-phones/index': 'admin',
  'pages-places/communities/index': 'admin',
  'pages-places/tree/index': 'admin',
  'pages-places/import/index': 'admin',
  'pages-fees/edit/index': 'admin',
  'pages-fees/runs/index': 'manager1',
  'pages-income/list/index': 'manager1',
  'pages-income/edit/index': 'cashier1',
  'pages-charges/room/index': 'cashier1',
  'pages-charges/contracts/index': 'cashier1',
  'pages-charges/charge/index': 'cashier1',
  'pages-charges/request/index': 'manager1',
  'pages-charges/approvals/index': 'manager1',
  'pages-cashier/index/index': 'cashier1',
  'pages-cashier/receipt/index': 'cashier1',
  'pages-cashier/close/index': 'cashier1',
  'pages-cashier/reversal/index': 'cashier1',
  'pages-ledger/statement/index': 'manager1',
  'pages-ledger/arrears/index': 'manager1',
  'pages-ledger/rooms/index': 'manager1',
  'pages-pay/recon/index': 'manager1',
  'pages-pay/refunds/index': 'manager1',
  'pages-passes/policy/index': 'manager1',
  'pages-survey/list/index': 'manager1',
  'pages-survey/edit/index': 'manager1',
  'pages-survey/results/index': 'manager1',
  'pages-visits/coverage/index': 'manager1',
  'pages-notice/list/index': 'manager1',
  'pages-notice/edit/index': 'manager1',
  'pages-notice/detail/index': 'manager1',
  'pages-reports/dashboard/index': 'manager1',
  'pages-reports/drill/index': 'manager1',
};

/** Pages that title themselves by what they show: the title when the tour opens them without a record. */
export const OWN_TITLE: Record<string, string> = {
  'pages-admin/staff-edit/index': '新建员工',
  'pages-ledger/rooms/index': '1栋 欠费房屋',
};

type Desk = Awaited<ReturnType<typeof desk>>;
type Query = Record<string, string>;

/** Makes the records; the query string of each page that shows one, by `app:route`. */
export async function tourRecords(t: TestApp): Promise<Query> {
  const d = await desk(t);
  const q: Query = { ...(await ticketRecords(t, d)), ...(await feeRecords(t, d)), ...(await passRecords(t, d)), ...(await engageRecords(t, d)) };
  const building101 = Number((await t.query('SELECT building_id FROM rooms WHERE id = ?', [d.room101.id]))[0].building_id);
  return Object.assign(q, {
    'staff:pages-places/tree/index': `communityId=${d.room101.communityId}`,
    'staff:pages-places/import/index': `communityId=${d.room101.communityId}`,
    'staff:pages-fees/edit/index': `communityId=${d.room101.communityId}`,
    'staff:pages-income/edit/index': `communityId=${d.room101.communityId}`,
    'staff:pages-charges/contracts/index': `roomId=${d.room101.id}`,
    'staff:pages-charges/charge/index': `roomId=${d.room101.id}`,
    'staff:pages-ledger/rooms/index': `communityId=${d.room101.communityId}&buildingId=${building101}`,
    'staff:pages-reports/drill/index': `kind=tickets&ticketKind=repair&period=${shanghaiDate(new Date()).slice(0, 7)}`,
  });
}

/** A dispatched repair; a class-2 complaint with its written notice: the detail, the notice page and the class-2 table have a row. */
async function ticketRecords(t: TestApp, d: Desk): Promise<Query> {
  const repair = await repairsApi(t).orderIn({ resident: d.zhangsan, desk: d.agent1, tech: d.tech1, roomId: d.room101.id }, 'dispatched');
  const api = complaintsApi(t);
  const c = await api.file(d.zhangsan.accessToken, d.room101.id, {
    category: 'house_quality',
    writtenReplyWanted: true,
    text: '卫生间楼板渗水，楼下天花板发霉',
  });
  await api.step(d.agent1.accessToken, c.id, 'classify', { complaintClass: 2 });
  await api.step(d.supervisor1.accessToken, c.id, 'record_developer_contact', { content: '开发商同意本周五派人上门查看防水层' });
  const noticed = await api.step(d.supervisor1.accessToken, c.id, 'issue_notice', { content: '请于两周内完成卫生间防水层维修。' });
  const notice = noticed.records.find((r) => r.type === 'notice')!;
  return {
    'resident:pages-repair/detail/index': `id=${repair.id}`,
    'resident:pages-complaint/detail/index': `id=${c.id}`,
    'staff:pages-repair/detail/index': `id=${repair.id}`,
    'staff:pages-complaint/detail/index': `id=${c.id}`,
    'staff:pages-complaint/notice/index': `id=${c.id}&recordId=${notice.id}`,
  };
}

/** The demo's waived one-off charge (翠湖苑, manager1's); a paid bill of 张三's room for the receipt pages. */
async function feeRecords(t: TestApp, d: Desk): Promise<Query> {
  const [demoLine] = await t.query("SELECT id, room_id FROM bill_lines WHERE source_key = 'charge:demo-bulky-waste'");
  await t.query(
    `INSERT INTO bill_lines (company_id, community_id, room_id, fee_item_id, period, source_key, name, payer, amount_cents, detail, due_date,
       late_fee_rate_ppm, late_fee_grace_days, late_fee_cap_percent, paid_cents, late_fee_paid_cents, waived_cents, status, run_id, version, created_at, updated_at)
     VALUES (1, ?, ?, NULL, '2099-01', 'tour:1', '物业服务费', 'owner', 16121, '{}', '2099-02-15', 500, 0, NULL, 0, 0, 0, 'open', NULL, 1,
       '2026-11-01 00:00:00.000', '2026-11-01 00:00:00.000')`,
    [d.room101.communityId, d.room101.id],
  );
  const cashier = await t.staff('cashier1');
  const paid = await t.post(
    '/api/fees/payments',
    { roomId: d.room101.id, method: 'cash', amountCents: 16121, expectedTotalCents: 16121 },
    { token: cashier.accessToken },
  );
  return {
    'staff:pages-charges/request/index': `roomId=${demoLine.room_id}&lineId=${demoLine.id}`,
    'resident:pages-fees/receipt/index': `id=${paid.body.id}`,
    'staff:pages-cashier/receipt/index': `id=${paid.body.id}`,
    'staff:pages-cashier/reversal/index': `id=${paid.body.id}`,
  };
}

/** A visitor pass of 张三's room (resident detail, the visitor's link page, staff detail); a decoration permit waiting for review. */
async function passRecords(t: TestApp, d: Desk): Promise<Query> {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const pass = await t.post(
    '/api/passes/visitor',
    { roomId: d.room101.id, visitorName: '王小明', startsOn: today, days: 1, entries: 1 },
    { token: d.zhangsan.accessToken },
  );
  const permit = await t.post(
    '/api/passes/permits',
    {
      roomId: d.room101.id,
      contractorName: '好家装饰',
      contractorPhone: '13900001111',
      startsOn: shanghaiDate(new Date()),
      endsOn: shanghaiDate(new Date()),
      workers: [{ name: '王师傅', idNumber: '110101198506154562' }],
    },
    { token: d.zhangsan.accessToken },
  );
  return {
    'resident:pages-passes/detail/index': `id=${pass.body.id}`,
    'resident:pages-passes/visit/index': `token=${pass.body.linkToken}`,
    'staff:pages-passes/detail/index': `id=${pass.body.id}`,
    'resident:pages-passes/permit/index': `id=${permit.body.id}`,
    'staff:pages-passes/permit/index': `id=${permit.body.id}`,
  };
}

/** A published survey of 锦绣花园 (问卷调查), a customer visit with an issue, a published notice (通知公告). */
async function engageRecords(t: TestApp, d: Desk): Promise<Query> {
  const manager1 = await t.staff('manager1');
  const tpl = (await t.get('/api/staff/engage/survey-template', { token: manager1.accessToken })).body;
  const closeAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const survey = (await t.post('/api/staff/engage/surveys', { ...tpl, communityId: d.room101.communityId, closeAt }, { token: manager1.accessToken })).body;
  await t.post(`/api/staff/engage/surveys/${survey.id}/publish`, { version: survey.version }, { token: manager1.accessToken });
  const visit = await t.post(
    '/api/staff/visits',
    { communityId: d.room101.communityId, roomId: d.room101.id, mode: 'door', issues: [{ kind: 'repair', text: '楼道灯不亮' }] },
    { token: d.supervisor1.accessToken },
  );
  const nt = await t.post(
    '/api/notices',
    { communityId: d.room101.communityId, kind: 'notice', title: '电梯年检通知', body: '本周六上午电梯年检，请走楼梯。', targetKind: 'community' },
    { token: d.manager1.accessToken },
  );
  await t.post(`/api/notices/${nt.body.id}/publish`, { version: nt.body.version }, { token: d.manager1.accessToken });
  return {
    'resident:pages-survey/answer/index': `id=${survey.id}`,
    'staff:pages-survey/results/index': `id=${survey.id}`,
    'staff:pages-survey/edit/index': `communityId=${d.room101.communityId}`,
    'staff:pages-visits/visit/index': `id=${visit.body.id}`,
    'resident:pages-notice/detail/index': `id=${nt.body.id}`,
    'staff:pages-notice/detail/index': `id=${nt.body.id}`,
  };
}
