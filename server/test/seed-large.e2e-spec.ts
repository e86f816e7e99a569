import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { LoginResponse, MonthlyReportView } from '@linli/shared';
import { createTestDb, TestDb } from './helpers/test-db';
import { TestApp } from './helpers/test-app';

const run = promisify(execFile);
const SCALE = { communities: 2, rooms: 40, tickets: 400, lines: 800 };
const UNTIL = '2026-11-20T06:00:00Z';

/**
 * `npm run seed:large` at a tiny scale on a fresh, migrated and demo-seeded database: the counts asked for, rows
 * that refer to rows that exist (in the same community), the ledger balanced, the tickets' list columns agreeing with
 * their clocks — and the real server opening the generated data for the demo manager.
 */
(process.env.TEST_DB === 'mysql' ? describe : describe.skip)(
  'seed:large (MariaDB only: the generator bulk-loads over mysql2 connections; skipped on SQLite)',
  () => {
    let db: TestDb;
    let t: TestApp | undefined;
    let summary: { perTable: Record<string, number>; rows: number };
    let g: number[];
    const one = async (sql: string, params: unknown[] = []) => Number(Object.values((await db.query(sql, params))[0])[0]);
    const inG = () => g.join(',');

    beforeAll(async () => {
      db = await createTestDb();
      // the real migrations and the demo seed, then the generator on top (--keep: this database, --no-migrate: done)
      await (await TestApp.start({}, db)).stop();
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'seed-large-')), 'seed-large.json');
      const args = ['scripts/seed-large.mjs', '--db-url', db.env.DB_URL, '--keep', '--no-migrate', '--seed', '7', '--until', UNTIL, '--out', out];
      for (const [k, v] of Object.entries(SCALE)) args.push(`--${k}`, String(v));
      await run(process.execPath, args, { cwd: process.cwd(), timeout: 120_000 });
      summary = JSON.parse(fs.readFileSync(out, 'utf8'));
      g = (await db.query("SELECT id FROM communities WHERE code LIKE 'G%' ORDER BY id")).map((r) => Number(r.id));
    }, 240_000);
    afterAll(async () => {
      if (t) await t.close();
      else await db?.drop();
    });

    it('writes the scale asked for, and the summary counts what is in the tables', async () => {
      expect(g).toHaveLength(SCALE.communities);
      expect(await one(`SELECT COUNT(*) FROM rooms WHERE community_id IN (${inG()})`)).toBe(SCALE.rooms);
      expect(await one(`SELECT COUNT(*) FROM tickets WHERE community_id IN (${inG()})`)).toBe(SCALE.tickets);
      expect(await one(`SELECT COUNT(*) FROM bill_lines WHERE community_id IN (${inG()})`)).toBe(SCALE.lines);
      expect(summary.perTable.tickets).toBe(SCALE.tickets);
      expect(await one(`SELECT COUNT(*) FROM clocks WHERE community_id IN (${inG()})`)).toBe(summary.perTable.clocks);
      expect(summary.perTable.ticket_events).toBeGreaterThan(3 * SCALE.tickets);
      expect(await one(`SELECT COUNT(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.community_id IN (${inG()})`)).toBe(
        summary.perTable.ticket_events,
      );
      expect(await one(`SELECT COUNT(DISTINCT kind) FROM tickets WHERE community_id IN (${inG()})`)).toBe(5);
      // the demo company is still the demo's
      expect(await one("SELECT COUNT(*) FROM users WHERE username IN ('admin', 'manager1', 'agent1')")).toBe(3);
    });

    it('every reference points at a row that exists, in the same community; unique keys hold (they were not checked during the load)', async () => {
      const zero = [
        'SELECT COUNT(*) FROM rooms r LEFT JOIN units u ON u.id = r.unit_id AND u.building_id = r.building_id AND u.community_id = r.community_id WHERE u.id IS NULL',
        'SELECT COUNT(*) FROM room_bindings b LEFT JOIN rooms r ON r.id = b.room_id AND r.community_id = b.community_id LEFT JOIN users u ON u.id = b.user_id WHERE r.id IS NULL OR u.id IS NULL',
        'SELECT COUNT(*) FROM tickets t LEFT JOIN rooms r ON r.id = t.room_id AND r.community_id = t.community_id WHERE t.room_id IS NOT NULL AND r.id IS NULL',
        "SELECT COUNT(*) FROM tickets t WHERE t.reporter_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM room_bindings b WHERE b.user_id = t.reporter_id AND b.community_id = t.community_id AND b.status = 'approved')",
        'SELECT COUNT(*) FROM tickets t WHERE t.assignee_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM staff_communities s WHERE s.user_id = t.assignee_id AND s.community_id = t.community_id)',
        'SELECT COUNT(*) FROM tickets t WHERE t.owner_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM staff_communities s WHERE s.user_id = t.owner_id AND s.community_id = t.community_id)',
        "SELECT COUNT(*) FROM clocks c LEFT JOIN tickets t ON t.id = c.subject_id AND t.community_id = c.community_id WHERE c.subject_type = 'ticket' AND t.id IS NULL",
        'SELECT COUNT(*) FROM ticket_events e LEFT JOIN tickets t ON t.id = e.ticket_id WHERE t.id IS NULL',
        "SELECT COUNT(*) FROM complaint_records c LEFT JOIN tickets t ON t.id = c.ticket_id AND t.kind = 'complaint' WHERE t.id IS NULL",
        // the class duties are recorded before a complaint is resolved (stepsRequiredBeforeResolve)
        "SELECT COUNT(*) FROM tickets t WHERE t.kind = 'complaint' AND t.completed_at IS NOT NULL AND t.complaint_class = 2 AND NOT EXISTS (SELECT 1 FROM complaint_records c WHERE c.ticket_id = t.id AND c.type = 'developer_contact' AND c.at < t.completed_at)",
        "SELECT COUNT(*) FROM tickets t WHERE t.kind = 'complaint' AND t.completed_at IS NOT NULL AND t.complaint_class = 3 AND (SELECT COUNT(DISTINCT c.type) FROM complaint_records c WHERE c.ticket_id = t.id AND c.type IN ('coordinator', 'authority_report') AND c.at < t.completed_at) < 2",
        "SELECT COUNT(*) FROM ticket_events e LEFT JOIN ticket_replies r ON r.id = JSON_VALUE(e.payload, '$.replyId') AND r.ticket_id = e.ticket_id WHERE e.type = 'replied' AND r.id IS NULL",
        'SELECT COUNT(*) FROM bill_lines l LEFT JOIN rooms r ON r.id = l.room_id AND r.community_id = l.community_id LEFT JOIN fee_items f ON f.id = l.fee_item_id AND f.community_id = l.community_id WHERE r.id IS NULL OR (l.fee_item_id IS NOT NULL AND f.id IS NULL)',
        'SELECT COUNT(*) FROM payment_allocations a LEFT JOIN payments p ON p.id = a.payment_id LEFT JOIN bill_lines l ON l.id = a.bill_line_id AND l.room_id = p.room_id WHERE p.id IS NULL OR l.id IS NULL',
        'SELECT COUNT(*) FROM payments p LEFT JOIN staff_communities s ON s.user_id = p.cashier_id AND s.community_id = p.community_id WHERE p.cashier_id IS NOT NULL AND s.user_id IS NULL',
        'SELECT COUNT(*) - COUNT(DISTINCT community_id, no) FROM tickets',
        'SELECT COUNT(*) - COUNT(DISTINCT room_id, source_key) FROM bill_lines',
        'SELECT COUNT(*) - COUNT(DISTINCT subject_type, subject_id, name) FROM clocks',
        'SELECT COUNT(*) - COUNT(DISTINCT company_id, receipt_no) FROM payments',
        'SELECT COUNT(*) - COUNT(DISTINCT username) FROM users WHERE username IS NOT NULL',
        'SELECT COUNT(*) - COUNT(DISTINCT unit_id, name) FROM rooms',
        // the next number of a day continues after the generated ones
        "SELECT COUNT(*) FROM tickets t LEFT JOIN ticket_counters c ON c.community_id = t.community_id AND c.prefix = SUBSTRING_INDEX(t.no, '-', 1) AND c.day = SUBSTRING(t.no, 4, 8) WHERE c.seq IS NULL OR c.seq < CAST(SUBSTRING_INDEX(t.no, '-', -1) AS UNSIGNED)",
        "SELECT COUNT(*) FROM payments p LEFT JOIN receipt_counters c ON c.company_id = p.company_id AND c.day = SUBSTRING(p.receipt_no, 4, 8) WHERE c.last_no IS NULL OR c.last_no < CAST(SUBSTRING_INDEX(p.receipt_no, '-', -1) AS UNSIGNED)",
      ];
      for (const sql of zero) expect([sql, await one(sql)]).toEqual([sql, 0]);
    });

    it('balances the ledger: allocations sum to each line’s paid amount and to each payment; paid lines are paid in full', async () => {
      const zero = [
        `SELECT COUNT(*) FROM bill_lines l WHERE l.community_id IN (${inG()}) AND l.paid_cents <> (SELECT COALESCE(SUM(a.principal_cents), 0) FROM payment_allocations a WHERE a.bill_line_id = l.id)`,
        `SELECT COUNT(*) FROM payments p WHERE p.community_id IN (${inG()}) AND p.amount_cents <> (SELECT SUM(a.principal_cents) FROM payment_allocations a WHERE a.payment_id = p.id)`,
        `SELECT COUNT(*) FROM bill_lines WHERE community_id IN (${inG()}) AND (status = 'paid') <> (paid_cents = amount_cents)`,
      ];
      for (const sql of zero) expect([sql, await one(sql)]).toEqual([sql, 0]);
      const [s] = await db.query(
        `SELECT SUM(status = 'paid') AS paid, SUM(status = 'open' AND paid_cents > 0) AS partly, SUM(status = 'open' AND paid_cents = 0) AS open FROM bill_lines WHERE community_id IN (${inG()})`,
      );
      expect(Number(s.paid)).toBeGreaterThan(0);
      expect(Number(s.open)).toBeGreaterThan(0);
    });

    it('tickets agree with their clocks (breached flag, next due time, open state) and some clocks are breached and escalated', async () => {
      const until = UNTIL.replace('T', ' ').replace('Z', '');
      const zero = [
        `SELECT COUNT(*) FROM tickets t WHERE t.community_id IN (${inG()}) AND t.breached <> EXISTS (SELECT 1 FROM clocks c WHERE c.subject_type = 'ticket' AND c.subject_id = t.id AND c.breached = 1)`,
        `SELECT COUNT(*) FROM tickets t WHERE t.community_id IN (${inG()}) AND NOT (t.sla_due_at <=> (SELECT MIN(c.due_at) FROM clocks c WHERE c.subject_type = 'ticket' AND c.subject_id = t.id AND c.state = 'running'))`,
        `SELECT COUNT(*) FROM tickets WHERE community_id IN (${inG()}) AND is_open <> (status NOT IN ('closed', 'cancelled'))`,
        // 首问负责: a replied desk ticket has an owner
        `SELECT COUNT(*) FROM tickets WHERE community_id IN (${inG()}) AND kind <> 'repair' AND status IN ('resolved', 'confirmed', 'closed') AND owner_id IS NULL`,
        `SELECT COUNT(*) FROM clocks WHERE community_id IN (${inG()}) AND breached <> ((state = 'met' AND met_at > due_at) OR (state = 'running' AND due_at < '${until}'))`,
        `SELECT COUNT(*) FROM tickets WHERE community_id IN (${inG()}) AND (received_at > '${until}' OR updated_at > '${until}')`,
        `SELECT COUNT(*) FROM tickets WHERE community_id IN (${inG()}) AND kind = 'repair' AND status NOT IN ('submitted', 'cancelled') AND (tier IS NULL OR accepted_at IS NULL)`,
      ];
      for (const sql of zero) expect([sql, await one(sql)]).toEqual([sql, 0]);
      expect(await one(`SELECT COUNT(*) FROM clocks WHERE community_id IN (${inG()}) AND breached = 1 AND escalation_level > 0`)).toBeGreaterThan(0);
      expect(
        await one(`SELECT COUNT(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.community_id IN (${inG()}) AND e.type = 'clock_breached'`),
      ).toBeGreaterThan(0);
      expect(await one(`SELECT COUNT(*) FROM tickets WHERE community_id IN (${inG()}) AND rating IS NOT NULL AND status = 'closed'`)).toBeGreaterThan(0);
    });

    it('the real server opens the generated data: the demo manager reads a repair, a complaint, the repairs inbox and a room’s bills', async () => {
      t = await TestApp.start({}, db);
      const manager: LoginResponse = await t.staff('manager1');
      const token = manager.accessToken;
      const [repair] = await t.query(
        `SELECT id, no, community_id FROM tickets WHERE community_id = ? AND kind = 'repair' AND status = 'closed' ORDER BY id LIMIT 1`,
        [g[0]],
      );
      const r = await t.get(`/api/repairs/${repair.id}`, { token });
      expect([r.status, r.body.no]).toEqual([200, repair.no]);
      const [complaint] = await t.query(
        `SELECT id, no FROM tickets WHERE community_id = ? AND kind = 'complaint' AND status = 'closed' ORDER BY complaint_class DESC, id LIMIT 1`,
        [g[0]],
      );
      const c = await t.get(`/api/complaints/${complaint.id}`, { token });
      expect([c.status, c.body.no]).toEqual([200, complaint.no]);
      const inbox = await t.get(`/api/staff/repairs?communityId=${g[0]}`, { token });
      expect(inbox.status).toBe(200);
      expect(inbox.body.items.length).toBeGreaterThan(0);
      const [room] = await t.query(
        `SELECT room_id, COUNT(*) AS n FROM bill_lines WHERE community_id = ? AND status = 'open' GROUP BY room_id ORDER BY n DESC, room_id LIMIT 1`,
        [g[1]],
      );
      const bills = await t.get(`/api/fees/bills?roomId=${room.room_id}`, { token });
      expect([bills.status, bills.body.open.length]).toEqual([200, Number(room.n)]);
      // the generated staff log in with the demo password
      const agent = await t.staff('g001-agent1');
      expect((await t.get(`/api/repairs/${repair.id}`, { token: agent.accessToken })).status).toBe(200);
    });

    it('loads with the roll-ups’ change-log triggers off and back on after; the roll-ups built over the generated months equal the live report', async () => {
      const app = t!;
      expect(await one('SELECT COUNT(*) FROM report_dirty')).toBe(0);
      expect(await one("SELECT COUNT(*) FROM information_schema.triggers WHERE trigger_schema = DATABASE() AND trigger_name LIKE 'trg_report_dirty_%'")).toBe(
        12,
      );
      const token = (await app.staff('manager1')).accessToken;
      const months = ['2026-08', '2026-09', '2026-10', '2026-11'];
      const view = async (m: string) => {
        const r = await app.get<MonthlyReportView>(`/api/reports/monthly?period=${m}`, { token });
        expect(r.status).toBe(200);
        return { ...r.body, generatedAt: null, rolledUpAt: null };
      };
      const live = [];
      for (const m of months) live.push(await view(m));
      expect(live[3].figures.find((f) => f.key === 'repairs.total')!.value).toBeGreaterThan(0);
      type Run = { builtThrough: string | null; monthsBuilt: number };
      let run: Run = { builtThrough: null, monthsBuilt: 1 };
      for (let i = 0; i < 12 && run.monthsBuilt > 0; i++) run = (await app.post<Run>('/api/test/jobs/report-rollups', {})).body;
      expect(run.builtThrough! >= '2026-11').toBe(true);
      for (const [i, m] of months.entries()) expect({ m, v: await view(m) }).toEqual({ m, v: live[i] });
    });
  },
);
