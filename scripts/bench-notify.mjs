#!/usr/bin/env node
// Part of `npm run bench`: breach-to-delivery latency of SLA escalations at a fake WeChat endpoint, with 100k open
// (running, not yet due) clocks in the table. The real server on MariaDB with its default sweeper and worker
// intervals; N clocks come due at spread-out times; latency = arrival at the fake endpoint − the clock's due time.
// Writes bench-results/notify.json.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import mysql from 'mysql2/promise';
import { conn, dbUrlOf, root, startServer } from './bench-lib.mjs';

const OPEN = Number(process.env.BENCH_OPEN_CLOCKS ?? 100_000);
const N = Number(process.env.BENCH_BREACHES ?? 300);
const SPREAD_MS = Number(process.env.BENCH_SPREAD_MS ?? 20_000);
const DB = 'linli_bench_notify';
const sqlTime = (d) => d.toISOString().replace('T', ' ').replace('Z', '');

async function main() {
  const admin = await mysql.createConnection(conn);
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.query(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const dbUrl = dbUrlOf(DB);

  const arrivals = new Map();
  const fake = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url, 'http://x');
      let body = {};
      if (u.pathname === '/cgi-bin/stable_token') body = { access_token: 'bench-token', expires_in: 7200 };
      else if (u.pathname === '/cgi-bin/message/subscribe/send') {
        const msg = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const no = msg.data?.character_string1?.value;
        if (no && !arrivals.has(no)) arrivals.set(no, Date.now());
        body = { errcode: 0, errmsg: 'ok' };
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise((r) => fake.listen(0, '127.0.0.1', r));
  const fakeUrl = `http://127.0.0.1:${fake.address().port}`;

  // migrate and seed once, then fill the clocks table before the measured server starts
  const server = await startServer({ DB_URL: dbUrl.toString(), NOTIFY_INTERVAL_MS: '0', SLA_SWEEP_INTERVAL_MS: '0' });
  server.proc.kill('SIGTERM');
  await new Promise((r) => server.proc.once('exit', r));

  const pool = mysql.createPool({ ...conn, database: DB, connectionLimit: 4, timezone: 'Z' });
  const [[community]] = await pool.query("SELECT id, company_id FROM communities WHERE code = 'JXHY'");
  const [staff] = await pool.query("SELECT id, username FROM users WHERE username IN ('supervisor1', 'manager1')");
  for (const s of staff) {
    await pool.query("INSERT INTO wechat_identities (user_id, app, appid, openid, unionid) VALUES (?, 'staff', 'wx-bench-staff', ?, NULL)", [
      s.id,
      `o-${s.username}`,
    ]);
    await pool.query('INSERT INTO subscribe_balances (user_id, template, balance, updated_at) VALUES (?, ?, ?, ?)', [
      s.id,
      'clock_escalation',
      1_000_000,
      sqlTime(new Date()),
    ]);
  }
  const t0 = Date.now();
  const far = Date.now() + 30 * 86400_000;
  for (let i = 0; i < OPEN; i += 5000) {
    const rows = [];
    for (let k = i; k < Math.min(OPEN, i + 5000); k++)
      rows.push([community.company_id, community.id, 'bench_open', k + 1, 'arrival', 'running', sqlTime(new Date(t0)), sqlTime(new Date(far + k * 1000))]);
    await pool.query('INSERT INTO clocks (company_id, community_id, subject_type, subject_id, name, state, started_at, due_at) VALUES ?', [rows]);
  }
  console.log(`${OPEN} open clocks inserted in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const measured = await startServer({
    DB_URL: dbUrl.toString(),
    WECHAT_API_BASE: fakeUrl,
    WECHAT_STAFF_APPID: 'wx-bench-staff',
    WECHAT_STAFF_SECRET: 'bench-secret',
    NOTIFY_WX_TEMPLATES: JSON.stringify({ clock_escalation: 'T-clock' }),
    // one message per clock (the latency measured): no per-sweep summaries
    ESCALATION_SUMMARY_THRESHOLD: '1000000',
  });
  try {
    // N clocks falling due over the next SPREAD_MS (allowed time 10 minutes: only level 1 fires during the run)
    const start = Date.now() + 2000;
    const due = new Map();
    const rows = [];
    for (let i = 0; i < N; i++) {
      const at = start + Math.round((SPREAD_MS * i) / N);
      due.set(`bench#${i + 1}`, at);
      rows.push([community.company_id, community.id, 'bench', i + 1, 'arrival', 'running', sqlTime(new Date(at - 600_000)), sqlTime(new Date(at))]);
    }
    await pool.query('INSERT INTO clocks (company_id, community_id, subject_type, subject_id, name, state, started_at, due_at) VALUES ?', [rows]);
    const deadline = start + SPREAD_MS + 30_000;
    while (arrivals.size < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const lat = [...due.entries()]
      .filter(([no]) => arrivals.has(no))
      .map(([no, at]) => arrivals.get(no) - at)
      .sort((a, b) => a - b);
    const pct = (p) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))];
    const result = {
      scenario: 'breach-to-delivery (SLA level 1 → WeChat subscribe message at a fake endpoint)',
      openClocks: OPEN,
      breaches: N,
      delivered: lat.length,
      medianMs: pct(50),
      p99Ms: pct(99),
      maxMs: lat.at(-1),
      settings: { SLA_SWEEP_INTERVAL_MS: 'default', NOTIFY_INTERVAL_MS: 'default' },
      at: new Date().toISOString(),
    };
    console.log(JSON.stringify(result, null, 2));
    fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench-results/notify.json'), JSON.stringify(result, null, 2) + '\n');
  } finally {
    measured.proc.kill('SIGTERM');
    await pool.end();
    fake.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
