#!/usr/bin/env node
// `npm run bench`: the real server on MariaDB next to a bare node:http + mysql2 server issuing the same SQL
// statements, measured in the same run with autocannon (50 connections). Writes bench-results/bench.json.
//
// Scenarios (the foundation's endpoints; create-repair / list-my-orders join when repairs land):
//   create  POST /api/bindings           — a resident asks to be bound to a room (one transaction, 4 reads + 1 insert)
//   list    GET  /api/bindings/mine      — the resident's rooms with labels and community names
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

    // 40,000 rooms to bind to, imported through the API
    const adminTok = (await api('/api/auth/staff-login', json(null, { username: 'admin', password: 'linli123' }))).body.accessToken;
    const lines = ['building,unit,room,floor,area,owner_name,owner_phone'];
    for (let b = 1; b <= 20; b++)
      for (let u = 1; u <= 4; u++)
        for (let f = 1; f <= 25; f++) for (let n = 1; n <= 20; n++) lines.push(`B${b}栋,${u}单元,${f}${String(n).padStart(2, '0')},${f},89.5,,`);
    const imp = await api('/api/admin/communities/1/rooms/import', {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${adminTok}` },
      body: lines.join('\n'),
    });
    if (imp.status !== 201) throw new Error(`import failed: ${JSON.stringify(imp.body)}`);
    const pool = mysql.createPool({ ...conn, database: DB, connectionLimit: 20, timezone: 'Z' });
    const [roomRows] = await pool.query("SELECT id FROM rooms WHERE label LIKE 'B%' ORDER BY id");
    const roomIds = roomRows.map((r) => r.id);
    const half = Math.floor(roomIds.length / 2);

    const benchUser = (await api('/api/auth/dev-login', json(null, { app: 'resident', code: 'bench-nest' }))).body;
    const bareUser = (await api('/api/auth/dev-login', json(null, { app: 'resident', code: 'bench-bare' }))).body;
    const zhangsan = (await api('/api/auth/dev-login', json(null, { app: 'resident', code: 'zhangsan' }))).body;

    const bare = await startBare(pool, bareUser.me.id, bareUser.me.companyId);
    const results = {};
    let i = 0;
    let j = 0;
    results.create = {
      linli: await load(`${server.url}/api/bindings`, 'POST', benchUser.accessToken, () => ({ roomId: roomIds[i++ % half], relation: 'tenant', name: '压测' })),
      bare: await load(`${bare.url}/bindings`, 'POST', null, () => ({ roomId: roomIds[half + (j++ % half)], relation: 'tenant', name: '压测' })),
    };
    results.list = {
      linli: await load(`${server.url}/api/bindings/mine`, 'GET', zhangsan.accessToken),
      bare: await load(`${bare.url}/bindings/mine?userId=${zhangsan.me.id}`, 'GET', null),
    };
    bare.close();
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

/** The same SQL the server issues for these two endpoints, with nothing around it. */
function startBare(pool, userId, companyId) {
  const views = async (rows) => {
    if (!rows.length) return [];
    const [rooms] = await pool.query('SELECT id, label FROM rooms WHERE id IN (?)', [[...new Set(rows.map((r) => r.room_id))]]);
    const [comms] = await pool.query('SELECT id, name FROM communities WHERE id IN (?)', [[...new Set(rows.map((r) => r.community_id))]]);
    const rl = new Map(rooms.map((r) => [r.id, r.label]));
    const cn = new Map(comms.map((c) => [c.id, c.name]));
    return rows.map((b) => ({
      id: b.id,
      roomId: b.room_id,
      roomLabel: rl.get(b.room_id),
      communityId: b.community_id,
      communityName: cn.get(b.community_id),
      relation: b.relation,
      status: b.status,
      version: b.version,
    }));
  };
  const srv = http.createServer(async (req, res) => {
    try {
      if (req.method === 'POST') {
        let body = '';
        for await (const c of req) body += c;
        const dto = JSON.parse(body);
        const c = await pool.getConnection();
        let id;
        try {
          await c.beginTransaction();
          const [[room]] = await c.query('SELECT * FROM rooms WHERE id = ? AND company_id = ? LIMIT 1', [dto.roomId, companyId]);
          const [[dup]] = await c.query("SELECT 1 AS x FROM room_bindings WHERE user_id = ? AND room_id = ? AND status IN ('pending','approved') LIMIT 1", [
            userId,
            room.id,
          ]);
          if (dup) throw new Error('dup');
          await c.query('SELECT * FROM users WHERE id = ? LIMIT 1', [userId]);
          const [ins] = await c.query(
            "INSERT INTO room_bindings (company_id, community_id, room_id, user_id, relation, status, name, version, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, 1, ?)",
            [room.company_id, room.community_id, room.id, userId, dto.relation, dto.name, new Date()],
          );
          id = ins.insertId;
          await c.commit();
        } finally {
          c.release();
        }
        const [rows] = await pool.query('SELECT * FROM room_bindings WHERE id = ?', [id]);
        res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify((await views(rows))[0]));
      } else {
        const uid = Number(new URL(req.url, 'http://x').searchParams.get('userId'));
        const [rows] = await pool.query('SELECT * FROM room_bindings WHERE user_id = ? ORDER BY id DESC', [uid]);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(await views(rows)));
      }
    } catch (e) {
      if (!res.headersSent) res.writeHead(500).end(String(e));
      else console.error('bare server:', e);
    }
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${srv.address().port}`, close: () => srv.close() })));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
