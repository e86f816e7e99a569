#!/usr/bin/env node
// `npm run bench`: the real server on MariaDB next to a bare node:http + mysql2 server issuing the same SQL
// statements, measured in the same run with autocannon (50 connections). Writes bench-results/bench.json.
//
// Scenarios:
//   create  POST /api/repairs                  — a resident files a repair (number, ticket, clock, timeline, notifications; the detail back)
//   act     POST /api/repairs/:id/actions/accept — the desk accepts a new order (clocks, the change, timeline, notifications; the detail back)
//   detail  GET  /api/repairs/:id              — the resident opens an order
//   list    GET  /api/repairs/mine             — the first page (20) of the resident's orders with their clocks
// For each: req/s, p50/p99, statements per request (the real server's x-sql-statements, TEST_HOOKS; the bare server
// counts its own), server CPU per request (process.cpuUsage() of the server process over the run) and the ratio.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const base = new URL(process.env.BENCH_DB_URL ?? 'mysql://root@127.0.0.1:3306/test');
const DB = 'linli_bench';
const conn = { host: base.hostname, port: Number(base.port || 3306), user: decodeURIComponent(base.username), password: decodeURIComponent(base.password) };

async function main() {
  if (process.argv.includes('--bare')) return bareChild();
  const admin = await mysql.createConnection(conn);
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.query(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();

  const dbUrl = new URL(base);
  dbUrl.pathname = `/${DB}`;
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
    const cpu = (url) => fetch(url).then((r) => r.json());
    const measure = async (name, linli, bareRun) => {
      const c0 = await cpu(`${server.url}/api/test/cpu`);
      const l = await linli();
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
    // statements per request: one more request of each kind, counted by each server
    const one = async (url, init) => Number((await fetch(url, init)).headers.get('x-sql-statements'));
    const auth = (token, body) => ({ ...json(token, body), method: body ? 'POST' : 'GET', body: body ? JSON.stringify(body) : undefined });
    const [[spare]] = await bare.pool.query("SELECT id FROM tickets WHERE status = 'submitted' AND kind = 'repair' ORDER BY id DESC LIMIT 1");
    const [[spare2]] = await bare.pool.query("SELECT id FROM tickets WHERE status = 'submitted' AND kind = 'repair' AND id < ? ORDER BY id DESC LIMIT 1", [
      spare.id,
    ]);
    results.create.linli.statements = await one(`${server.url}/api/repairs`, auth(zhangsan.accessToken, repair));
    results.create.bare.statements = await one(`${bare.url}/repairs`, auth(null, repair));
    results.act.linli.statements = await one(`${server.url}/api/repairs/${spare.id}/actions/accept`, auth(agent.accessToken, accept));
    results.act.bare.statements = await one(`${bare.url}/repairs/${spare2.id}/accept`, auth(null, accept));
    results.detail.linli.statements = await one(`${server.url}/api/repairs/${detailId}`, auth(zhangsan.accessToken));
    results.detail.bare.statements = await one(`${bare.url}/repairs/${detailId}`, auth(null));
    results.list.linli.statements = await one(`${server.url}/api/repairs/mine?limit=20`, auth(zhangsan.accessToken));
    results.list.bare.statements = await one(`${bare.url}/repairs/mine`, auth(null));
    await bare.close();
    report(results);
  } finally {
    server.proc.kill('SIGTERM');
  }
}

/** autocannon for BENCH_DURATION s; with `ids`, one request per id (the id replaces ID in the URL) instead */
function load(url, method, token, body, ids) {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    let next = 0;
    const setupRequest = (req) => {
      const r = { ...req, ...(body ? { body: JSON.stringify(body()) } : {}) };
      if (ids) r.path = new URL(url.replace('ID', String(ids[next++ % ids.length]))).pathname;
      return r;
    };
    const inst = autocannon(
      {
        url: url.replace('ID', String(ids?.[0] ?? '')),
        method,
        connections: CONNECTIONS,
        ...(ids ? { amount: ids.length } : { duration: DURATION }),
        headers,
        requests: [{ method, headers, setupRequest }],
      },
      (err, r) =>
        err
          ? reject(err)
          : resolve({
              rps: Math.round(r.requests.average),
              p50: r.latency.p50,
              p99: r.latency.p99,
              non2xx: r.non2xx,
              errors: r.errors,
              total: r.requests.total,
            }),
    );
    autocannon.track(inst, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
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

function startServer(env) {
  const proc = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], {
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'error', PORT: '0', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (b) => {
      out += b;
      const m = /LINLI_LISTENING (\S+)/.exec(out);
      if (m) resolve({ proc, url: m[1] });
    });
    proc.on('exit', (c) => reject(new Error(`server exited ${c}`)));
  });
}

/** The bare server in its own process (so its CPU time is its own), on the bench's database. */
async function startBare(dbUrl, me, agent) {
  const proc = spawn(process.execPath, [fileURLToPath(import.meta.url), '--bare'], {
    env: { ...process.env, BENCH_BARE: JSON.stringify({ db: dbUrl.pathname.slice(1), me, agent }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (b) => {
      out += b;
      const m = /BARE_LISTENING (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (c) => reject(new Error(`bare server exited ${c}`)));
  });
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

/**
 * The statements the real server issues for these endpoints (scope, intake transaction with its notifications, the
 * accept with its clocks, the detail view, the list page and its summaries), with nothing around them: no framework,
 * no ORM, no validation, no auth. Counts its own statements (x-sql-statements).
 */
async function bareChild() {
  const { db, me, agent } = JSON.parse(process.env.BENCH_BARE);
  const pool = mysql.createPool({ ...conn, database: db, connectionLimit: 20, timezone: 'Z' });
  const counted = async (fn) => {
    const raw = await pool.getConnection();
    const tally = { n: 0 };
    const c = {
      query: (...a) => (tally.n++, raw.query(...a)),
      beginTransaction: () => (tally.n++, raw.beginTransaction()),
      commit: () => (tally.n++, raw.commit()),
      rollback: () => (tally.n++, raw.rollback()),
    };
    try {
      return { body: await fn(c), n: tally.n };
    } catch (e) {
      await raw.rollback().catch(() => {});
      throw e;
    } finally {
      raw.release();
    }
  };
  const residentScope = async (c) => {
    const [rooms] = await c.query("SELECT room_id, community_id FROM room_bindings WHERE user_id = ? AND company_id = ? AND status = 'approved'", [
      me.id,
      me.companyId,
    ]);
    await c.query('SELECT id FROM communities WHERE company_id = ?', [me.companyId]);
    return rooms.map((r) => r.room_id);
  };
  const staffScope = (c) =>
    c.query('SELECT c.id FROM staff_communities sc JOIN communities c ON c.id = sc.community_id WHERE sc.user_id = ? AND c.company_id = ?', [
      agent.id,
      agent.companyId,
    ]);
  const detailOf = async (c, id) => {
    const [[t]] = await c.query(
      'SELECT t.*, c.name AS community_name, o.name AS owner_name, a.name AS assignee_name FROM tickets t LEFT JOIN communities c ON c.id = t.community_id LEFT JOIN users o ON o.id = t.owner_id LEFT JOIN users a ON a.id = t.assignee_id WHERE t.id = ? AND t.company_id = ? AND t.kind = ?',
      [id, me.companyId, 'repair'],
    );
    const [[clocks], [events], [uploads]] = await Promise.all([
      c.query("SELECT * FROM clocks WHERE subject_type = 'ticket' AND subject_id IN (?) ORDER BY id", [[id]]),
      c.query('SELECT e.*, u.name AS actor_name FROM ticket_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.ticket_id = ? ORDER BY e.id', [id]),
      c.query("SELECT * FROM uploads WHERE subject_type = 'ticket' AND subject_id = ? ORDER BY id", [id]),
    ]);
    return { id: t.id, no: t.no, status: t.status, version: t.version, clocks: clocks.length, timeline: events.map((e) => e.type), photos: uploads.length };
  };
  const notify = async (c, t, eventId, to, template, title, body) => {
    const key = `ticket:${t.id}:event:${eventId}`;
    const at = new Date();
    const payload = JSON.stringify({ title, body, link: `/repairs/${t.id}`, communityId: t.community_id });
    if (!to.length) return;
    await c.query('INSERT IGNORE INTO notifications (dedupe_key, company_id, recipient_id, template, title, body, link, created_at, read_at) VALUES ?', [
      to.map((r) => [`${key}:inbox:${r}`, t.company_id, r, template, title, body, `/repairs/${t.id}`, at, null]),
    ]);
    await c.query(
      'INSERT IGNORE INTO outbox (dedupe_key, company_id, recipient_id, channel, template, payload, status, attempts, next_attempt_at, last_error, created_at, sent_at) VALUES ?',
      [to.map((r) => [`${key}:wechat:${r}`, t.company_id, r, 'wechat', template, payload, 'pending', 0, at, null, at, null])],
    );
  };
  const create = (dto) =>
    counted(async (c) => {
      await residentScope(c);
      const [[p]] = await c.query(
        "SELECT u.name AS user_name, u.phone AS user_phone, r.company_id, r.community_id, r.label, c.name AS community_name, (SELECT b.name FROM room_bindings b WHERE b.user_id = u.id AND b.room_id = r.id AND b.status = 'approved' ORDER BY b.id LIMIT 1) AS binding_name FROM users u JOIN rooms r ON r.id = ? JOIN communities c ON c.id = r.community_id WHERE u.id = ?",
        [dto.roomId, me.id],
      );
      const at = new Date();
      const day = new Date(at.getTime() + 8 * 3600e3).toISOString().slice(0, 10).replace(/-/g, '');
      const [n] = await c.query(
        "INSERT INTO ticket_counters (community_id, prefix, day, seq) VALUES (?, 'BB', ?, LAST_INSERT_ID(1)) ON DUPLICATE KEY UPDATE seq = LAST_INSERT_ID(seq + 1)",
        [p.community_id, day],
      );
      const no = `BB-${day}-${String(n.insertId).padStart(4, '0')}`;
      const due = new Date(at.getTime() + 3600e3);
      await c.beginTransaction();
      const [ins] = await c.query(
        `INSERT INTO tickets (company_id, community_id, room_id, kind, no, category, status, is_open, tier_rank, sla_due_at, breached, description, location, contact_name, contact_phone, channel, reporter_id, received_at, charge_total_cents, version, created_at, updated_at)
         VALUES (?, ?, ?, 'repair', ?, ?, 'submitted', 1, 9, ?, 0, ?, ?, ?, ?, 'miniapp', ?, ?, 0, 1, ?, ?)`,
        [
          p.company_id,
          p.community_id,
          dto.roomId,
          no,
          dto.category,
          due,
          dto.description,
          p.label,
          p.binding_name ?? p.user_name,
          p.user_phone,
          me.id,
          at,
          at,
          at,
        ],
      );
      const t = { id: ins.insertId, company_id: p.company_id, community_id: p.community_id };
      await c.query(
        "INSERT INTO clocks (company_id, community_id, subject_type, subject_id, name, state, started_at, due_at, paused_ms, breached, escalation_level) VALUES (?, ?, 'ticket', ?, 'initial_feedback', 'running', ?, ?, 0, 0, 0)",
        [t.company_id, t.community_id, t.id, at, due],
      );
      const [ev] = await c.query("INSERT INTO ticket_events (ticket_id, type, actor_id, actor_role, payload, at) VALUES (?, 'created', ?, 'resident', ?, ?)", [
        t.id,
        me.id,
        JSON.stringify({ channel: 'miniapp', category: dto.category, emergency: null }),
        at,
      ]);
      // the new order's notifications, in the same transaction: agents on duty, else supervisors
      await c.query('SELECT kind FROM users WHERE id = ?', [me.id]);
      const [duty] = await c.query(
        "SELECT DISTINCT user_id FROM duty_shifts WHERE community_id = ? AND ends_at > ? AND signed_in_at IS NOT NULL AND signed_out_at IS NULL AND role = 'agent'",
        [t.community_id, at],
      );
      let to = duty.map((d) => d.user_id);
      if (!to.length) {
        const [staff] = await c.query(
          "SELECT u.id, u.roles FROM users u JOIN staff_communities sc ON sc.user_id = u.id WHERE sc.community_id = ? AND u.kind = 'staff' AND u.active = true",
          [t.community_id],
        );
        to = staff.filter((s) => String(s.roles).split(',').includes('supervisor')).map((s) => s.id);
      }
      await c.query('SELECT * FROM community_channels WHERE community_id = ? LIMIT 1', [t.community_id]);
      await notify(c, t, ev.insertId, to, 'staff_new_ticket', `新报修 ${no}`, dto.description);
      await c.commit();
      // the answer from what was written
      return { id: t.id, no, status: 'submitted', version: 1, location: p.label, communityName: p.community_name, timeline: ['created'] };
    });
  const accept = (id, dto) =>
    counted(async (c) => {
      await staffScope(c);
      await c.beginTransaction();
      const [[t]] = await c.query("SELECT * FROM tickets WHERE id = ? AND company_id = ? AND kind = 'repair' LIMIT 1", [id, agent.companyId]);
      if (!t || t.version !== dto.version) throw new Error('409');
      const at = new Date();
      const clock = (name) => c.query("SELECT * FROM clocks WHERE subject_type = 'ticket' AND subject_id = ? AND name = ? LIMIT 1", [id, name]);
      const [[feedback]] = await clock('initial_feedback');
      await c.query("UPDATE clocks SET state = 'met', met_at = ?, paused_at = NULL, breached = ? WHERE id = ?", [
        at,
        feedback.due_at < at ? 1 : 0,
        feedback.id,
      ]);
      for (const [name, ms] of [
        ['dispatch', 120e3],
        ['arrival', 86400e3],
      ]) {
        await clock(name);
        await c.query(
          "INSERT INTO clocks (company_id, community_id, subject_type, subject_id, name, state, started_at, due_at, paused_ms, breached, escalation_level) VALUES (?, ?, 'ticket', ?, ?, 'running', ?, ?, 0, 0, 0)",
          [t.company_id, t.community_id, id, name, at, new Date(at.getTime() + ms)],
        );
      }
      await c.query("SELECT * FROM clocks WHERE subject_type = 'ticket' AND subject_id IN (?) ORDER BY id", [[id]]);
      const [u] = await c.query(
        "UPDATE tickets SET status = 'accepted', tier = ?, tier_rank = 3, accepted_at = ?, owner_id = ?, sla_due_at = ?, breached = 0, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
        [dto.tier, at, agent.id, new Date(at.getTime() + 120e3), at, id, t.version],
      );
      if (!u.affectedRows) throw new Error('409');
      const [ev] = await c.query("INSERT INTO ticket_events (ticket_id, type, actor_id, actor_role, payload, at) VALUES (?, 'accepted', ?, 'agent', ?, ?)", [
        id,
        agent.id,
        JSON.stringify({ tier: dto.tier, auto: false }),
        at,
      ]);
      await c.query('SELECT kind FROM users WHERE id = ?', [t.reporter_id]);
      await notify(c, t, ev.insertId, [t.reporter_id], 'repair_accepted', '报修已受理', `您的报修 ${t.no} 已受理`);
      await c.commit();
      return detailOf(c, id);
    });
  const detail = (id) =>
    counted(async (c) => {
      await residentScope(c);
      return detailOf(c, id);
    });
  const list = () =>
    counted(async (c) => {
      const rooms = await residentScope(c);
      const [rows] = await c.query(
        "SELECT * FROM tickets WHERE company_id = ? AND kind = 'repair' AND (reporter_id = ? OR room_id IN (?)) ORDER BY id DESC LIMIT 21",
        [me.companyId, me.id, rooms.length ? rooms : [0]],
      );
      const page = rows.slice(0, 20);
      await c.query('SELECT * FROM communities WHERE id IN (?)', [[...new Set(page.map((r) => r.community_id))]]);
      const [clocks] = await c.query("SELECT * FROM clocks WHERE subject_type = 'ticket' AND subject_id IN (?) ORDER BY id", [page.map((r) => r.id)]);
      return {
        items: page.map((r) => ({ id: r.id, no: r.no, status: r.status, clocks: clocks.filter((k) => k.subject_id === r.id).length })),
        nextCursor: null,
      };
    });
  const srv = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/cpu') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(process.cpuUsage()));
      let body = '';
      for await (const chunk of req) body += chunk;
      const m = /^\/repairs\/(\d+)(\/accept)?$/.exec(url.pathname);
      const out =
        req.method === 'POST' && url.pathname === '/repairs'
          ? await create(JSON.parse(body))
          : m && m[2]
            ? await accept(Number(m[1]), JSON.parse(body))
            : m
              ? await detail(Number(m[1]))
              : await list();
      res
        .writeHead(req.method === 'POST' && !m ? 201 : 200, { 'content-type': 'application/json', 'x-sql-statements': String(out.n) })
        .end(JSON.stringify(out.body));
    } catch (e) {
      if (!res.headersSent) res.writeHead(String(e.message) === '409' ? 409 : 500).end(String(e));
    }
  });
  srv.listen(0, '127.0.0.1', () => console.log(`BARE_LISTENING http://127.0.0.1:${srv.address().port}`));
  process.on('SIGTERM', () => srv.close(() => pool.end().then(() => process.exit(0))));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
