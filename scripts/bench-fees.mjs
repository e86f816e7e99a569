#!/usr/bin/env node
// Part of `npm run bench` ([fees] #12): writes bench-results/fees.json.
//  (a) bill run: BENCH_FEE_ROOMS (200,000) rooms × 3 area items through the real worker (POST /api/fees/runs, polled
//      until done; batch size BENCH_FEE_BATCH → BILL_RUN_BATCH_ROOMS) vs a bare mysql2 multi-row INSERT of the same
//      rows (the same shared rule, the same batches, into a copy of bill_lines with the same indexes). Target ≤ 60 s.
//  (b) BENCH_FEE_LINES (10,000,000) bill lines in all, loaded with INSERT … SELECT by period (load rate reported), then
//      the resident's "my unpaid bills" GET /api/fees/bills?roomId= at BENCH_CONNECTIONS (50) for BENCH_DURATION s
//      against a bare node:http + mysql2 server issuing the same SQL (statement counts checked first).
//      Target: ≥ 0.6× the bare server's req/s, p99 ≤ 20 ms.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { CONNECTIONS, DURATION, conn, dbUrlOf, load, root, startBareProcess, startServer } from './bench-lib.mjs';

const shared = createRequire(import.meta.url)(path.join(root, 'shared/dist/index.js'));
const ROOMS = Number(process.env.BENCH_FEE_ROOMS ?? 200_000);
const LINES = Number(process.env.BENCH_FEE_LINES ?? 10_000_000);
const BATCH = Number(process.env.BENCH_FEE_BATCH ?? 2000);
const DB = 'linli_bench_fees';
const PERIOD = '2026-11';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const secs = (ms) => +(ms / 1000).toFixed(1);

/** The SQL the real server issues for GET /api/fees/bills (scope cached): the room with the caller's binding, its open lines. */
const ROOM_SQL = `SELECT r.label, r.community_id, r.company_id, c.name AS community_name,
         (SELECT b.relation FROM room_bindings b WHERE b.room_id = r.id AND b.user_id = ? AND b.status = 'approved' ORDER BY b.id LIMIT 1) AS relation,
         (SELECT JSON_ARRAYAGG(JSON_OBJECT('id', fr.id, 'bill_line_id', fr.bill_line_id, 'kind', fr.kind, 'amount_cents', fr.amount_cents,
             'defer_until', fr.defer_until, 'reason', fr.reason, 'decided_at', fr.decided_at, 'decided_by_name', du.name))
           FROM fee_requests fr JOIN bill_lines bl ON bl.id = fr.bill_line_id LEFT JOIN users du ON du.id = fr.decided_by
           WHERE fr.room_id = r.id AND fr.status = 'approved' AND fr.kind IN ('waive', 'defer') AND bl.status = 'open') AS adjustments_json
       FROM rooms r JOIN communities c ON c.id = r.community_id WHERE r.id = ? AND r.company_id = ?`;
const LINES_SQL = `SELECT l.id, l.room_id, l.period, l.name, l.amount_cents, l.detail, l.due_date, l.late_fee_rate_ppm,
    l.late_fee_grace_days, l.late_fee_cap_percent, l.paid_cents, l.waived_cents, l.status, l.deferred_until
  FROM bill_lines l WHERE l.room_id = ? AND l.status = 'open' ORDER BY l.period ASC, l.id ASC`;

if (process.env.BENCH_FEES_BARE) bare(JSON.parse(process.env.BENCH_FEES_BARE));
else
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });

async function main() {
  if (process.env.BENCH_FEE_REUSE) return reuse();
  const admin = await mysql.createConnection(conn);
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.query(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const dbUrl = dbUrlOf(DB);
  // migrate and seed, then add the rooms and items before the measured server starts
  const first = await startServer({ DB_URL: dbUrl.toString(), SEED_DEMO_BILLS: 'false' });
  first.proc.kill('SIGTERM');
  await new Promise((r) => first.proc.once('exit', r));
  const pool = mysql.createPool({ ...conn, database: DB, connectionLimit: 4, timezone: 'Z', multipleStatements: false });
  const [[c]] = await pool.query("SELECT id, company_id FROM communities WHERE code = 'JXHY'");
  const t0 = Date.now();
  await addRooms(pool, c, ROOMS);
  await addAreaItems(pool, c);
  console.log(`fixtures: ${ROOMS} rooms and 3 area items in ${secs(Date.now() - t0)} s`);

  const server = await startServer({ DB_URL: dbUrl.toString(), SEED_DEMO_BILLS: 'false', TEST_HOOKS: 'true', BILL_RUN_BATCH_ROOMS: String(BATCH) });
  const results = {};
  try {
    const post = (p, body, token) =>
      fetch(server.url + p, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    const get = (p, token) => fetch(server.url + p, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
    const adminUser = await post('/api/auth/staff-login', { username: 'admin', password: 'linli123' });
    const zhangsan = await post('/api/auth/dev-login', { app: 'resident', code: 'zhangsan' });

    // (a) the bill run through the real worker
    const started = Date.now();
    const run = await post('/api/fees/runs', { communityId: c.id, period: PERIOD }, adminUser.accessToken);
    let view = run;
    while (view.status !== 'done') {
      await sleep(250);
      view = await get(`/api/fees/runs/${run.id}`, adminUser.accessToken);
      if (view.lastError) throw new Error(`bill run failed: ${view.lastError}`);
    }
    const runMs = Date.now() - started;
    const bareMs = await bareBillRun(pool, c, run.id);
    results.billRun = {
      rooms: view.totalRooms,
      lines: view.linesCreated,
      batchRooms: BATCH,
      linliS: secs(runMs),
      bareS: secs(bareMs),
      linliLinesPerS: Math.round(view.linesCreated / (runMs / 1000)),
      ratio: +(bareMs / runMs).toFixed(2),
      targetS: 60,
    };
    console.log('bill run:', results.billRun);

    // (b) the ledger at BENCH_FEE_LINES lines, then "my unpaid bills"
    results.load = await loadLines(pool);
    console.log('load:', results.load);
    const roomId = zhangsan.me.currentRoomId;
    const bareSrv = await startBare(dbUrl, { userId: zhangsan.me.id, companyId: c.company_id });
    const counts = await checkStatements(server.url, bareSrv.url, zhangsan.accessToken, roomId);
    const l = await load(`${server.url}/api/fees/bills?roomId=${roomId}`, 'GET', zhangsan.accessToken);
    const b = await load(`${bareSrv.url}/bills?roomId=${roomId}`);
    results.unpaidBills = {
      lines: results.load.lines,
      openLinesOfRoom: counts.open,
      statements: counts,
      linli: l,
      bare: b,
      ratio: +(l.rps / b.rps).toFixed(2),
      target: { ratio: 0.6, p99Ms: 20 },
    };
    await bareSrv.close();
    report(results);
  } finally {
    server.proc.kill('SIGTERM');
    await pool.end();
  }
}

/** BENCH_FEE_REUSE=1: (b) only, on the database a previous run left (its lines already loaded). */
async function reuse() {
  const dbUrl = dbUrlOf(DB);
  const pool = mysql.createPool({ ...conn, database: DB, connectionLimit: 4, timezone: 'Z' });
  const [[{ n }]] = await pool.query('SELECT COUNT(*) AS n FROM bill_lines');
  await pool.end();
  const server = await startServer({ DB_URL: dbUrl.toString(), SEED_DEMO_BILLS: 'false', TEST_HOOKS: 'true' });
  try {
    const r = await fetch(`${server.url}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app: 'resident', code: 'zhangsan' }),
    });
    const zhangsan = await r.json();
    const bareSrv = await startBare(dbUrl, { userId: zhangsan.me.id, companyId: 1 });
    const roomId = zhangsan.me.currentRoomId;
    const counts = await checkStatements(server.url, bareSrv.url, zhangsan.accessToken, roomId);
    const l = await load(`${server.url}/api/fees/bills?roomId=${roomId}`, 'GET', zhangsan.accessToken);
    const b = await load(`${bareSrv.url}/bills?roomId=${roomId}`);
    await bareSrv.close();
    console.log(`my unpaid bills at ${n} lines (${counts.open} open), ${CONNECTIONS} connections, ${DURATION} s:`);
    console.log(`  linli ${l.rps} req/s p50 ${l.p50} p99 ${l.p99}   bare ${b.rps} req/s p50 ${b.p50} p99 ${b.p99}   ratio ${(l.rps / b.rps).toFixed(2)}`);
  } finally {
    server.proc.kill('SIGTERM');
  }
}

/** ROOMS rooms in buildings of 1,000 (one unit each), areas 60–160 ㎡. */
async function addRooms(pool, c, n) {
  const now = new Date().toISOString().replace('T', ' ').replace('Z', '');
  const per = 1000;
  for (let b = 0; b * per < n; b++) {
    const name = `压测${String(b + 1).padStart(3, '0')}栋`;
    const [rb] = await pool.query('INSERT INTO buildings (company_id, community_id, name) VALUES (?, ?, ?)', [c.company_id, c.id, name]);
    const [ru] = await pool.query("INSERT INTO units (company_id, community_id, building_id, name) VALUES (?, ?, ?, '1单元')", [
      c.company_id,
      c.id,
      rb.insertId,
    ]);
    const rows = [];
    for (let k = 0; k < Math.min(per, n - b * per); k++) {
      const room = String(k + 1).padStart(4, '0');
      rows.push([c.company_id, c.id, rb.insertId, ru.insertId, room, `${name}1单元${room}`, 1 + Math.floor(k / 40), 6000 + ((k * 37) % 10000), now]);
    }
    await pool.query('INSERT INTO rooms (company_id, community_id, building_id, unit_id, name, label, floor, area_centi, created_at) VALUES ?', [rows]);
  }
}

/** Two more area items next to 物业服务费 (the seed's), so a run bills 3 lines a room. */
async function addAreaItems(pool, c) {
  const [[item]] = await pool.query("SELECT * FROM fee_items WHERE community_id = ? AND name = '物业服务费'", [c.id]);
  for (const [name, price] of [
    ['电梯运行费', 3500],
    ['公共能耗分摊', 1200],
  ]) {
    const row = { ...item, name, price_e4: price };
    delete row.id;
    for (const [k, v] of Object.entries(row)) if (v !== null && typeof v === 'object' && !(v instanceof Date)) row[k] = JSON.stringify(v);
    await pool.query('INSERT INTO fee_items SET ?', [row]);
  }
}

/** The same lines by hand: the shared rule, the same batches, one multi-row INSERT IGNORE per batch, into a copy table. */
async function bareBillRun(pool, c, runId) {
  await pool.query('DROP TABLE IF EXISTS bill_lines_bare');
  await pool.query('CREATE TABLE bill_lines_bare LIKE bill_lines');
  const [items] = await pool.query('SELECT * FROM fee_items WHERE community_id = ? AND active = 1', [c.id]);
  const billable = items
    .map((i) => ({
      id: i.id,
      name: i.name,
      kind: i.kind,
      periodUnit: i.period_unit,
      priceE4: i.price_e4 === null ? null : Number(i.price_e4),
      amountCents: i.amount_cents === null ? null : Number(i.amount_cents),
      dueDay: i.due_day,
      startsOn: i.starts_on,
      row: i,
    }))
    .filter((i) => shared.runItemProblem(i, PERIOD) === null);
  const t0 = Date.now();
  const db = await pool.getConnection();
  try {
    let last = 0;
    for (;;) {
      const [rooms] = await db.query('SELECT id, label, area_centi FROM rooms WHERE community_id = ? AND id > ? ORDER BY id LIMIT ?', [c.id, last, BATCH]);
      if (!rooms.length) break;
      const now = new Date();
      const values = [];
      for (const i of billable)
        for (const r of rooms) {
          const d = shared.billLineFor(i, { id: r.id, label: r.label, areaCenti: r.area_centi }, PERIOD);
          if ('problem' in d) continue;
          const x = i.row;
          values.push([
            c.company_id,
            c.id,
            r.id,
            i.id,
            PERIOD,
            d.sourceKey,
            i.name,
            x.payer,
            d.amountCents,
            JSON.stringify(d.detail),
            d.dueDate,
            x.late_fee_rate_ppm,
            x.late_fee_grace_days,
            x.late_fee_cap_percent,
            0,
            0,
            0,
            'open',
            runId,
            1,
            now,
            now,
          ]);
        }
      await db.beginTransaction();
      if (values.length)
        await db.query(
          `INSERT IGNORE INTO bill_lines_bare (company_id, community_id, room_id, fee_item_id, period, source_key, name, payer, amount_cents, detail, due_date,
             late_fee_rate_ppm, late_fee_grace_days, late_fee_cap_percent, paid_cents, late_fee_paid_cents, waived_cents, status, run_id, version, created_at, updated_at) VALUES ?`,
          [values],
        );
      await db.query('UPDATE bill_runs SET done_rooms = done_rooms WHERE id = ?', [runId]);
      await db.commit();
      last = rooms[rooms.length - 1].id;
    }
  } finally {
    db.release();
  }
  const ms = Date.now() - t0;
  await pool.query('DROP TABLE bill_lines_bare');
  return ms;
}

/**
 * Fills bill_lines up to LINES with earlier periods, one INSERT … SELECT of the billed period's lines per period:
 * everything before the last three months paid, those three open (so a room has 9 open lines, 3 of them not yet due).
 */
async function loadLines(pool) {
  const [[{ n: start }]] = await pool.query('SELECT COUNT(*) AS n FROM bill_lines');
  const perPeriod = Number(start);
  const t0 = Date.now();
  let total = perPeriod;
  for (let back = 1; total < LINES && back < 600; back++) {
    const d = new Date(Date.UTC(2026, 10 - back, 1));
    const p = d.toISOString().slice(0, 7);
    const open = back <= 2;
    const limit = Math.min(perPeriod, LINES - total);
    await pool.query(
      `INSERT INTO bill_lines (company_id, community_id, room_id, fee_item_id, period, source_key, name, payer, amount_cents, detail, due_date,
         late_fee_rate_ppm, late_fee_grace_days, late_fee_cap_percent, paid_cents, late_fee_paid_cents, waived_cents, status, run_id, version, created_at, updated_at)
       SELECT company_id, community_id, room_id, fee_item_id, ?, CONCAT('item:', fee_item_id, ':', ?), name, payer, amount_cents, detail, ?,
         late_fee_rate_ppm, late_fee_grace_days, late_fee_cap_percent, ${open ? '0' : 'amount_cents'}, 0, 0, ?, NULL, 1, created_at, updated_at
       FROM bill_lines WHERE period = ? ORDER BY id LIMIT ?`,
      [p, p, `${p}-15`, open ? 'open' : 'paid', PERIOD, limit],
    );
    total += limit;
  }
  const ms = Date.now() - t0;
  await pool.query('ANALYZE TABLE bill_lines');
  const [[{ n }]] = await pool.query('SELECT COUNT(*) AS n FROM bill_lines');
  return { lines: Number(n), loaded: Number(n) - perPeriod, seconds: secs(ms), rowsPerS: Math.round((Number(n) - perPeriod) / (ms / 1000)) };
}

/** Both servers once (twice: the second with the scope cached, as under load): as many statements, the same open lines. */
async function checkStatements(linliUrl, bareUrl, token, roomId) {
  let l, lb, b, bb;
  for (let i = 0; i < 2; i++) {
    l = await fetch(`${linliUrl}/api/fees/bills?roomId=${roomId}`, { headers: { authorization: `Bearer ${token}` } });
    lb = await l.json();
    b = await fetch(`${bareUrl}/bills?roomId=${roomId}`);
    bb = await b.json();
  }
  const counts = { linli: Number(l.headers.get('x-sql-statements')), bare: Number(b.headers.get('x-sql-statements')), open: lb.open.length };
  console.log(`my unpaid bills: statements linli ${counts.linli} vs bare ${counts.bare}; open lines ${lb.open.length} vs ${bb.open.length}`);
  if (counts.linli !== counts.bare) throw new Error('STATEMENT COUNT MISMATCH: update the bare server in scripts/bench-fees.mjs');
  if (JSON.stringify(lb) !== JSON.stringify(bb)) {
    const a = JSON.stringify(lb, null, 1).split('\n');
    const z = JSON.stringify(bb, null, 1).split('\n');
    const i = a.findIndex((line, k) => line !== z[k]);
    throw new Error(
      `the bare server answers something else than the real one, from line ${i}:\n linli ${a.slice(i, i + 3).join(' ')}\n bare  ${z.slice(i, i + 3).join(' ')}`,
    );
  }
  return counts;
}

function report(r) {
  const a = r.billRun;
  const u = r.unpaidBills;
  console.log(`\n(a) bill run, ${a.rooms} rooms × 3 area items = ${a.lines} lines, batches of ${a.batchRooms} rooms (target ≤ ${a.targetS} s)`);
  console.log(`    linli worker ${a.linliS} s (${a.linliLinesPerS} lines/s)   bare mysql2 INSERT ${a.bareS} s   ratio (bare time ÷ linli time) ${a.ratio}`);
  console.log(`(b) load: ${r.load.loaded} lines in ${r.load.seconds} s (${r.load.rowsPerS} rows/s), ${r.load.lines} bill lines in all`);
  console.log(`    my unpaid bills (${u.openLinesOfRoom} open lines), ${CONNECTIONS} connections, ${DURATION} s, ${u.statements.linli} statements each:`);
  console.log('    server                          req/s    p50 ms  p99 ms  non-2xx  ratio');
  for (const [name, x, ratio] of [
    ['linli (Nest+fastify+TypeORM)', u.linli, u.ratio],
    ['bare node:http + mysql2', u.bare, 1],
  ])
    console.log(
      `    ${name.padEnd(31)} ${String(x.rps).padStart(6)}  ${String(x.p50).padStart(6)}  ${String(x.p99).padStart(6)}  ${String(x.non2xx).padStart(7)}  ${ratio.toFixed(2)}`,
    );
  fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'bench-results/fees.json'),
    JSON.stringify({ at: new Date().toISOString(), connections: CONNECTIONS, durationS: DURATION, ...r }, null, 2),
  );
  console.log('\nwritten to bench-results/fees.json');
}

async function startBare(dbUrl, who) {
  const { proc, url } = await startBareProcess(fileURLToPath(import.meta.url), 'BENCH_FEES_BARE', { conn, db: dbUrl.pathname.slice(1), ...who });
  return { url, close: async () => proc.kill('SIGTERM') };
}

/** The baseline: node:http + a mysql2 pool, the same two statements, the same view (shared's rules) as JSON. */
function bare({ conn: c, db, userId, companyId }) {
  const pool = mysql.createPool({ ...c, database: db, connectionLimit: 10, timezone: 'Z' });
  const srv = http.createServer(async (req, res) => {
    try {
      const u = new URL(req.url, 'http://x');
      const roomId = Number(u.searchParams.get('roomId'));
      const [[room]] = await pool.query(ROOM_SQL, [userId, roomId, companyId]);
      if (!room) {
        res.writeHead(404).end();
        return;
      }
      let sql = LINES_SQL;
      if (room.relation === 'tenant') sql = sql.replace(' ORDER BY', " AND l.payer = 'occupant' ORDER BY");
      const [rows] = await pool.query(sql, [roomId]);
      const asOf = shared.shanghaiDate(new Date());
      const adjustments = typeof room.adjustments_json === 'string' ? JSON.parse(room.adjustments_json) : (room.adjustments_json ?? []);
      const open = rows.map((r) => bareLineView(r, asOf, adjustments));
      const body = JSON.stringify({
        roomId,
        roomLabel: room.label,
        communityName: room.community_name,
        open,
        totalOpenCents: open.reduce((s, l) => s + l.openCents + l.lateFeeCents, 0),
        asOf,
      });
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-sql-statements': '2' }).end(body);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  srv.listen(0, '127.0.0.1', () => console.log(`BARE_LISTENING http://127.0.0.1:${srv.address().port}`));
}

/** What bills.service's billLineView computes, over the raw row. */
function bareLineView(r, asOf, adjustments) {
  const l = {
    amountCents: Number(r.amount_cents),
    paidCents: Number(r.paid_cents),
    waivedCents: Number(r.waived_cents),
    dueDate: r.due_date,
    deferredUntil: r.deferred_until,
  };
  const rule = { dailyRatePpm: r.late_fee_rate_ppm, graceDays: r.late_fee_grace_days, capPercent: r.late_fee_cap_percent };
  const { principalCents, late } = shared.openAmounts(l, rule, asOf);
  const charged = r.status === 'open' && late.cents > 0;
  const d = typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail;
  const basis =
    d.areaE2 !== undefined
      ? `${shared.formatE2(Number(d.areaE2))} ㎡ × ${shared.formatPriceE4(Number(d.priceE4))} 元/㎡·月 × ${d.months} 个月`
      : d.amountCents !== undefined
        ? `定额 ${shared.formatYuan(Number(d.amountCents))}`
        : '';
  return {
    id: r.id,
    roomId: r.room_id,
    period: r.period,
    periodLabel: shared.periodLabel(r.period),
    name: r.name,
    amountCents: l.amountCents,
    paidCents: l.paidCents,
    waivedCents: l.waivedCents,
    openCents: r.status === 'open' ? principalCents : 0,
    dueDate: r.due_date,
    overdue: r.status === 'open' && asOf > shared.effectiveDueDate(l),
    deferredUntil: r.deferred_until,
    lateFeeCents: charged ? late.cents : 0,
    lateFeeFormula: charged ? late.formula : null,
    basis,
    status: r.status,
    adjustments: adjustments
      .filter((a) => Number(a.bill_line_id) === Number(r.id))
      .sort((x, y) => x.id - y.id)
      .map((a) => ({
        kind: a.kind,
        amountCents: a.amount_cents,
        deferUntil: a.defer_until,
        reason: a.reason,
        decidedByName: a.decided_by_name ?? null,
        decidedAt: new Date(`${String(a.decided_at).replace(' ', 'T')}Z`).toISOString(),
      })),
  };
}
