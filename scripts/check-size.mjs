#!/usr/bin/env node
// Package sizes of the weapp builds (miniapp/dist/weapp/{resident,staff}) against WeChat's limits:
// main package and every subpackage ≤ 2 MB (fail), warn above 1 MB. Source maps are not shipped
// and are not counted. Writes miniapp/dist/weapp/sizes.json.
// Usage: node scripts/check-size.mjs   (after `npm run build:weapp`)
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const weappDir = join(repo, 'miniapp', 'dist', 'weapp');
const APPS = ['resident', 'staff'];
const LIMIT_KB = 2048;
const WARN_KB = 1024;
const TOTAL_LIMIT_KB = 30 * 1024;

function files(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (e.isFile() && !e.name.endsWith('.map')) out.push(p);
  }
  return out;
}
const kb = (bytes) => Math.round((bytes / 1024) * 10) / 10;

let failed = false;
const warnings = [];
const report = {};
const rows = [];

for (const app of APPS) {
  const root = join(weappDir, app);
  const appJson = join(root, 'app.json');
  if (!existsSync(appJson)) {
    console.error(`✖ ${relative(repo, appJson)} not found — run \`npm run build:weapp\` first`);
    failed = true;
    continue;
  }
  const cfg = JSON.parse(readFileSync(appJson, 'utf8'));
  const subRoots = [...(cfg.subPackages ?? []), ...(cfg.subpackages ?? [])].map((s) => s.root.replace(/\/+$/, ''));
  const sizes = { main: 0 };
  for (const r of subRoots) sizes[r] = 0;
  for (const f of files(root)) {
    const rel = relative(root, f).split(sep).join('/');
    const owner = subRoots.find((r) => rel === r || rel.startsWith(r + '/'));
    sizes[owner ?? 'main'] += statSync(f).size;
  }
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  report[app] = { mainKB: kb(sizes.main), subPackagesKB: Object.fromEntries(subRoots.map((r) => [r, kb(sizes[r])])), totalKB: kb(total) };
  for (const [name, bytes] of Object.entries(sizes)) {
    const k = kb(bytes);
    let status = 'ok';
    if (k > LIMIT_KB) {
      status = 'FAIL';
      failed = true;
    } else if (k > WARN_KB) {
      status = 'warn';
      warnings.push(`${app}/${name} is ${k} KB (> ${WARN_KB} KB)`);
    }
    rows.push([app, name === 'main' ? 'main' : `sub:${name}`, k, status]);
  }
  const tk = kb(total);
  if (tk > TOTAL_LIMIT_KB) failed = true;
  rows.push([app, 'total', tk, tk > TOTAL_LIMIT_KB ? 'FAIL' : '']);
}

const header = ['app', 'package', 'KB', 'status'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (r) => r.map((c, i) => (i === 2 ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
for (const w of warnings) console.warn(`⚠ ${w}`);

if (existsSync(weappDir)) {
  const out = join(weappDir, 'sizes.json');
  writeFileSync(out, JSON.stringify({ limitKB: LIMIT_KB, warnKB: WARN_KB, apps: report }, null, 2) + '\n');
  console.log(`wrote ${relative(repo, out)}`);
}
if (failed) {
  console.error(`✖ a package is over ${LIMIT_KB} KB (or a build is missing)`);
  process.exit(1);
}
