#!/usr/bin/env node
/* global document, performance -- the measuring functions run in the page */
// Part of `npm run bench` ([polish] item 19): the resident app's cold first screen in headless Chromium, against
// the real server (SQLite, the H5 build in miniapp/dist/h5) on loopback — the login page's button laid out, timed
// with the Performance API, fresh browser context (empty cache) per run. Beside it, in the same run, the bare
// baseline: a node:http page with the same button and nothing else, so the ratio is what the app adds over
// Chromium's own navigation and paint. Target: ≤ 1.0 s. Writes bench-results/first-screen.json.
// BENCH_FIRST_SCREEN_RUNS (10), CHROMIUM_PATH (/usr/bin/chromium). Needs `npm run build:h5`.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { root, startServer } from './bench-lib.mjs';

const RUNS = Number(process.env.BENCH_FIRST_SCREEN_RUNS ?? 10);
const TARGET_MS = 1000;
const H5_DIR = path.join(root, 'miniapp/dist/h5');
const SELECTOR = '.e2e-dev-login';
const BARE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>bare</title></head>
<body><button class="e2e-dev-login">登录</button></body></html>`;

/** One cold load: navigation timings, the first frame with `selector` laid out, js + css bytes. */
async function measure(browser, url) {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  const shown = await (
    await page.waitForFunction(
      (sel) => {
        const box = document.querySelector(sel)?.getBoundingClientRect();
        return box && box.width > 0 && box.height > 0 ? performance.now() : false;
      },
      SELECTOR,
      { polling: 'raf', timeout: 15_000 },
    )
  ).jsonValue();
  await page.waitForLoadState('load');
  const r = await page.evaluate((firstScreen) => {
    const nav = performance.getEntriesByType('navigation')[0];
    const assets = performance.getEntriesByType('resource').filter((e) => /\.(js|css)$/.test(new URL(e.name).pathname));
    return {
      firstScreen: Math.round(firstScreen),
      domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
      load: Math.round(nav.loadEventEnd),
      transferredKiB: Math.round(assets.reduce((n, e) => n + e.transferSize, 0) / 1024),
      decodedKiB: Math.round(assets.reduce((n, e) => n + e.decodedBodySize, 0) / 1024),
    };
  }, shown);
  await ctx.close();
  return r;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main() {
  if (!fs.existsSync(path.join(H5_DIR, 'resident/index.html'))) {
    console.log('first screen: skipped — no H5 build (npm run build:h5)');
    return;
  }
  const bare = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(BARE_PAGE));
  await new Promise((r) => bare.listen(0, '127.0.0.1', r));
  const bareUrl = `http://127.0.0.1:${bare.address().port}/`;
  const data = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-first-screen-'));
  const server = await startServer({ H5_DIR, DATA_DIR: data, SQLITE_PATH: path.join(data, 'linli.sqlite') });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const app = [];
    const base = [];
    // interleaved, so a busy moment of the machine falls on both sides
    await measure(browser, `${server.url}/resident/`);
    for (let i = 0; i < RUNS; i++) {
      app.push(await measure(browser, `${server.url}/resident/`));
      base.push(await measure(browser, bareUrl));
    }
    const appMs = median(app.map((r) => r.firstScreen));
    const bareMs = median(base.map((r) => r.firstScreen));
    const result = {
      at: new Date().toISOString(),
      runs: RUNS,
      loadPerCore: Number((os.loadavg()[0] / os.cpus().length).toFixed(2)),
      app: { medianMs: appMs, bestMs: Math.min(...app.map((r) => r.firstScreen)), runs: app },
      bare: { medianMs: bareMs, bestMs: Math.min(...base.map((r) => r.firstScreen)) },
      ratio: Number((appMs / bareMs).toFixed(1)),
      targetMs: TARGET_MS,
      met: appMs <= TARGET_MS,
    };
    console.log(
      `resident first screen (cold, loopback, median of ${RUNS}): ${appMs} ms (best ${result.app.bestMs}) · bare page ${bareMs} ms · ` +
        `${result.ratio}× · js+css ${app[0].transferredKiB} KiB over the wire (${app[0].decodedKiB} KiB decoded) · ` +
        `target ≤ ${TARGET_MS} ms ${result.met ? 'met' : 'NOT met'} · load ${result.loadPerCore} per core`,
    );
    fs.mkdirSync(path.join(root, 'bench-results'), { recursive: true });
    fs.writeFileSync(path.join(root, 'bench-results/first-screen.json'), JSON.stringify(result, null, 2));
    console.log('written to bench-results/first-screen.json');
  } finally {
    await browser.close();
    server.proc.kill();
    bare.close();
    fs.rmSync(data, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
