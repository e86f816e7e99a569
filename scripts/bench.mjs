#!/usr/bin/env node
// `npm run bench`: the real server on MariaDB next to a bare node:http + mysql2 server (scripts/bench-bare.mjs) issuing
// the same SQL statements, measured in the same run with autocannon (50 connections). Writes bench-results/bench.json.
//
// Scenarios:
//   create  POST /api/repairs                  — a resident files a repair (number, then ticket, clock, timeline, notify event in one transaction)
//   act     POST /api/repairs/:id/actions/accept — the desk accepts a new order (one read, the clock upsert, the change, timeline, notify event)
//   detail  GET  /api/repairs/:id              — the resident opens an order (one SELECT with JSON columns)
//   list    GET  /api/repairs/mine             — the first page (20) of the resident's orders, then their clocks
// First each scenario once on both servers: the statements per request (the real server's x-sql-statements,
// TEST_HOOKS; the bare server counts its own) must be as many, else the bench stops. Then for each: req/s, p50/p99,
// server CPU per request (process.cpuUsage() of the server process over the run) and the ratio.
// BENCH_CHECK_ONLY=1: the statement check only. BENCH_NODE_ARGS: node flags for the real server (--cpu-prof ...).
import * as fs from 'node:fs';
import * as path from 'node:path';
import mysql from 'mysql2/promise';
import { CONNECTIONS, DURATION, conn, dbUrlOf, load, root, startBareProcess, startServer } from './bench-lib.mjs';

const DB = 'linli_bench';

async function main() {
  const admin = await mysql.createConnection(conn);
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.query(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();

  const dbUrl = dbUrlOf(DB);
  const server = await startServer({ DB_URL: dbUrl.toString(), TEST_HOOKS: 'true' });
  try {
    const api = (p, init = {}) =>
      fetch(server.url + p, init).then(async (r) => ({
        status: r.status,
        body: await r.json().catch(() => null),
        statements: Number(r.headers.get('x-sql-statements')),
      }));
    const json = (token, body) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const zhangsan = (await api('/api/auth/dev-login', json(null, { app: 'resident', code: 'zhangsan' }))).body;
    const agent = (await api('/api/auth/staff-login', json(null, { username: 'agent1', password: 'linli123' }))).body;
    const repair = { category: 'water', description: '压测：厨房水龙头漏水', roomId: zhangsan.me.currentRoomId };
    // a resident with a page of orders to list
    for (let k = 0; k < 20; k++) await api('/api/repairs', json(zhangsan.accessToken, repair));
    const detailId = (await api('/api/repairs', json(zhangsan.accessToken, repair))).body.id;

    const bare = await startBare(dbUrl, zhangsan.me, agent.me);
    const [four] = await bare.pool.query("SELECT id FROM tickets WHERE status = 'submitted' AND kind = 'repair' AND id <> ? ORDER BY id LIMIT 4", [detailId]);
    const counts = await checkStatements(server.url, bare.url, { zhangsan, agent, repair, detailId, acceptIds: four.map((r) => r.id) });
    if (process.env.BENCH_CHECK_ONLY) return void (await bare.close());
    const cpu = (url) => fetch(url).then((r) => r.json());
    const measure = async (name, linli, bareRun) => {
      const c0 = await cpu(`${server.url}/api/test/cpu`);
      const l = await linli();
      await drained(bare.pool);
      const c1 = await cpu(`${server.url}/api/test/cpu`);
      const b0 = await cpu(`${bare.url}/cpu`);
      const b = await bareRun();
      const b1 = await cpu(`${bare.url}/cpu`);
      const ms = (a, z, n) => +((z.user + z.system - a.user - a.system) / 1000 / Math.max(n, 1)).toFixed(2);
      return { linli: { ...l, cpuMs: ms(c0, c1, l.total) }, bare: { ...b, cpuMs: ms(b0, b1, b.total) } };
    };
    const results = {};
    results.create = await measure(
      'create',
      () => load(`${server.url}/api/repairs`, 'POST', zhangsan.accessToken, () => repair),
      () => load(`${bare.url}/repairs`, 'POST', null, () => repair),
    );
    // act: every request accepts another new order (version 1): the orders the create runs left, split in two
    const [fresh] = await bare.pool.query("SELECT id FROM tickets WHERE status = 'submitted' AND kind = 'repair' ORDER BY id");
    const ids = fresh.map((r) => r.id).filter((id) => id !== detailId);
    const half = Math.min(Math.floor(ids.length / 2), 3000);
    const mineIds = ids.slice(0, half);
    const bareIds = ids.slice(half, 2 * half);
    const accept = { version: 1, tier: 'normal' };
    results.act = await measure(
      'act',
      () => load(`${server.url}/api/repairs/ID/actions/accept`, 'POST', agent.accessToken, () => accept, mineIds),
      () => load(`${bare.url}/repairs/ID/accept`, 'POST', null, () => accept, bareIds),
    );
    results.detail = await measure(
      'detail',
      () => load(`${server.url}/api/repairs/${detailId}`, 'GET', zhangsan.accessToken),
      () => load(`${bare.url}/repairs/${detailId}`, 'GET', null),
    );
    results.list = await measure(
      'list',
      () => load(`${server.url}/api/repairs/mine?limit=20`, 'GET', zhangsan.accessToken),
      () => load(`${bare.url}/repairs/mine`, 'GET', null),
    );
    for (const [name, n] of Object.entries(counts)) {
      results[name].linli.statements = n.linli;
      results[name].bare.statements = n.bare;
    }
    await bare.close();
    report(results);
  } finally {
    server.proc.kill('SIGTERM');
  }
}

/**
 * Before measuring: each scenario once on each server, twice in a row (the second with the caller's scope cached, as
 * under load); its statements must be as many on both (x-sql-statements), else the bench stops. Also compares the SQL
 * text (the real server's GET /api/test/last-sql, the bare server's /last-sql) and warns where it differs.
 */
async function checkStatements(linliUrl, bareUrl, { zhangsan, agent, repair, detailId, acceptIds }) {
  const req = (token, body) => ({
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', 'x-sql-log': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const accept = { version: 1, tier: 'normal' };
  const scenarios = {
    create: [() => [`/api/repairs`, req(zhangsan.accessToken, repair)], () => ['/repairs', req(null, repair)]],
    act: [
      (n) => [`/api/repairs/${acceptIds[n]}/actions/accept`, req(agent.accessToken, accept)],
      (n) => [`/repairs/${acceptIds[2 + n]}/accept`, req(null, accept)],
    ],
    detail: [() => [`/api/repairs/${detailId}`, req(zhangsan.accessToken)], () => [`/repairs/${detailId}`, req(null)]],
    list: [() => ['/api/repairs/mine?limit=20', req(zhangsan.accessToken)], () => ['/repairs/mine', req(null)]],
  };
  const run = async (url, sqlPath, make) => {
    let r;
    for (let n = 0; n < 2; n++) {
      const [p, init] = make(n);
      r = await fetch(url + p, init);
      await r.arrayBuffer();
      if (r.status >= 300) throw new Error(`statement check: ${url}${p} answered ${r.status}`);
    }
    const sql = await fetch(url + sqlPath).then((x) => x.json());
    return { n: Number(r.headers.get('x-sql-statements')), sql };
  };
  const shape = (s) => s.replace(/[`\s]+/g, ' ').trim();
  const counts = {};
  const bad = [];
  console.log('statements per request (scope cached), linli vs bare:');
  for (const [name, [linli, bare]] of Object.entries(scenarios)) {
    const l = await run(linliUrl, '/api/test/last-sql', linli);
    const b = await run(bareUrl, '/last-sql', bare);
    counts[name] = { linli: l.n, bare: b.n };
    // the first n: work the request's commit starts after the answer (the notify kick) may log into its list
    const [ls, bs] = [l.sql.slice(0, l.n), b.sql.slice(0, b.n)];
    const differ = [...Array(Math.max(ls.length, bs.length, l.n)).keys()].filter((i) => shape(ls[i] ?? '') !== shape(bs[i] ?? ''));
    console.log(
      `  ${name.padEnd(7)} ${l.n} vs ${b.n}${differ.length ? `  (SQL text differs at statement ${differ.map((i) => i + 1).join(', ')})` : '  (same SQL text)'}`,
    );
    if (process.env.BENCH_SHOW_SQL)
      for (const i of differ) {
        const [a, z] = [shape(ls[i] ?? '').split(' '), shape(bs[i] ?? '').split(' ')];
        console.log(`    #${i + 1} only linli: ${a.filter((w) => !z.includes(w)).join(' ')}\n       only bare:  ${z.filter((w) => !a.includes(w)).join(' ')}`);
      }
    if (l.n !== b.n) bad.push(name);
  }
  if (bad.length) {
    throw new Error(
      `STATEMENT COUNT MISMATCH (${bad.join(', ')}): the bare server no longer issues what the real server issues — update scripts/bench-bare.mjs`,
    );
  }
  return counts;
}

/**
 * Waits (≤ 60 s) until the real server has expanded the notify_events its requests wrote (its worker, after the
 * commit), so that work counts in its CPU per request and does not run during the bare server's run. The bare
 * server's rows are due in 2099: the real server's worker leaves them alone.
 */
async function drained(pool) {
  for (const end = Date.now() + 60_000; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
    const [[{ n }]] = await pool.query("SELECT COUNT(*) AS n FROM notify_events WHERE status = 'pending' AND next_attempt_at <= UTC_TIMESTAMP(3)");
    if (!Number(n)) return;
  }
  console.warn('the real server had not expanded all its notify_events after 60 s');
}

function report(results) {
  const rows = [];
  for (const [name, r] of Object.entries(results)) {
    rows.push({ scenario: name, server: 'linli (Nest+fastify+TypeORM)', ...r.linli, ratio: (r.linli.rps / r.bare.rps).toFixed(2) });
    rows.push({ scenario: name, server: 'bare node:http + mysql2', ...r.bare, ratio: '1.00' });
  }
  console.log(`\n${CONNECTIONS} connections, ${DURATION} s each (act: one request per new order), MariaDB\n`);
  console.log('scenario  server                          req/s    p50 ms  p99 ms  non-2xx  stmts  CPU ms/req  ratio');
  for (const r of rows)
    console.log(
      `${r.scenario.padEnd(9)} ${r.server.padEnd(31)} ${String(r.rps).padStart(6)}  ${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}  ${String(r.non2xx).padStart(7)}  ${String(r.statements).padStart(5)}  ${String(r.cpuMs).padStart(10)}  ${r.ratio}`,
    );
  fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'bench-results/bench.json'),
    JSON.stringify({ at: new Date().toISOString(), connections: CONNECTIONS, durationS: DURATION, rows }, null, 2),
  );
  console.log('\nwritten to bench-results/bench.json');
}

/** The bare server in its own process (so its CPU time is its own), on the bench's database. */
async function startBare(dbUrl, me, agent) {
  const { proc, url } = await startBareProcess(path.join(root, 'scripts/bench-bare.mjs'), 'BENCH_BARE', { conn, db: dbUrl.pathname.slice(1), me, agent });
  const pool = mysql.createPool({ ...conn, database: dbUrl.pathname.slice(1), connectionLimit: 2, timezone: 'Z' });
  return {
    url,
    pool,
    close: async () => {
      await pool.end();
      proc.kill('SIGTERM');
    },
  };
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
