import { Gen, generateRows, HOUR, NOW, sh } from './reports-rows';
import { TestApp } from './test-app';

/**
 * A generated month for the reports specs: October 2026 (Asia/Shanghai) in a community of its own, written by
 * direct SQL (tickets, clocks, passes, bill lines), with the September before it and a few rows just outside.
 * The expected figures are computed with plain loops over what was generated — never by the report code.
 */
export { HOUR, NOW, OCT, SEP, sh, writtenReplyDue } from './reports-rows';
export type { Gen, GClock, GLine, GPass, GTicket } from './reports-rows';

const sql = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').replace('Z', '') : null);

async function insertRows(t: TestApp, table: string, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 50) {
    const chunk = rows.slice(i, i + 50);
    const cols = Object.keys(chunk[0]);
    await t.query(
      `INSERT INTO ${table} (${cols.join(', ')}) VALUES ${chunk.map(() => `(${cols.map(() => '?').join(', ')})`).join(', ')}`,
      chunk.flatMap((r) => cols.map((c) => r[c])),
    );
  }
}

/** The community (RPTX, 报表花园) with 4 rooms, then September–October's data. */
export async function generate(t: TestApp, companyId = 1): Promise<Gen> {
  const { communityId, roomIds } = await community(t, companyId);
  const g: Gen = { communityId, tickets: [], clocks: [], passes: [], lines: [], notices: [] };
  generateRows(g, roomIds);
  const base = { company_id: companyId, community_id: communityId };
  await writeTicketsAndPasses(t, g, base, roomIds);
  await writeClocksBillsNotices(t, g, base, roomIds);
  return g;
}

type Base = { company_id: number; community_id: number };

async function writeTicketsAndPasses(t: TestApp, g: Gen, base: Base, roomIds: number[]) {
  await insertRows(
    t,
    'tickets',
    g.tickets.map((x) => ({
      ...base,
      id: x.id,
      room_id: roomIds[0],
      kind: x.kind,
      no: `RP-${x.id}`,
      category: x.category,
      status: x.status,
      is_open: x.status === 'confirmed' || x.status === 'submitted' ? 1 : 0,
      tier: x.tier,
      tier_rank: 9,
      description: '报表测试',
      location: '1栋',
      channel: x.channel,
      received_at: sql(x.receivedAt),
      completed_at: sql(x.completedAt),
      return_visit_at: sql(x.returnVisitAt),
      rating: x.rating,
      complaint_class: x.cls,
      created_at: sql(x.receivedAt),
      updated_at: sql(x.receivedAt),
    })),
  );
  await insertRows(
    t,
    'passes',
    g.passes.map((p) => ({
      ...base,
      id: p.id,
      room_id: roomIds[1],
      kind: p.kind,
      status: 'active',
      holder_name: '访客',
      valid_from: sql(p.issuedAt),
      valid_until: sql(new Date(p.issuedAt.getTime() + 24 * HOUR)),
      details_json: '{}',
      issued_at: sql(p.issuedAt),
      created_by: 1,
      created_at: sql(p.issuedAt),
      updated_at: sql(p.issuedAt),
    })),
  );
}

/** Clocks, bill lines, and notices: two published in October, one in September, a draft never published. */
async function writeClocksBillsNotices(t: TestApp, g: Gen, base: Base, roomIds: number[]) {
  await insertRows(
    t,
    'clocks',
    g.clocks.map((c) => ({
      ...base,
      id: c.id,
      subject_type: c.subjectType,
      subject_id: c.subjectId,
      name: c.name,
      state: c.state,
      started_at: sql(c.startedAt),
      due_at: sql(c.dueAt),
      met_at: sql(c.metAt),
      breached: c.breachedFlag ? 1 : 0,
      escalation_level: c.level ?? 0,
    })),
  );
  await insertRows(
    t,
    'bill_lines',
    g.lines.map((l, i) => ({
      ...base,
      id: l.id,
      room_id: roomIds[i % roomIds.length],
      period: l.period,
      source_key: `rpt:${l.id}`,
      name: '物业费',
      payer: 'owner',
      amount_cents: l.amount,
      detail: '{}',
      due_date: l.dueDate,
      late_fee_rate_ppm: 0,
      late_fee_grace_days: 0,
      paid_cents: l.paid,
      waived_cents: l.waived,
      status: l.status,
      created_at: sql(sh(`${l.dueDate} 00:00`)),
      updated_at: sql(sh(`${l.dueDate} 00:00`)),
    })),
  );
  for (const [i, at] of [sh('2026-10-01 00:00'), sh('2026-10-31 23:00'), sh('2026-09-15 09:00'), null].entries()) {
    await t.query(
      `INSERT INTO notices (company_id, community_id, kind, status, title, body, target_kind, pinned, published_at, created_by, created_at, updated_at)
       VALUES (?, ?, 'notice', ?, ?, '报表测试', 'community', 0, ?, 1, ?, ?)`,
      [base.company_id, base.community_id, at ? 'published' : 'draft', `报表公告 ${i}`, sql(at), sql(NOW), sql(NOW)],
    );
    if (at) g.notices.push(at);
  }
}

/** The community (RPTX, 报表花园) with 1栋1单元 and its 4 rooms. */
async function community(t: TestApp, companyId: number): Promise<{ communityId: number; roomIds: number[] }> {
  const one = async (q: string, p: unknown[]) => Number((await t.query(q, p))[0].id);
  const at = '2026-01-01 00:00:00.000';
  await t.query('INSERT INTO communities (company_id, name, code, address, handover_date, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    companyId,
    '报表花园',
    'RPTX',
    '报表路 1 号',
    '2025-01-01',
    at,
  ]);
  const communityId = await one('SELECT id FROM communities WHERE company_id = ? AND code = ?', [companyId, 'RPTX']);
  await t.query('INSERT INTO buildings (company_id, community_id, name) VALUES (?, ?, ?)', [companyId, communityId, '1栋']);
  const buildingId = await one('SELECT id FROM buildings WHERE community_id = ?', [communityId]);
  await t.query('INSERT INTO units (company_id, community_id, building_id, name) VALUES (?, ?, ?, ?)', [companyId, communityId, buildingId, '1单元']);
  const unitId = await one('SELECT id FROM units WHERE building_id = ?', [buildingId]);
  for (const r of ['101', '102', '201', '202'])
    await t.query(
      'INSERT INTO rooms (company_id, community_id, building_id, unit_id, name, label, floor, area_centi, owner_name, owner_phone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [companyId, communityId, buildingId, unitId, r, `1栋1单元${r}`, Number(r[0]), 9000, '报表业主', null, at],
    );
  const roomIds = (await t.query('SELECT id FROM rooms WHERE community_id = ? ORDER BY id', [communityId])).map((r) => Number(r.id));
  return { communityId, roomIds };
}
