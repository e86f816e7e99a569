#!/usr/bin/env node
// `npm run seed:large` ([reports] #16): a realistic large company on MariaDB for the reports and their benchmark.
// Creates the database (unless --keep), lets the real server migrate it and seed the demo (company 1), then adds
// --communities communities with --rooms rooms (places, staff, residents and bindings), --tickets tickets over the
// 24 months before --until (repairs and the complaints desk's four kinds, with clocks, timeline events, replies and
// number counters) and --lines bill lines (two area items a month per room, with payments and allocations) to
// company 1, through multi-row INSERTs over --connections connections. Deterministic for a given --seed and --until.
// Prints progress on stderr and a summary; writes bench-results/seed-large.json.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { root, startServer } from './bench-lib.mjs';
import { Writer } from './seed-large/writer.mjs';
import { rng } from './seed-large/rng.mjs';
import { PLACE_TABLES, STAFF_PLAN, generatePlaces } from './seed-large/places.mjs';
import { PER_TICKET, TICKET_TABLES, generateTickets } from './seed-large/tickets.mjs';
import { BILL_TABLES, generateBills } from './seed-large/bills.mjs';
import { Progress } from './seed-large/progress.mjs';

const shared = createRequire(import.meta.url)(path.join(root, 'shared/dist/index.js'));
const rollupTriggers = createRequire(import.meta.url)(path.join(root, 'server/dist/reports/rollup/rollup-triggers.js'));
// the working calendar of the written-reply clock: China's statutory holidays as shipped (no company overrides)
const S = { ...shared, calendar: shared.cnWorkingCalendar() };
const COMPANY_ID = 1;
const MONTH_MS = 30.44 * 86_400_000;

const { values: a } = parseArgs({
  options: {
    'db-url': { type: 'string', default: process.env.SEED_DB_URL ?? 'mysql://root@127.0.0.1:3306/linli_large' },
    communities: { type: 'string', default: process.env.SEED_COMMUNITIES ?? '200' },
    rooms: { type: 'string', default: process.env.SEED_ROOMS ?? '200000' },
    tickets: { type: 'string', default: process.env.SEED_TICKETS ?? '2000000' },
    lines: { type: 'string', default: process.env.SEED_LINES ?? '10000000' },
    seed: { type: 'string', default: process.env.SEED_SEED ?? '1' },
    until: { type: 'string', default: process.env.SEED_UNTIL },
    months: { type: 'string', default: process.env.SEED_MONTHS ?? '24' },
    batch: { type: 'string', default: process.env.SEED_BATCH ?? '5000' },
    connections: { type: 'string', default: process.env.SEED_CONNECTIONS ?? '3' },
    via: { type: 'string', default: process.env.SEED_VIA ?? 'load' },
    keep: { type: 'boolean', default: false },
    'no-migrate': { type: 'boolean', default: false },
    out: { type: 'string', default: path.join(root, 'bench-results/seed-large.json') },
  },
});
const num = (k) => {
  const n = Number(a[k]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${k} must be a whole number, got ${a[k]}`);
  return n;
};

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

async function main() {
  const opts = {
    communities: Math.max(1, num('communities')),
    rooms: num('rooms'),
    tickets: num('tickets'),
    lines: num('lines'),
    seed: num('seed'),
    // default: the last full hour, so that two runs the same hour are identical
    until: a.until ? Date.parse(a.until) : Math.floor(Date.now() / 3_600_000) * 3_600_000,
  };
  if (Number.isNaN(opts.until)) throw new Error(`--until: not a date: ${a.until}`);
  if (opts.rooms < opts.communities) throw new Error('--rooms must be at least --communities');
  opts.since = opts.until - num('months') * MONTH_MS;
  const url = new URL(a['db-url'].replace(/^mariadb:/, 'mysql:'));
  const database = decodeURIComponent(url.pathname.slice(1));
  const conn = { host: url.hostname, port: Number(url.port || 3306), user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  console.error(
    `seed:large → ${url.host}/${database}: ${opts.communities} communities, ${opts.rooms} rooms, ${opts.tickets} tickets, ${opts.lines} bill lines, seed ${opts.seed}, until ${new Date(opts.until).toISOString()}`,
  );
  const t0 = Date.now();
  if (!a.keep) {
    const admin = await mysql.createConnection(conn);
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    await admin.end();
  }
  if (!a['no-migrate']) await migrateAndSeedDemo(url);
  const pool = mysql.createPool({ ...conn, database, connectionLimit: num('connections'), timezone: 'Z', dateStrings: true });
  // the rows are written consistent by construction, with explicit ids: no per-row checks during the load
  pool.on('connection', (c) => c.query('SET SESSION foreign_key_checks = 0, unique_checks = 0'));
  try {
    // the report roll-ups' change-log triggers would log every loaded row: off during the load, and the job's next
    // run rebuilds every month from scratch instead
    const triggers = rollupTriggers.rollupTriggers('mysql');
    for (const tr of triggers) await pool.query(rollupTriggers.dropTrigger(tr.name));
    const result = await load(pool, opts, t0);
    for (const tr of triggers) await pool.query(tr.sql);
    await pool.query('DELETE FROM report_dirty');
    await pool.query('UPDATE report_rollup_state SET built_through = NULL, lease_until = NULL WHERE id = 1');
    report(result, opts);
  } finally {
    await pool.end();
  }
}

/** The real migrations and the demo seed, as `npm start` does them: the server once, stopped when it listens. */
async function migrateAndSeedDemo(url) {
  const s = await startServer({ DB_URL: url.toString(), JOB_INTERVAL_SECONDS: '0', NOTIFY_INTERVAL_MS: '0', SLA_SWEEP_INTERVAL_MS: '0' });
  const exited = new Promise((r) => s.proc.once('exit', r));
  s.proc.kill('SIGTERM');
  await exited;
}

async function load(pool, opts, t0) {
  const tables = { ...PLACE_TABLES, ...TICKET_TABLES, ...BILL_TABLES };
  const ids = {};
  for (const [t, cols] of Object.entries(tables)) {
    if (cols[0] !== 'id') continue;
    const [[row]] = await pool.query(`SELECT COALESCE(MAX(id), 0) + 1 AS next FROM ${t}`);
    ids[t] = Number(row.next);
  }
  const [[admin]] = await pool.query("SELECT password_hash FROM users WHERE username = 'admin'");
  const [[manager]] = await pool.query("SELECT id FROM users WHERE username = 'manager1'");
  if (!admin) throw new Error('the demo seed is missing (no admin user): run without --no-migrate');
  const [counters] = await pool.query('SELECT day, last_no FROM receipt_counters WHERE company_id = ?', [COMPANY_ID]);
  const receipts = new Map(counters.map((c) => [c.day, Number(c.last_no)]));

  if (!['load', 'insert'].includes(a.via)) throw new Error('--via: load (LOAD DATA LOCAL INFILE) or insert (multi-row INSERT)');
  const w = new Writer(pool, { batch: num('batch'), parallel: num('connections'), via: a.via });
  for (const [t, cols] of Object.entries(tables)) w.table(t, cols);
  const staffPer = Object.values(STAFF_PLAN).reduce((s, n) => s + n, 0);
  const estimate =
    opts.communities * (4 + 2 * staffPer) +
    opts.rooms * 2.6 +
    opts.tickets * (1 + PER_TICKET.clocks + PER_TICKET.ticket_events + PER_TICKET.ticket_replies) +
    opts.lines * 2.1;
  const progress = new Progress(w, estimate);
  const r = rng(opts.seed);
  const phases = {};
  const phase = async (name, fn) => {
    const s = Date.now();
    const before = w.rowsDone;
    progress.phase = name;
    const out = await fn();
    await w.flush();
    phases[name] = { rows: w.rowsDone - before, seconds: +((Date.now() - s) / 1000).toFixed(1) };
    return out;
  };
  const loadStart = Date.now();
  let bills;
  try {
    const communities = await phase('places', () =>
      generatePlaces(w, r, ids, { ...opts, companyId: COMPANY_ID, passwordHash: admin.password_hash, managerId: manager?.id ?? null }),
    );
    await phase('tickets', () => generateTickets(w, rng(opts.seed + 1), S, ids, communities, { ...opts, companyId: COMPANY_ID }));
    bills = await phase('bills', () => generateBills(w, rng(opts.seed + 2), S, ids, communities, { ...opts, companyId: COMPANY_ID, receipts }));
  } finally {
    progress.stop();
  }
  const loadMs = Date.now() - loadStart;
  if (receipts.size) {
    const rows = [...receipts].map(([day, last]) => [COMPANY_ID, day, last]);
    await pool.query('INSERT INTO receipt_counters (company_id, day, last_no) VALUES ? ON DUPLICATE KEY UPDATE last_no = VALUES(last_no)', [rows]);
  }
  await pool.query(`ANALYZE TABLE ${Object.keys(tables).join(', ')}`);
  return { perTable: w.perTable, rows: w.rowsDone, loadMs, totalMs: Date.now() - t0, phases, bills };
}

function report(x, opts) {
  const rowsPerS = Math.round(x.rows / (x.loadMs / 1000));
  console.log('\nseed:large summary');
  console.log('  table                 rows');
  for (const [t, n] of Object.entries(x.perTable)) console.log(`  ${t.padEnd(20)} ${String(n).padStart(11)}`);
  for (const [p, v] of Object.entries(x.phases))
    console.log(`  phase ${p.padEnd(8)} ${v.rows} rows in ${v.seconds} s (${Math.round(v.rows / Math.max(v.seconds, 0.001))} rows/s)`);
  console.log(
    `  ${x.rows} rows in ${(x.loadMs / 1000).toFixed(1)} s: ${rowsPerS} rows/s (target ≥ 50000); ${(x.totalMs / 1000).toFixed(1)} s with migrations and ANALYZE`,
  );
  console.log(
    `  bill periods ${x.bills.firstPeriod} … ${x.bills.lastPeriod}; tickets ${new Date(opts.since).toISOString()} … ${new Date(opts.until).toISOString()}`,
  );
  fs.mkdirSync(path.dirname(a.out), { recursive: true });
  const out = {
    at: new Date().toISOString(),
    options: { ...opts, since: new Date(opts.since).toISOString(), until: new Date(opts.until).toISOString() },
    batch: num('batch'),
    connections: num('connections'),
    ...x,
    rowsPerS,
  };
  fs.writeFileSync(a.out, JSON.stringify(out, null, 2));
  console.log(`  written to ${path.relative(process.cwd(), a.out)}`);
}
