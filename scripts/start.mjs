#!/usr/bin/env node
// `npm start`: builds what is out of date (shared, server, the two H5 apps) and runs the server in the
// foreground on the embedded SQLite database (or DB_URL), migrated and seeded with demo data in development.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newest(dir) {
  let t = 0;
  if (!fs.existsSync(dir)) return t;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist') continue;
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Runs one build step quietly (one line with its time); its whole output only when it fails or with VERBOSE=1. */
function sh(label, args) {
  const t0 = Date.now();
  process.stdout.write(`${label} …`);
  const verbose = !!process.env.VERBOSE;
  const r = spawnSync('npm', args, { cwd: root, stdio: verbose ? 'inherit' : 'pipe', encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) {
    process.stdout.write(' 失败\n');
    if (!verbose) process.stderr.write(`${r.stdout ?? ''}${r.stderr ?? ''}`);
    process.exit(r.status || 1);
  }
  process.stdout.write(` 完成 (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
}

sh('构建 shared', ['run', 'build', '-w', '@linli/shared']);
sh('构建 server', ['run', 'build', '-w', '@linli/server']);

const sources = Math.max(newest(path.join(root, 'miniapp/src')), newest(path.join(root, 'miniapp/config')), newest(path.join(root, 'shared/src')));
for (const app of ['resident', 'staff']) {
  const index = path.join(root, 'miniapp/dist/h5', app, 'index.html');
  if (!fs.existsSync(index) || fs.statSync(index).mtimeMs < sources) {
    sh(`构建 ${app} H5 (首次约 2–5 分钟)`, ['run', `build:h5:${app}`, '-w', '@linli/miniapp']);
  }
}

// Nest's start-up lines (~100: per module, per route, "starting", "started") bury the banner: dropped here unless
// LOG_LEVEL is debug or trace. (Filtering them inside the server's logger also lost pino-http's request lines.)
const STARTUP_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);
const quiet = !['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '');
const server = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], { cwd: root, stdio: ['inherit', quiet ? 'pipe' : 'inherit', 'inherit'] });
if (quiet) {
  let rest = '';
  server.stdout.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (!isStartupLine(line)) process.stdout.write(`${line}\n`);
  });
  server.stdout.on('end', () => rest && process.stdout.write(rest));
}

function isStartupLine(line) {
  if (!line.startsWith('{')) return false;
  try {
    const e = JSON.parse(line);
    return STARTUP_CONTEXTS.has(e.context) && e.level <= 30;
  } catch {
    return false;
  }
}
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));
