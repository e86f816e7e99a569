import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LoginResponse } from '@linli/shared';
import { TestApp } from './helpers/test-app';
import { HOUR, PNG, repairsApi } from './helpers/repairs';

const KB = 1024;
/** a PNG signature followed by filler: the server sniffs the first bytes only */
const pngOfSize = (bytes: number) => Buffer.concat([PNG, Buffer.alloc(bytes - PNG.length, 0x20)]);

describe('[#9.3] uploads: per-user rate and daily volume limits, unattached uploads deleted after 24 h', () => {
  let t: TestApp;
  let api: ReturnType<typeof repairsApi>;
  let dataDir: string;
  let zhangsan: LoginResponse, lisi: LoginResponse, agent1: LoginResponse;
  let room101: { id: number };

  const rows = async (ids: number[]) => (await t.query(`SELECT id FROM uploads WHERE id IN (${ids.join(',')})`)).map((r) => Number(r.id)).sort();
  const files = () => fs.readdirSync(path.join(dataDir, 'uploads'), { recursive: true }).filter((f) => /\.\w+$/.test(String(f))).length;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-quota-'));
    t = await TestApp.start({ DATA_DIR: dataDir, UPLOAD_RATE_PER_MINUTE: '5', UPLOAD_DAILY_MB: '1' });
    api = repairsApi(t);
    [zhangsan, lisi] = await Promise.all(['zhangsan', 'lisi'].map((c) => t.resident(c)));
    agent1 = await t.staff('agent1');
    room101 = await t.room('锦绣花园', '1栋1单元101');
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('the 6th upload within a minute is 429 UPLOAD_QUOTA_EXCEEDED with retry-after; other users are not affected; a minute later it works', async () => {
    for (let i = 0; i < 5; i++) expect((await api.upload(zhangsan.accessToken, PNG)).status).toBe(201);
    const n = Number((await t.query('SELECT COUNT(*) AS n FROM uploads'))[0].n);
    const r = await api.upload(zhangsan.accessToken, PNG);
    expect([r.status, r.body.code]).toEqual([429, 'UPLOAD_QUOTA_EXCEEDED']);
    expect(r.body.message).toMatch(/上传太频繁/);
    const retryAfter = Number(r.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(Number((await t.query('SELECT COUNT(*) AS n FROM uploads'))[0].n)).toBe(n);
    expect((await api.upload(agent1.accessToken, PNG)).status).toBe(201);
    await api.clockAdvance(61_000);
    expect((await api.upload(zhangsan.accessToken, PNG)).status).toBe(201);
  });

  it('more than UPLOAD_DAILY_MB in 24 hours is 429 with a retry-after within the day', async () => {
    for (let i = 0; i < 3; i++) expect((await api.upload(lisi.accessToken, pngOfSize(300 * KB))).status).toBe(201);
    const r = await api.upload(lisi.accessToken, pngOfSize(300 * KB));
    expect([r.status, r.body.code]).toEqual([429, 'UPLOAD_QUOTA_EXCEEDED']);
    expect(r.body.message).toMatch(/24 小时内上传已达 1 MB 上限/);
    const retryAfter = Number(r.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(23 * 3600);
    expect(retryAfter).toBeLessThanOrEqual(24 * 3600);
    // a small one still fits
    expect((await api.upload(lisi.accessToken, pngOfSize(50 * KB))).status).toBe(201);
    await api.clockAdvance(24 * HOUR + 1000);
    expect((await api.upload(lisi.accessToken, pngOfSize(300 * KB))).status).toBe(201);
  });

  it('the cleanup job deletes uploads never attached after 24 h (row and file); attached and younger ones stay', async () => {
    await api.clockAdvance(2 * 60_000);
    const stale = await api.photo(zhangsan.accessToken);
    const used = await api.photo(zhangsan.accessToken);
    const order = await api.file(zhangsan.accessToken, room101.id, { photoIds: [used.id] });
    await api.clockAdvance(24 * HOUR + 60_000);
    const fresh = await api.photo(zhangsan.accessToken);
    const before = files();

    const run = await t.post<{ deleted: number }>('/api/test/jobs/uploads-cleanup', {});
    expect(run.status).toBe(200);
    expect(run.body.deleted).toBeGreaterThanOrEqual(1);
    expect(await rows([stale.id, used.id, fresh.id])).toEqual([used.id, fresh.id].sort((a, b) => a - b));
    expect(files()).toBe(before - run.body.deleted);
    // the attached photo is still served on the order
    const detail = await api.detail(zhangsan.accessToken, order.id);
    const got = await api.fetchUrl(detail.body.photos![0].url);
    expect(got.status).toBe(200);
    // the deleted one cannot be attached any more
    expect((await api.create(zhangsan.accessToken, { category: 'water', description: '照片已过期', roomId: room101.id, photoIds: [stale.id] })).status).toBe(
      400,
    );
    // a second run finds nothing
    expect((await t.post<{ deleted: number }>('/api/test/jobs/uploads-cleanup', {})).body.deleted).toBe(0);
  });
});
