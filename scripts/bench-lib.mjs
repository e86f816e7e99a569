// What every `npm run bench` part shares: the settings, the real server and a bare server in child processes, the
// autocannon load. Each part (bench.mjs, bench-fees.mjs, …) keeps only its own data, SQL and report.
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DURATION = Number(process.env.BENCH_DURATION ?? 10);
export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
export const baseDbUrl = new URL(process.env.BENCH_DB_URL ?? 'mysql://root@127.0.0.1:3306/test');
export const conn = {
  host: baseDbUrl.hostname,
  port: Number(baseDbUrl.port || 3306),
  user: decodeURIComponent(baseDbUrl.username),
  password: decodeURIComponent(baseDbUrl.password),
};

/** The DB_URL of a bench database on the same server. */
export function dbUrlOf(db) {
  const u = new URL(baseDbUrl);
  u.pathname = `/${db}`;
  return u;
}

/** `npm start`'s server (server/dist/main.js) in development mode, quiet, on a free port. */
export function startServer(env) {
  // BENCH_NODE_ARGS: flags for the real server's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...nodeArgs, path.join(root, 'server/dist/main.js')], {
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'error', PORT: '0', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return listening(proc, /LINLI_LISTENING (\S+)/, 'server').then((url) => ({ proc, url }));
}

/** A bare server script in its own process (so its CPU time is its own); it prints BARE_LISTENING <url>. */
export async function startBareProcess(script, envName, config) {
  const proc = spawn(process.execPath, [script], { env: { ...process.env, [envName]: JSON.stringify(config) }, stdio: ['ignore', 'pipe', 'inherit'] });
  return { proc, url: await listening(proc, /BARE_LISTENING (\S+)/, 'bare server') };
}

function listening(proc, pattern, what) {
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (b) => {
      out += b;
      const m = pattern.exec(out);
      if (m) resolve(m[1]);
    });
    proc.on('exit', (c) => reject(new Error(`${what} exited ${c}`)));
  });
}

/**
 * autocannon at CONNECTIONS for DURATION s; `body()` makes each request's JSON body; with `ids`, one request per id
 * (the id replaces ID in the URL) instead of a duration.
 */
export function load(url, method = 'GET', token = null, body = null, ids = null) {
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
