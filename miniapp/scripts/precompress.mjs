#!/usr/bin/env node
// After `taro build --type h5`: writes <file>.br and <file>.gz next to every text asset of one app's H5 build,
// so the server (@fastify/static preCompressed) answers them compressed without compressing per request.
// Usage: node scripts/precompress.mjs <resident|staff>   (LINLI_DIST_DIR as in config/index.ts)
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';

const app = process.argv[2];
if (app !== 'resident' && app !== 'staff') {
  console.error('usage: precompress.mjs <resident|staff>');
  process.exit(2);
}
const miniapp = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(miniapp, process.env.LINLI_DIST_DIR || 'dist', 'h5', app);
const TEXT = /\.(js|css|html|svg|json|txt|map)$/;
/** below this, compression does not pay for the extra file and header */
const MIN_BYTES = 1024;

function* files(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (TEXT.test(e.name)) yield p;
  }
}

let [n, raw, br] = [0, 0, 0];
for (const file of files(dir)) {
  const data = fs.readFileSync(file);
  if (data.length < MIN_BYTES) continue;
  const b = zlib.brotliCompressSync(data, {
    params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length },
  });
  fs.writeFileSync(`${file}.br`, b);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(data, { level: 9 }));
  [n, raw, br] = [n + 1, raw + data.length, br + b.length];
}
console.log(`precompress ${app}: ${n} files, ${(raw / 1024).toFixed(0)} KiB → ${(br / 1024).toFixed(0)} KiB brotli`);
