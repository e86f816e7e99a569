#!/usr/bin/env node
// `npm test`: the whole suite. Builds what the tests run (shared, the server, the H5 apps), then
//   1. unit + API e2e on SQLite,
//   2. API e2e on MySQL/MariaDB when TEST_DB_URL is set (required when CI=true),
//   3. browser e2e (Chromium over the H5 builds against the real server), skipped loudly without Chromium
//      except when CI=true,
// and ends with one line "N passed, N failed".
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ci = process.env.CI === 'true' || process.env.CI === '1';
const outDir = path.join(root, '.test-results');
fs.mkdirSync(outDir, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function step(title) {
  console.log(`\n=== ${title} ===`);
}

/** One Jest pass; with `log` its output goes to that file (printed when it ends), so two passes can run at once. */
async function jest(name, pattern, env, log) {
  const out = path.join(outDir, `${name}.json`);
  fs.rmSync(out, { force: true });
  const args = [path.join(root, 'node_modules/jest/bin/jest.js'), '--testPathPatterns', pattern, '--json', '--outputFile', out];
  const fullEnv = {
    ...process.env,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`.trim(),
    ...env,
  };
  const fd = log ? fs.openSync(log, 'w') : null;
  const status = await new Promise((resolve) => {
    const p = spawn(process.execPath, args, { cwd: root, env: fullEnv, stdio: fd === null ? 'inherit' : ['ignore', fd, fd] });
    p.on('exit', (code) => resolve(code ?? 1));
  });
  if (fd !== null) {
    fs.closeSync(fd);
    step(`${name} (output of ${path.relative(root, log)})`);
    process.stdout.write(fs.readFileSync(log, 'utf8'));
  }
  if (!fs.existsSync(out)) {
    console.error(`[test] ${name}: jest wrote no results (exit ${status})`);
    broken = true;
    return;
  }
  const r = JSON.parse(fs.readFileSync(out, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests;
  if (r.numFailedTestSuites > 0 && r.numFailedTests === 0) broken = true; // a suite that failed to load
  console.log(`[test] ${name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}

/** `npm run build:h5` with its output in `log` (printed when it ends); resolves to its exit status. */
function buildH5(log) {
  const fd = fs.openSync(log, 'w');
  return new Promise((resolve) => {
    const p = spawn('npm', ['run', 'build:h5', '-w', '@linli/miniapp'], { cwd: root, stdio: ['ignore', fd, fd] });
    p.on('exit', (code) => {
      fs.closeSync(fd);
      step(`H5 build (output of ${path.relative(root, log)})`);
      process.stdout.write(fs.readFileSync(log, 'utf8').slice(-4000));
      resolve(code ?? 1);
    });
  });
}

function chromium() {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && fs.existsSync(p)) return p;
  return null;
}

step('build shared + server');
if (run('npm', ['run', 'build', '-w', '@linli/shared']) || run('npm', ['run', 'build', '-w', '@linli/server'])) process.exit(1);

const browser = chromium();
const h5Built = ['resident', 'staff'].every((a) => fs.existsSync(path.join(root, 'miniapp/dist/h5', a, 'index.html')));
// the H5 build (one busy process) overlaps the API passes, which mostly wait on servers starting and on commits
const h5 = browser && (!h5Built || process.env.REBUILD_H5 !== '0') ? buildH5(path.join(outDir, 'h5-build.log')) : Promise.resolve(0);

// SQLite and MariaDB passes at once: each spends most of its time waiting on servers starting and on commits
step('unit + API e2e on SQLite, and API e2e on MySQL/MariaDB (in parallel), H5 build alongside');
const passes = [jest('sqlite', '(shared|server|miniapp/src)/', { TEST_DB: 'sqlite' }, path.join(outDir, 'sqlite.log'))];
if (process.env.TEST_DB_URL) passes.push(jest('mysql', 'server/test/', { TEST_DB: 'mysql' }, path.join(outDir, 'mysql.log')));
else if (ci) {
  console.error('[test] CI=true but TEST_DB_URL is not set: the MariaDB pass is required in CI');
  broken = true;
} else console.warn('[test] TEST_DB_URL not set: MySQL/MariaDB pass SKIPPED (set TEST_DB_URL=mysql://root@127.0.0.1:3306/test)');
await Promise.all(passes);

step('browser e2e (H5 builds in headless Chromium)');
if (!browser) {
  if (ci) {
    console.error('[test] CI=true but no Chromium found (CHROMIUM_PATH, /usr/bin/chromium): browser e2e cannot be skipped in CI');
    broken = true;
  } else console.warn('\n!!! No Chromium found (set CHROMIUM_PATH or apt-get install chromium): browser e2e SKIPPED !!!\n');
} else {
  if (await h5) {
    console.error('[test] H5 build failed');
    broken = true;
  }
  if (!broken) {
    const before = totals.passed + totals.failed;
    await jest('browser', 'miniapp/e2e/', { TEST_DB: 'sqlite', CHROMIUM_PATH: browser });
    if (ci && totals.passed + totals.failed === before) {
      console.error('[test] CI=true but the browser suite ran no test');
      broken = true;
    }
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed || broken ? 1 : 0);
