import { spawn } from 'node:child_process';
import mysql from 'mysql2/promise';
const DB = 'linli_sqlcap';
const conn = { host: '127.0.0.1', port: 3306, user: 'root' };
const admin = await mysql.createConnection(conn);
await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
await admin.query(`CREATE DATABASE ${DB} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
await admin.end();
const proc = spawn(process.execPath, ['server/dist/main.js'], {
  env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'error', PORT: '0', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', TEST_HOOKS: 'true', DB_URL: `mysql://root@127.0.0.1:3306/${DB}` },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const url = await new Promise((res) => { let o = ''; proc.stdout.on('data', (b) => { o += b; const m = /LINLI_LISTENING (\S+)/.exec(o); if (m) res(m[1]); }); });
const json = (token, body) => ({ method: body ? 'POST' : 'GET', headers: { 'content-type': 'application/json', 'x-sql-log': '1', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
const api = async (p, init) => { const r = await fetch(url + p, init); return { status: r.status, n: r.headers.get('x-sql-statements'), body: await r.json().catch(() => null) }; };
const z = (await api('/api/auth/dev-login', json(null, { app: 'resident', code: 'zhangsan' }))).body;
const a = (await api('/api/auth/staff-login', json(null, { username: 'agent1', password: 'linli123' }))).body;
console.log('ME', JSON.stringify(z.me), '\nAGENT', JSON.stringify(a.me));
const repair = { category: 'water', description: '压测：厨房水龙头漏水', roomId: z.me.currentRoomId };
for (let k = 0; k < 3; k++) await api('/api/repairs', json(z.accessToken, repair));
const show = async (name, p, init) => {
  const r = await api(p, init);
  const sql = await (await fetch(url + '/api/test/last-sql')).json();
  console.log(`\n===== ${name}: status ${r.status} n=${r.n}\n` + sql.map((s, i) => `[${i + 1}] ${s}`).join('\n'));
  return r;
};
const c = await show('create', '/api/repairs', json(z.accessToken, repair));
console.log('CREATE BODY', JSON.stringify(c.body));
await show('accept', `/api/repairs/${c.body.id}/actions/accept`, json(a.accessToken, { version: 1, tier: 'normal' }));
const d = await show('detail', `/api/repairs/${c.body.id}`, json(z.accessToken));
console.log('DETAIL BODY', JSON.stringify(d.body));
const l = await show('list', '/api/repairs/mine?limit=20', json(z.accessToken));
console.log('LIST BODY', JSON.stringify(l.body).slice(0, 1500));
proc.kill('SIGTERM');
