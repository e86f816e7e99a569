import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LoginResponse } from '@linli/shared';
import { TestApp } from './helpers/test-app';
import { Cast, HOUR, JPEG, PNG, OtherCompany, otherCompany, repairsApi } from './helpers/repairs';

const SIGNED = /^\/api\/uploads\/(\d+)\/content\?exp=(\d+)&sig=([\w-]+)$/;
const MB = 1024 * 1024;
/** a PNG signature followed by filler: the server sniffs the first bytes only */
const pngOfSize = (bytes: number) => Buffer.concat([PNG, Buffer.alloc(bytes - PNG.length, 0x20)]);

describe('repairs: photo uploads (sniffed, size-limited, signed URLs) and their use on orders', () => {
  let t: TestApp;
  let api: ReturnType<typeof repairsApi>;
  let dataDir: string;
  let agent1: LoginResponse, tech1: LoginResponse, zhangsan: LoginResponse, lisi: LoginResponse;
  let room101: { id: number; communityId: number };
  let cast: Cast;
  let far: OtherCompany;

  const uploadRow = async (id: number) => (await t.query('SELECT subject_type, subject_id, purpose, uploader_id FROM uploads WHERE id = ?', [id]))[0];

  beforeAll(async () => {
    // files go to a throwaway directory on either database
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-uploads-'));
    t = await TestApp.start({ DATA_DIR: dataDir });
    api = repairsApi(t);
    [agent1, tech1] = await Promise.all(['agent1', 'technician1'].map((u) => t.staff(u)));
    [zhangsan, lisi] = await Promise.all(['zhangsan', 'lisi'].map((c) => t.resident(c)));
    room101 = await t.room('锦绣花园', '1栋1单元101');
    cast = { resident: zhangsan, desk: agent1, tech: tech1, roomId: room101.id };
    far = await otherCompany(t);
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a real PNG and a real JPEG → 201 with a signed URL that serves the same bytes with the sniffed type', async () => {
    for (const [bytes, mime, name, declared] of [
      [PNG, 'image/png', 'a.png', 'image/png'],
      [JPEG, 'image/jpeg', 'b.jpg', 'image/jpeg'],
      // the name and declared type do not matter, the bytes do
      [PNG, 'image/png', 'c.jpg', 'application/octet-stream'],
    ] as const) {
      const r = await api.upload(zhangsan.accessToken, bytes, name, declared);
      expect(r.status).toBe(201);
      expect(r.body).toEqual({ id: expect.any(Number), url: expect.stringMatching(SIGNED), mime, size: bytes.length });
      expect(SIGNED.exec(r.body.url!)![1]).toBe(String(r.body.id));
      const got = await api.fetchUrl(r.body.url!);
      expect(got.status).toBe(200);
      expect(got.type).toBe(mime);
      expect(got.bytes.equals(bytes)).toBe(true);
      expect(await uploadRow(r.body.id!)).toEqual(expect.objectContaining({ subject_id: null, purpose: null }));
      expect(Number((await uploadRow(r.body.id!)).uploader_id)).toBe(zhangsan.me.id);
    }
    // staff upload too (completion photos)
    expect((await api.upload(tech1.accessToken, JPEG, 'done.jpg', 'image/jpeg')).status).toBe(201);
  });

  it('anything that is not an image is 415 INVALID_UPLOAD, whatever its name; no file or no multipart is refused too', async () => {
    for (const [bytes, name] of [
      [Buffer.from('这不是图片，只是一段文字\n'), 'fake.png'],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'x.svg'],
      [Buffer.from('%PDF-1.7\n'), 'doc.png'],
      [Buffer.alloc(0), 'empty.png'],
    ] as const) {
      const r = await api.upload(zhangsan.accessToken, bytes, name, 'image/png');
      expect([name, r.status, r.body.code]).toEqual([name, 415, 'INVALID_UPLOAD']);
      expect(r.body.message).toMatch(/图片/);
    }
    const json = await t.post('/api/uploads', { file: 'iVBORw0KGgo=' }, { token: zhangsan.accessToken });
    expect(json.status).toBe(415);
    const noFile = await fetch(`${t.url}/api/uploads`, { method: 'POST', headers: { authorization: `Bearer ${zhangsan.accessToken}` }, body: new FormData() });
    expect(noFile.status).toBe(400);
    expect((await api.upload(undefined, PNG)).status).toBe(401);
    expect(Number((await t.query('SELECT COUNT(*) AS n FROM uploads WHERE uploader_id = ?', [zhangsan.me.id]))[0].n)).toBe(3);
  });

  it('up to 10 MB is accepted (a 3 MB phone photo, exactly 10 MB); more is 413', async () => {
    const three = await api.upload(zhangsan.accessToken, pngOfSize(3 * MB));
    expect(three.status).toBe(201);
    expect(three.body.size).toBe(3 * MB);
    const ten = await api.upload(zhangsan.accessToken, pngOfSize(10 * MB));
    expect(ten.status).toBe(201);
    expect((await api.fetchUrl(ten.body.url!)).bytes.length).toBe(10 * MB);
    // over the limit, however the bytes happen to be split into chunks on the way (a limit that fell on a
    // chunk boundary used to slip through as a silently truncated 10 MB file), is refused and not stored
    const rows = await t.query('SELECT COUNT(*) AS n FROM uploads');
    for (const extra of [1, 1, 7, 7, 13, 13, 100, 100, 4096, 65_536, MB, 5 * MB]) {
      const r = await api.upload(zhangsan.accessToken, pngOfSize(10 * MB + extra));
      expect([extra, r.status, r.body.code]).toEqual([extra, 413, 'INVALID_UPLOAD']);
    }
    expect(await t.query('SELECT COUNT(*) AS n FROM uploads')).toEqual(rows);
  });

  it('photos on an order: the detail shows them (intake, completion) with URLs that work for whoever may see it', async () => {
    const p1 = await api.photo(zhangsan.accessToken, PNG);
    const p2 = await api.photo(zhangsan.accessToken, JPEG);
    const d = await api.file(zhangsan.accessToken, room101.id, { photoIds: [p1.id, p2.id, p1.id] });
    expect(d.photos.map((p) => [p.id, p.mime])).toEqual([
      [p1.id, 'image/png'],
      [p2.id, 'image/jpeg'],
    ]);
    expect(d.completionPhotos).toEqual([]);
    expect(await uploadRow(p1.id)).toEqual(expect.objectContaining({ subject_type: 'ticket', purpose: 'intake' }));
    expect(Number((await uploadRow(p1.id)).subject_id)).toBe(d.id);

    await api.step(agent1.accessToken, d.id, 'accept', { tier: 'normal' });
    await api.step(agent1.accessToken, d.id, 'dispatch', { technicianId: tech1.me.id });
    await api.step(tech1.accessToken, d.id, 'arrive');
    const done = await api.photo(tech1.accessToken, JPEG);
    const completed = await api.step(tech1.accessToken, d.id, 'complete', { freeOfCharge: true, photoIds: [done.id] });
    expect(completed.completionPhotos.map((p) => p.id)).toEqual([done.id]);
    expect(completed.timeline.at(-1)!.payload).toEqual(expect.objectContaining({ photos: 1 }));

    for (const who of [zhangsan, agent1, tech1]) {
      const view = (await api.detail(who.accessToken, d.id)).body;
      expect(view.photos.map((p) => p.id)).toEqual([p1.id, p2.id]);
      expect(view.completionPhotos.map((p) => p.id)).toEqual([done.id]);
      for (const [p, bytes] of [
        [view.photos[0], PNG],
        [view.photos[1], JPEG],
        [view.completionPhotos[0], JPEG],
      ] as const) {
        expect(p.url).toMatch(SIGNED);
        const got = await api.fetchUrl(p.url);
        expect([who.me.name, got.status, got.type]).toEqual([who.me.name, 200, p.mime]);
        expect(got.bytes.equals(bytes)).toBe(true);
      }
    }
    // 9 photos are fine
    const nine = await Promise.all(Array.from({ length: 9 }, () => api.photo(zhangsan.accessToken)));
    const many = await api.file(zhangsan.accessToken, room101.id, { photoIds: nine.map((p) => p.id) });
    expect(many.photos).toHaveLength(9);
    // the hotline agent attaches a photo the caller sent over
    const fromAgent = await api.photo(agent1.accessToken);
    const intake = await api.intake(agent1.accessToken, {
      channel: 'hotline',
      communityId: room101.communityId,
      roomId: room101.id,
      category: 'water',
      description: '住户微信发来的照片',
      contactName: '张三',
      contactPhone: '13800000001',
      photoIds: [fromAgent.id],
    });
    expect(intake.status).toBe(201);
    expect(intake.body.photos!.map((p) => p.id)).toEqual([fromAgent.id]);
  });

  it("someone else's upload, an unknown id or another company's upload is 400 INVALID_UPLOAD, and no order is made", async () => {
    const theirs = await api.photo(lisi.accessToken);
    const staffs = await api.photo(agent1.accessToken);
    const foreign = await api.photo(far.resident.accessToken);
    const mineOk = await api.photo(zhangsan.accessToken);
    const before = Number((await t.query('SELECT COUNT(*) AS n FROM tickets'))[0].n);
    for (const photoIds of [[theirs.id], [staffs.id], [foreign.id], [999_999], [mineOk.id, theirs.id]]) {
      const r = await api.create(zhangsan.accessToken, { category: 'water', description: '借用别人的照片', roomId: room101.id, photoIds });
      expect([photoIds, r.status, r.body.code]).toEqual([photoIds, 400, 'INVALID_UPLOAD']);
    }
    expect(Number((await t.query('SELECT COUNT(*) AS n FROM tickets'))[0].n)).toBe(before);
    // nothing was claimed on the way: every one of them is still free for its owner
    for (const u of [theirs, mineOk]) expect((await uploadRow(u.id)).subject_id).toBeNull();
    const lisiRoom = await t.room('锦绣花园', '2栋2单元202');
    expect((await api.file(lisi.accessToken, lisiRoom.id, { photoIds: [theirs.id] })).photos.map((p) => p.id)).toEqual([theirs.id]);
    // a technician cannot complete with the resident's photo either
    const d = await api.orderIn(cast, 'in_progress');
    const r = await api.attempt(tech1.accessToken, d.id, 'complete', { freeOfCharge: true, photoIds: [mineOk.id] });
    expect(r.status).toBe(400);
    expect(await api.status(d.id)).toBe('in_progress');
  });

  it('a photo once attached cannot be used again (400), on a new order or at completion', async () => {
    const p = await api.photo(zhangsan.accessToken);
    const first = await api.file(zhangsan.accessToken, room101.id, { photoIds: [p.id] });
    expect(first.photos.map((x) => x.id)).toEqual([p.id]);
    const again = await api.create(zhangsan.accessToken, { category: 'water', description: '同一张照片再用一次', roomId: room101.id, photoIds: [p.id] });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('INVALID_UPLOAD');

    const done = await api.photo(tech1.accessToken);
    const a = await api.orderIn(cast, 'in_progress');
    const b = await api.orderIn(cast, 'in_progress');
    await api.step(tech1.accessToken, a.id, 'complete', { freeOfCharge: true, photoIds: [done.id] });
    const reuse = await api.attempt(tech1.accessToken, b.id, 'complete', { freeOfCharge: true, photoIds: [done.id] });
    expect(reuse.status).toBe(400);
    expect(reuse.body.code).toBe('INVALID_UPLOAD');
    expect(await api.status(b.id)).toBe('in_progress');
    // the photo stayed with the first order
    expect(Number((await uploadRow(done.id)).subject_id)).toBe(a.id);
    expect((await api.detail(zhangsan.accessToken, b.id)).body.completionPhotos).toEqual([]);
  });

  it('two orders sent at once with the same photo: one gets it, the other is 400 and not made', async () => {
    for (let round = 0; round < 4; round++) {
      const p = await api.photo(zhangsan.accessToken);
      const answers = await Promise.all(
        ['A', 'B'].map((k) =>
          api.create(zhangsan.accessToken, { category: 'water', description: `抢照片 ${round}${k}`, roomId: room101.id, photoIds: [p.id] }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 400]);
      const winner = answers.find((a) => a.status === 201)!.body;
      const loser = answers.find((a) => a.status === 400)!.body;
      expect(loser.code).toBe('INVALID_UPLOAD');
      expect(Number((await uploadRow(p.id)).subject_id)).toBe(winner.id);
      expect((await api.detail(zhangsan.accessToken, winner.id!)).body.photos.map((x) => x.id)).toEqual([p.id]);
      expect(Number((await t.query('SELECT COUNT(*) AS n FROM tickets WHERE description LIKE ?', [`抢照片 ${round}%`]))[0].n)).toBe(1);
    }
  });

  it('a tampered signature, another id, or an expired URL (the clock moved past 1 hour) is 404; a fresh detail signs again', async () => {
    const p = await api.photo(zhangsan.accessToken);
    const other = await api.photo(zhangsan.accessToken, JPEG);
    const d = await api.file(zhangsan.accessToken, room101.id, { photoIds: [p.id] });
    const url = d.photos[0].url;
    const [, id, exp, sig] = SIGNED.exec(url)!;
    expect((await api.fetchUrl(url)).status).toBe(200);
    const flip = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const bad of [
      `/api/uploads/${id}/content?exp=${exp}&sig=${flip(sig)}`,
      `/api/uploads/${id}/content?exp=${Number(exp) + 3600}&sig=${sig}`,
      `/api/uploads/${other.id}/content?exp=${exp}&sig=${sig}`,
      `/api/uploads/${id}/content?exp=${exp}`,
      `/api/uploads/${id}/content`,
      `/api/uploads/${id}/content?exp=abc&sig=${sig}`,
    ]) {
      const r = await api.fetchUrl(bad);
      expect([bad, r.status]).toEqual([bad, 404]);
    }
    // an hour later the URL is dead; the detail hands out a new one that works
    await api.clockAdvance(HOUR + 1000);
    expect((await api.fetchUrl(url)).status).toBe(404);
    const fresh = (await api.detail(zhangsan.accessToken, d.id)).body.photos[0].url;
    expect(fresh).not.toBe(url);
    const got = await api.fetchUrl(fresh);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(PNG)).toBe(true);
  });
});
