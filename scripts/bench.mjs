#!/usr/bin/env node
// `npm run bench`: the real server on MariaDB next to a bare node:http + mysql2 server issuing the same SQL
// statements, measured in the same run with autocannon (50 connections). Writes bench-results/bench.json.
//
// Scenarios:
//   create-repair   POST /api/repairs            — a resident files a repair (numbering, ticket, clock, timeline; the detail back)
//   list-my-orders  GET  /api/repairs/mine       — the first page (20) of the resident's orders with their clocks
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
  const admin = await mysql.createConnection(conn);
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.query(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();

  const dbUrl = new URL(base);
  dbUrl.pathname = `/${DB}`;
  const server = await startServer({ DB_URL: dbUrl.toString() });
  try {
    const api = (p, init = {}) => fetch(server.url + p, init).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }));
    const json = (token, body) => ({
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const zhangsan = (await api('/api/auth/dev-login', json(null, { app: 'resident', code: 'zhangsan' }))).body;
    const repair = { category: 'water', description: '压测：厨房水龙头漏水', roomId: zhangsan.me.currentRoomId };
    // a resident with a page of orders to list
    for (let k = 0; k < 20; k++) await api('/api/repairs', json(zhangsan.accessToken, repair));

    const pool = mysql.createPool({ ...conn, database: DB, connectionLimit: 20, timezone: 'Z' });
    const bare = await startBare(pool, zhangsan.me);
    const results = {};
    results['create-repair'] = {
      linli: await load(`${server.url}/api/repairs`, 'POST', zhangsan.accessToken, () => repair),
      bare: await load(`${bare.url}/repairs`, 'POST', null, () => repair),
    };
    results['list-my-orders'] = {
      linli: await load(`${server.url}/api/repairs/mine?limit=20`, 'GET', zhangsan.accessToken),
      bare: await load(`${bare.url}/repairs/mine`, 'GET', null),
    };
    await bare.close();
    await pool.end();
    report(results);
  } finally {
    server.proc.kill('SIGTERM');
  }
}

function load(url, method, token, body) {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const inst = autocannon(
      {
        url,
        method,
        connections: CONNECTIONS,
        duration: DURATION,
        headers,
        requests: [{ method, headers, setupRequest: (req) => (body ? { ...req, body: JSON.stringify(body()) } : req) }],
      },
      (err, r) =>
        err ? reject(err) : resolve({ rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, errors: r.errors }),
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
  console.log(`\n${CONNECTIONS} connections, ${DURATION} s each, MariaDB\n`);
  console.log('scenario  server                          req/s    p50 ms  p99 ms  non-2xx  ratio');
  for (const r of rows)
    console.log(
      `${r.scenario.padEnd(9)} ${r.server.padEnd(31)} ${String(r.rps).padStart(6)}  ${String(r.p50).padStart(6)}  ${String(r.p99).padStart(6)}  ${String(r.non2xx).padStart(7)}  ${r.ratio}`,
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

/**
 * The statements the server issues for these two endpoints (scope, intake transaction, the detail view; the
 * list page and its summaries), with nothing around them: no framework, no ORM, no validation, no auth.
 */
function startBare(pool, me) {
  const now = () => new Date();
  const scope = async (c) => {
    await c.query("SELECT room_id, community_id FROM room_bindings WHERE user_id = ? AND company_id = ? AND status = 'approved'", [me.id, me.companyId]);
    await c.query('SELECT id FROM communities WHERE company_id = ?', [me.companyId]);
  };
  const summaries = async (c, rows) => {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    await c.query('SELECT * FROM communities WHERE id IN (?)', [[...new Set(rows.map((r) => r.community_id))]]);
    const [clocks] = await c.query("SELECT * FROM clocks WHERE subject_type = 'ticket' AND subject_id IN (?) ORDER BY id", [ids]);
    return rows.map((r) => ({ id: r.id, no: r.no, status: r.status, clocks: clocks.filter((k) => k.subject_id === r.id).length }));
  };
  const create = async (dto) => {
    const c = await pool.getConnection();
    try {
      await scope(c);
      await c.query('SELECT * FROM users WHERE id = ? LIMIT 1', [me.id]);
      const [[room]] = await c.query('SELECT * FROM rooms WHERE id = ? LIMIT 1', [dto.roomId]);
      await c.query("SELECT * FROM room_bindings WHERE user_id = ? AND room_id = ? AND status = 'approved' LIMIT 1", [me.id, room.id]);
      await c.beginTransaction();
      const at = now();
      const day = new Date(at.getTime() + 8 * 3600e3).toISOString().slice(0, 10).replace(/-/g, '');
      const [u] = await c.query("UPDATE ticket_counters SET seq = seq + 1 WHERE community_id = ? AND prefix = 'BX' AND day = ?", [room.community_id, day]);
      if (!u.affectedRows)
        await c.query("INSERT INTO ticket_counters (community_id, prefix, day, seq) VALUES (?, 'BX', ?, 0) ON DUPLICATE KEY UPDATE seq = seq", [
          room.community_id,
          day,
        ]);
      const [[{ seq }]] = await c.query("SELECT seq FROM ticket_counters WHERE community_id = ? AND prefix = 'BX' AND day = ?", [room.community_id, day]);
      const [ins] = await c.query(
        `INSERT INTO tickets (company_id, community_id, room_id, kind, no, category, status, is_open, tier_rank, breached, description, location, contact_name, contact_phone, channel, reporter_id, received_at, charge_total_cents, version, created_at, updated_at)
         VALUES (?, ?, ?, 'repair', ?, ?, 'submitted', 1, 9, 0, ?, ?, ?, ?, 'miniapp', ?, ?, 0, 1, ?, ?)`,
        [
          room.company_id,
          room.community_id,
          room.id,
          `BB-${day}-${String(seq).padStart(4, '0')}`,
          dto.category,
          dto.description,
          room.label,
          me.name,
          '13800000001',
          me.id,
          at,
          at,
          at,
        ],
      );
      const id = ins.insertId;
      await c.query('SELECT * FROM tickets WHERE id = ?', [id]);
      await c.query("SELECT * FROM clocks WHERE subject_type = 'ticket' AND subject_id = ? AND name = 'initial_feedback' LIMIT 1", [id]);
      await c.query(
        "INSERT INTO clocks (company_id, community_id, subject_type, subject_id, name, state, started_at, due_at, paused_ms, breached, escalation_level) VALUES (?, ?, 'ticket', ?, 'initial_feedback', 'running', ?, ?, 0, 0, 0)",
        [room.company_id, room.community_id, id, at, new Date(at.getTime() + 3600e3)],
      );
      await c.query("SELECT * FROM clocks WHERE subject_type = 'ticket' AND subject_id IN (?) ORDER BY id", [[id]]);
      await c.query('UPDATE tickets SET sla_due_at = ?, breached = 0, version = 1 WHERE id = ?', [new Date(at.getTime() + 3600e3), id]);
      const [ev] = await c.query("INSERT INTO ticket_events (ticket_id, type, actor_id, actor_role, payload, at) VALUES (?, 'created', ?, 'resident', ?, ?)", [
        id,
        me.id,
        JSON.stringify({ channel: 'miniapp', category: dto.category, emergency: null }),
        at,
      ]);
      // the notifications of the new order, in the same transaction: new work → agents on duty, else supervisors
      await c.query('SELECT kind FROM users WHERE id = ?', [me.id]);
      const [duty] = await c.query(
        "SELECT DISTINCT user_id FROM duty_shifts WHERE community_id = ? AND ends_at > ? AND signed_in_at IS NOT NULL AND signed_out_at IS NULL AND role = 'agent'",
        [room.community_id, at],
      );
      const [staff] = await c.query(
        "SELECT u.id, u.roles FROM users u JOIN staff_communities sc ON sc.user_id = u.id WHERE sc.community_id = ? AND u.kind = 'staff' AND u.active = true",
        [room.community_id],
      );
      const to = duty.length ? duty.map((d) => d.user_id) : staff.filter((s) => String(s.roles).split(',').includes('supervisor')).map((s) => s.id);
      const [[channel]] = await c.query('SELECT * FROM community_channels WHERE community_id = ? LIMIT 1', [room.community_id]);
      const key = `ticket:${id}:event:${ev.insertId}`;
      const title = `新报修 BB-${day}-${String(seq).padStart(4, '0')}`;
      const payload = JSON.stringify({ title, body: dto.description, link: `/repairs/${id}`, app: 'staff', communityId: room.community_id });
      if (to.length) {
        await c.query('INSERT IGNORE INTO notifications (dedupe_key, company_id, recipient_id, template, title, body, link, created_at, read_at) VALUES ?', [
          to.map((r) => [`${key}:inbox:${r}`, room.company_id, r, 'staff_new_ticket', title, dto.description, `/repairs/${id}`, at, null]),
        ]);
      }
      const outbox = to.map((r) => [`${key}:wechat:${r}`, room.company_id, r, 'wechat', 'staff_new_ticket', payload, 'pending', 0, at, null, at, null]);
      if (channel?.wecom_webhook_url)
        outbox.push([`${key}:wecom:${room.community_id}`, room.company_id, null, 'wecom', 'staff_new_ticket', payload, 'pending', 0, at, null, at, null]);
      if (outbox.length)
        await c.query(
          'INSERT IGNORE INTO outbox (dedupe_key, company_id, recipient_id, channel, template, payload, status, attempts, next_attempt_at, last_error, created_at, sent_at) VALUES ?',
          [outbox],
        );
      await c.commit();
      // the detail view
      await scope(c);
      const [rows] = await c.query("SELECT * FROM tickets WHERE id = ? AND company_id = ? AND kind = 'repair' LIMIT 1", [id, me.companyId]);
      const [view] = await summaries(c, rows);
      await c.query('SELECT * FROM users WHERE id IN (?)', [[me.id]]);
      await c.query("SELECT * FROM clocks WHERE subject_type = 'ticket' AND subject_id IN (?) ORDER BY id", [[id]]);
      await c.query('SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY id', [id]);
      await c.query('SELECT * FROM ticket_charges WHERE ticket_id = ? ORDER BY id', [id]);
      await c.query("SELECT * FROM uploads WHERE subject_type = 'ticket' AND subject_id = ? ORDER BY id", [id]);
      return view;
    } catch (e) {
      await c.rollback().catch(() => {});
      throw e;
    } finally {
      c.release();
    }
  };
  const list = async () => {
    const c = await pool.getConnection();
    try {
      await scope(c);
      const [rows] = await c.query(
        "SELECT * FROM tickets WHERE company_id = ? AND kind = 'repair' AND (reporter_id = ? OR room_id IN (?)) ORDER BY id DESC LIMIT 21",
        [me.companyId, me.id, [me.currentRoomId]],
      );
      return { items: await summaries(c, rows.slice(0, 20)), nextCursor: rows.length > 20 ? 'x' : null };
    } finally {
      c.release();
    }
  };
  const srv = http.createServer(async (req, res) => {
    try {
      if (req.method === 'POST') {
        let body = '';
        for await (const chunk of req) body += chunk;
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(await create(JSON.parse(body))));
      } else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(await list()));
    } catch (e) {
      if (!res.headersSent) res.writeHead(500).end(String(e));
    }
  });
  return new Promise((resolve) =>
    srv.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${srv.address().port}`, close: () => new Promise((r) => srv.close(r)) })),
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
