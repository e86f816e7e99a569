#!/usr/bin/env node
// Part of `npm run bench` ([passes] #14): writes bench-results/passes.json.
// BENCH_PASSES (100,000) active visitor passes on MariaDB; the guard's POST /api/passes/verify (an entry: the code's
// HMAC, the pass loaded in one statement, the entry consumed by the conditional UPDATE, the scan logged) at
// BENCH_CONNECTIONS (50) for BENCH_DURATION (10) s, each request a fresh code of a random pass, against a bare
// node:http + mysql2 server doing the same (same HMAC, same SQL, the shared checkPass). Statement counts checked first.
// Target: p99 ≤ 20 ms, ≥ 0.6× the bare server's req/s.
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { CONNECTIONS, DURATION, conn, dbUrlOf, load, root, startBareProcess, startServer } from './bench-lib.mjs';

const shared = createRequire(import.meta.url)(path.join(root, 'shared/dist/index.js'));
const PASSES = Number(process.env.BENCH_PASSES ?? 100_000);
const DB = 'linli_bench_passes';
const SECRET = 'bench-passes-secret-0123456789abcdef';

/** The statements of a green entry as pass-verify.service.ts issues them (the scope comes from the access cache). */
const LOAD_SQL = `SELECT p.id, p.company_id, p.community_id, p.kind, p.status, p.holder_name, p.holder_phone, p.plate, p.valid_from, p.valid_until,
  p.entries_total, p.entries_used, r.label AS room_label, pp.work_hours_json,
  CASE WHEN p.kind = 'resident' THEN (SELECT COUNT(*) FROM room_bindings b WHERE b.room_id = p.room_id AND b.user_id = p.holder_user_id AND b.status = 'approved') ELSE 1 END AS bound
  FROM passes p JOIN rooms r ON r.id = p.room_id LEFT JOIN pass_policies pp ON pp.community_id = p.community_id WHERE p.id = ?`;
const CONSUME_SQL = `UPDATE passes SET entries_used = entries_used + 1 WHERE id = ? AND status = 'active' AND (entries_total IS NULL OR entries_used < entries_total)`;
const SCAN_SQL = `INSERT INTO pass_scans (company_id, community_id, pass_id, guard_id, gate, direction, result, reason, manual, manual_note, client_ref, client_at, scanned_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, NULL, ?)`;

const key = createHmac('sha256', SECRET).update('linli/pass-codes/v1').digest();
const mac = (payload) => createHmac('sha256', key).update(payload).digest('base64url').slice(0, 16);
function sign(passId, at = new Date()) {
  const payload = shared.passCodePayload(passId, shared.passCodeStep(at));
  return `${payload}.${mac(payload)}`;
}

if (process.env.BENCH_PASSES_BARE) bare(JSON.parse(process.env.BENCH_PASSES_BARE));
else
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });

async function main() {
  const admin = await mysql.createConnection(conn);
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.query(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  const dbUrl = dbUrlOf(DB);
  const env = { DB_URL: dbUrl.toString(), JWT_SECRET: SECRET, TEST_HOOKS: 'true', PASS_VERIFY_RATE_PER_MINUTE: '100000000' };
  const first = await startServer(env);
  first.proc.kill('SIGTERM');
  await new Promise((r) => first.proc.once('exit', r));
  const pool = mysql.createPool({ ...conn, database: DB, connectionLimit: 4, timezone: 'Z' });
  const t0 = Date.now();
  const ids = await addPasses(pool, PASSES);
  console.log(`fixtures: ${ids.length} active visitor passes in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const [[guard]] = await pool.query(
    "SELECT u.id, u.company_id, sc.community_id FROM users u JOIN staff_communities sc ON sc.user_id = u.id WHERE u.username = 'guard1'",
  );

  const server = await startServer(env);
  const bareSrv = await startBare(dbUrl, { guardId: guard.id, companyId: guard.company_id, communityIds: [guard.community_id] });
  try {
    const login = await fetch(`${server.url}/api/auth/staff-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'guard1', password: 'linli123' }),
    }).then((r) => r.json());
    const counts = await checkStatements(server.url, bareSrv.url, login.accessToken, ids);
    const linli = await load(`${server.url}/api/passes/verify`, 'POST', login.accessToken, scanBody(ids));
    const bareR = await load(`${bareSrv.url}/verify`, 'POST', null, scanBody(ids));
    report({ passes: ids.length, statements: counts, linli, bare: bareR, ratio: +(linli.rps / bareR.rps).toFixed(2) });
  } finally {
    server.proc.kill('SIGTERM');
    await bareSrv.close();
    await pool.end();
  }
}

/** PASSES visitor passes over the seed's rooms of 锦绣花园, valid for a week, a million entries each. */
async function addPasses(pool, n) {
  const [[c]] = await pool.query("SELECT id, company_id FROM communities WHERE code = 'JXHY'");
  const [rooms] = await pool.query('SELECT id FROM rooms WHERE community_id = ?', [c.id]);
  const [[creator]] = await pool.query("SELECT id FROM users WHERE kind = 'resident' ORDER BY id LIMIT 1");
  const now = new Date();
  const until = new Date(now.getTime() + 7 * 86_400_000);
  for (let done = 0; done < n; done += 5000) {
    const rows = [];
    for (let i = done; i < Math.min(n, done + 5000); i++)
      rows.push([
        c.company_id,
        c.id,
        rooms[i % rooms.length].id,
        'visitor',
        'active',
        `访客${i}`,
        null,
        now,
        until,
        1_000_000,
        0,
        creator.id,
        now,
        now,
        now,
        1,
      ]);
    await pool.query(
      `INSERT INTO passes (company_id, community_id, room_id, kind, status, holder_name, holder_phone, valid_from, valid_until, entries_total, entries_used,
         created_by, issued_at, created_at, updated_at, version) VALUES ?`,
      [rows],
    );
  }
  await pool.query('ANALYZE TABLE passes');
  const [all] = await pool.query('SELECT id FROM passes');
  return all.map((r) => r.id);
}

async function checkStatements(linliUrl, bareUrl, token, ids) {
  const counts = {};
  for (const [name, url, auth] of [
    ['linli', `${linliUrl}/api/passes/verify`, token],
    ['bare', `${bareUrl}/verify`, null],
  ]) {
    let r, body;
    for (let i = 0; i < 2; i++) {
      r = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
        body: JSON.stringify({ code: sign(ids[i]), direction: 'in', gate: '东门' }),
      });
      body = await r.json();
    }
    if (body.result !== 'green') throw new Error(`${name}: not green: ${JSON.stringify(body)}`);
    counts[name] = Number(r.headers.get('x-sql-statements'));
  }
  console.log(`verify (green entry): statements linli ${counts.linli} vs bare ${counts.bare}`);
  if (counts.linli !== counts.bare) throw new Error('STATEMENT COUNT MISMATCH: update the bare server in scripts/bench-passes.mjs');
  return counts;
}

/** a fresh code of a random pass per request (codes live 30–60 s; a run is shorter) */
const scanBody = (ids) => () => ({ code: sign(ids[Math.floor(Math.random() * ids.length)]), direction: 'in', gate: '东门' });

function report(r) {
  console.log(
    `\nverify, ${r.passes} active passes, ${CONNECTIONS} connections, ${DURATION} s, ${r.statements.linli} statements each (target p99 ≤ 20 ms, ≥ 0.6×):`,
  );
  console.log('    server                          req/s    p50 ms  p99 ms  non-2xx  ratio');
  for (const [name, x, ratio] of [
    ['linli (Nest+fastify+TypeORM)', r.linli, r.ratio],
    ['bare node:http + mysql2', r.bare, 1],
  ])
    console.log(
      `    ${name.padEnd(31)} ${String(x.rps).padStart(6)}  ${String(x.p50).padStart(6)}  ${String(x.p99).padStart(6)}  ${String(x.non2xx).padStart(7)}  ${ratio.toFixed(2)}`,
    );
  fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'bench-results/passes.json'),
    JSON.stringify({ at: new Date().toISOString(), connections: CONNECTIONS, durationS: DURATION, ...r }, null, 2),
  );
  console.log('\nwritten to bench-results/passes.json');
}

async function startBare(dbUrl, who) {
  const { proc, url } = await startBareProcess(fileURLToPath(import.meta.url), 'BENCH_PASSES_BARE', { conn, db: dbUrl.pathname.slice(1), ...who });
  return { url, close: async () => proc.kill('SIGTERM') };
}

/** The baseline: node:http + a mysql2 pool; the same HMAC check, the same three statements, the shared checkPass. */
function bare({ conn: c, db, guardId, companyId, communityIds }) {
  const pool = mysql.createPool({ ...c, database: db, connectionLimit: 10, timezone: 'Z' });
  const srv = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', async () => {
      try {
        const { code, direction, gate } = JSON.parse(raw);
        const at = new Date();
        const parts = shared.parsePassCode(code);
        let reason = null;
        let p = null;
        if (!parts) reason = 'unreadable';
        else if (mac(parts.payload) !== parts.mac) reason = 'forged';
        else if (!shared.passCodeFresh(parts.step, at)) reason = 'stale_code';
        else {
          [[p]] = await pool.query(LOAD_SQL, [parts.passId]);
          if (!p) reason = 'unknown_pass';
          else {
            const hours = p.work_hours_json ? JSON.parse(p.work_hours_json) : shared.DEFAULT_WORK_HOURS;
            const pass = {
              ...p,
              communityId: p.community_id,
              validFrom: p.valid_from,
              validUntil: p.valid_until,
              entriesTotal: p.entries_total,
              entriesUsed: p.entries_used,
            };
            const r = shared.checkPass(pass, {
              at,
              communityIds: p.company_id === companyId ? communityIds : [],
              workHours: hours,
              entering: direction === 'in',
            });
            if (!r.ok) reason = r.reason;
            else if (direction === 'in' && p.entries_total !== null) {
              const [u] = await pool.query(CONSUME_SQL, [p.id]);
              if (!u.affectedRows) reason = 'used_up';
            }
          }
        }
        const [ins] = await pool.query(SCAN_SQL, [
          companyId,
          p?.community_id ?? null,
          p?.id ?? null,
          guardId,
          gate ?? null,
          direction,
          reason ? 'red' : 'green',
          reason,
          at,
        ]);
        const body = JSON.stringify({
          scanId: ins.insertId,
          result: reason ? 'red' : 'green',
          reason,
          reasonText: reason ? shared.SCAN_REFUSAL_LABELS[reason] : null,
          pass: p && { id: p.id, holderName: p.holder_name, holderPhoneMasked: shared.maskPhone(p.holder_phone), roomLabel: p.room_label },
          direction,
          scannedAt: at.toISOString(),
        });
        res
          .writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-sql-statements': String(p && !reason && p.entries_total !== null ? 3 : 2) })
          .end(body);
      } catch (e) {
        res.writeHead(500).end(String(e));
      }
    });
  });
  srv.listen(0, '127.0.0.1', () => console.log(`BARE_LISTENING http://127.0.0.1:${srv.address().port}`));
}
