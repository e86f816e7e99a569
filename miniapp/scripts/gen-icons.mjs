// Writes the tab-bar icons (81×81 RGBA PNGs, a few hundred bytes each) for both apps.
// Shapes are drawn with 4× supersampling; no dependencies beyond node:zlib.
// Usage: node scripts/gen-icons.mjs
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 81;
const SS = 4;
const GREY = [0x8a, 0x8a, 0x8a];
const BRAND = [0x13, 0xa0, 0x7a];

const crcTable = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(shape, [r, g, b]) {
  const raw = Buffer.alloc((SIZE * 4 + 1) * SIZE);
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0;
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < SS; sy++) for (let sx = 0; sx < SS; sx++) if (shape((x + (sx + 0.5) / SS) / SIZE, (y + (sy + 0.5) / SS) / SIZE)) hits++;
      const o = y * (SIZE * 4 + 1) + 1 + x * 4;
      raw[o] = r;
      raw[o + 1] = g;
      raw[o + 2] = b;
      raw[o + 3] = Math.round((255 * hits) / (SS * SS));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const rect = (x, y, x0, y0, x1, y1) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const roundRect = (x, y, x0, y0, x1, y1, rr) => {
  if (!rect(x, y, x0, y0, x1, y1)) return false;
  const cx = Math.min(Math.max(x, x0 + rr), x1 - rr);
  const cy = Math.min(Math.max(y, y0 + rr), y1 - rr);
  return (x - cx) ** 2 + (y - cy) ** 2 <= rr * rr;
};
const circle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const shapes = {
  // house: roof + body with a door
  home: (x, y) => {
    const roof = y >= 0.14 && y <= 0.5 && Math.abs(x - 0.5) <= (y - 0.14) * 1.15;
    const body = rect(x, y, 0.24, 0.45, 0.76, 0.86);
    const door = rect(x, y, 0.43, 0.62, 0.57, 0.86);
    return (roof || body) && !door;
  },
  // services: 2×2 tiles
  services: (x, y) =>
    roundRect(x, y, 0.14, 0.14, 0.46, 0.46, 0.07) ||
    roundRect(x, y, 0.54, 0.14, 0.86, 0.46, 0.07) ||
    roundRect(x, y, 0.14, 0.54, 0.46, 0.86, 0.07) ||
    circle(x, y, 0.7, 0.7, 0.16),
  // me: head + shoulders
  me: (x, y) => circle(x, y, 0.5, 0.33, 0.17) || (y <= 0.86 && ((x - 0.5) / 0.33) ** 2 + ((y - 0.88) / 0.34) ** 2 <= 1),
  // workbench: briefcase
  workbench: (x, y) => {
    const handle = roundRect(x, y, 0.36, 0.16, 0.64, 0.36, 0.06) && !rect(x, y, 0.43, 0.23, 0.57, 0.4);
    const body = roundRect(x, y, 0.12, 0.3, 0.88, 0.84, 0.08);
    const band = rect(x, y, 0.12, 0.5, 0.88, 0.55);
    return handle || (body && !band);
  },
};

const apps = { resident: ['home', 'services', 'me'], staff: ['workbench', 'me'] };
for (const [app, names] of Object.entries(apps)) {
  const dir = resolve(root, 'src', app, 'assets', 'tab');
  mkdirSync(dir, { recursive: true });
  for (const name of names) {
    for (const [suffix, color] of [
      ['', GREY],
      ['-active', BRAND],
    ]) {
      const file = resolve(dir, `${name}${suffix}.png`);
      const buf = png(shapes[name], color);
      writeFileSync(file, buf);
      console.log(`${file.slice(root.length + 1)}  ${buf.length} B`);
    }
  }
}
