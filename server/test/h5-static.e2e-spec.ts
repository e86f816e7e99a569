/**
 * The H5 apps as the server serves them: hashed assets precompressed at build time (miniapp/scripts/precompress.mjs)
 * and answered brotli / gzip by Accept-Encoding, cacheable for a year; index.html revalidated on every load.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { TestApp } from './helpers/test-app';

const IMMUTABLE = 'public, max-age=31536000, immutable';
const JS = `/* app */\n${'export const greeting = "您好，张三";\n'.repeat(200)}`;
const CSS = `.ll-page{padding:24px}\n${'.ll-state{display:flex;align-items:center}\n'.repeat(100)}`;
const SMALL = 'console.log(1);\n';

/** a raw GET (no automatic decompression) with the given Accept-Encoding */
async function get(url: string, acceptEncoding: string) {
  const res = await fetch(url, { headers: { 'accept-encoding': acceptEncoding } });
  // undici decodes br/gzip bodies itself; the header tells what came over the wire
  return { status: res.status, headers: res.headers, text: await res.text() };
}

describe('H5 static assets: precompressed, immutable when hashed, index.html revalidated', () => {
  let t: TestApp;
  let dist: string;

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-h5-'));
    const app = path.join(dist, 'h5', 'resident');
    fs.mkdirSync(path.join(app, 'js'), { recursive: true });
    fs.mkdirSync(path.join(app, 'css'), { recursive: true });
    fs.writeFileSync(
      path.join(app, 'index.html'),
      `<!doctype html><html><head><title>邻里</title></head><body><div id="app"></div>${'<!-- -->'.repeat(200)}</body></html>`,
    );
    fs.writeFileSync(path.join(app, 'js', 'app.1a2b3c4d.js'), JS);
    fs.writeFileSync(path.join(app, 'js', 'tiny.0f0f0f0f.js'), SMALL);
    fs.writeFileSync(path.join(app, 'css', 'app.5e6f7a8b.css'), CSS);
    // the post-build step the H5 build runs (miniapp/package.json build:h5:*)
    execFileSync(process.execPath, [path.resolve('miniapp/scripts/precompress.mjs'), 'resident'], { env: { ...process.env, LINLI_DIST_DIR: dist } });
    t = await TestApp.start({ H5_DIR: path.join(dist, 'h5') });
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('the build step writes a .br and a .gz next to each asset over 1 KiB, decoding to the same bytes', () => {
    const js = path.join(dist, 'h5/resident/js/app.1a2b3c4d.js');
    expect(zlib.brotliDecompressSync(fs.readFileSync(`${js}.br`)).toString()).toBe(JS);
    expect(zlib.gunzipSync(fs.readFileSync(`${js}.gz`)).toString()).toBe(JS);
    expect(fs.statSync(`${js}.br`).size).toBeLessThan(JS.length / 4);
    expect(fs.existsSync(path.join(dist, 'h5/resident/css/app.5e6f7a8b.css.br'))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'h5/resident/index.html.br'))).toBe(true);
    // too small to be worth it
    expect(fs.existsSync(path.join(dist, 'h5/resident/js/tiny.0f0f0f0f.js.br'))).toBe(false);
  });

  it('a hashed asset: brotli for br, gzip for gzip only, identity otherwise; immutable for a year; varies on Accept-Encoding', async () => {
    const url = `${t.url}/resident/js/app.1a2b3c4d.js`;
    const br = await get(url, 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(br.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(br.text).toBe(JS);

    const gz = await get(url, 'gzip');
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gz.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(gz.text).toBe(JS);

    const plain = await get(url, 'identity');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(plain.text).toBe(JS);

    const css = await get(`${t.url}/resident/css/app.5e6f7a8b.css`, 'br');
    expect(css.headers.get('content-encoding')).toBe('br');
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    expect(css.headers.get('cache-control')).toBe(IMMUTABLE);

    // no precompressed sibling: served as is, still immutable
    const tiny = await get(`${t.url}/resident/js/tiny.0f0f0f0f.js`, 'br');
    expect(tiny.headers.get('content-encoding')).toBeNull();
    expect(tiny.headers.get('cache-control')).toBe(IMMUTABLE);
    expect(tiny.text).toBe(SMALL);
  });

  it('index.html (at /resident/ and by name): no-cache, so a new build is picked up on the next load; compressed too', async () => {
    for (const p of ['/resident/', '/resident/index.html']) {
      const r = await get(`${t.url}${p}`, 'br');
      expect(`${p} ${r.status}`).toBe(`${p} 200`);
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(r.headers.get('content-type')).toMatch(/text\/html/);
      expect(r.headers.get('content-encoding')).toBe('br');
      expect(r.text).toContain('<title>邻里</title>');
      expect(r.headers.get('etag') ?? r.headers.get('last-modified')).toBeTruthy();
    }
    const missing = await get(`${t.url}/resident/js/nope.12345678.js`, 'br');
    expect(missing.status).toBe(404);
  });
});
