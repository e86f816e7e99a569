// Dev helper: serve dist/h5/{resident,staff} under /resident/ and /staff/ like the real server does,
// and either proxy /api to a running server (API_TARGET=http://127.0.0.1:3000) or answer it with the
// in-memory mock (scripts/mock-api.mjs). Usage: PORT=5173 [API_TARGET=…] node scripts/serve-h5.mjs
import http from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { handleMock } from './mock-api.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/h5');
const PORT = Number(process.env.PORT || 5173);
const API_TARGET = process.env.API_TARGET;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain',
};

function proxy(req, res) {
  const target = new URL(req.url, API_TARGET);
  const up = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } }, (r) => {
    res.writeHead(r.statusCode ?? 502, r.headers);
    r.pipe(res);
  });
  up.on('error', () => {
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'SERVICE_UNAVAILABLE', message: '服务暂时不可用，请稍后再试' }));
  });
  req.pipe(up);
}

http
  .createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/__mock/')) {
      if (API_TARGET) return proxy(req, res);
      return void handleMock(req, res, url);
    }
    const m = url.pathname.match(/^\/(resident|staff)(\/.*)?$/);
    if (!m) {
      res.writeHead(302, { location: '/resident/' });
      return void res.end();
    }
    let file = normalize(join(root, m[1], m[2] && m[2] !== '/' ? m[2] : 'index.html'));
    if (!file.startsWith(join(root, m[1])) || !existsSync(file) || statSync(file).isDirectory()) file = join(root, m[1], 'index.html');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  })
  .listen(PORT, '127.0.0.1', () => console.log(`h5 on http://127.0.0.1:${PORT}/resident/ and /staff/ (api: ${API_TARGET ?? 'mock'})`));
