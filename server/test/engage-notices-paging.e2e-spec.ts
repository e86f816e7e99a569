import { LoginResponse, NoticeFeedView, NoticePageView, NoticeView } from '@linli/shared';
import { statements } from './helpers/passes';
import { Res, TestApp } from './helpers/test-app';

type Err = { code: string; message: string; details?: { field: string; rule: string }[] };
type Made = { id: number; pinned: boolean; at: string; audience: 'all' | 'b1' | 'b2' };

const raw = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
/** the feed's order: pinned first, then newest, then the higher id */
const feedOrder = (a: Made, b: Made) => Number(b.pinned) - Number(a.pinned) || b.at.localeCompare(a.at) || b.id - a.id;

/**
 * Notices paged with keyset cursors: the resident feed (pinned, published_at, id) and the staff list (id), every
 * visible notice exactly once and in order across pages; the unread count with the first page only; bogus cursors 400.
 */
describe('engage: notices paged (通知公告 分页)', () => {
  let t: TestApp;
  let manager1: LoginResponse, zhangsan: LoginResponse, lisi: LoginResponse;
  let jxhy: number, building1: number, building2: number;
  const made: Made[] = [];
  const unpublished: number[] = [];

  const tok = (u: LoginResponse) => ({ token: u.accessToken });
  const draft = async (over: Record<string, unknown>) => {
    const r = await t.post<NoticeView & Err>(
      '/api/notices',
      { communityId: jxhy, kind: 'notice', body: '分页测试', targetKind: 'community', ...over },
      tok(manager1),
    );
    if (r.status !== 201) throw new Error(`draft → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const publish = async (n: { id: number; version: number }) => {
    const r = await t.post<NoticeView & Err>(`/api/notices/${n.id}/publish`, { version: n.version }, tok(manager1));
    if (r.status !== 200) throw new Error(`publish → ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  /** every page of a list, following nextCursor; asserts each page's size */
  async function pageAll<P extends { items: { id: number }[]; nextCursor: string | null }>(who: LoginResponse, path: string, limit: number) {
    const pages: P[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const r: Res<P> = await t.get<P>(`${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, tok(who));
      expect(r.status).toBe(200);
      expect(statements(r)).toBeLessThanOrEqual(3);
      pages.push(r.body);
      cursor = r.body.nextCursor;
      if (cursor) expect(r.body.items.length).toBe(limit);
    } while (cursor && pages.length < 50);
    return { pages, ids: pages.flatMap((p) => p.items.map((i) => i.id)) };
  }

  beforeAll(async () => {
    t = await TestApp.start();
    await t.post('/api/test/clock', { set: '2026-12-03T02:00:00.000Z' });
    [manager1, zhangsan, lisi] = await Promise.all([t.staff('manager1'), t.resident('zhangsan'), t.resident('lisi')]);
    const b = await t.query(
      "SELECT b.id, b.name, b.community_id FROM buildings b JOIN communities c ON c.id = b.community_id WHERE c.name = '锦绣花园' AND b.name IN ('1栋', '2栋')",
    );
    jxhy = Number(b[0].community_id);
    building1 = Number(b.find((x: { name: string }) => x.name === '1栋').id);
    building2 = Number(b.find((x: { name: string }) => x.name === '2栋').id);
    // 26 to the whole community (3 pinned), 4 to building 2 (lisi's), 3 to building 1 (zhangsan's)
    const plan: { audience: Made['audience']; pinned: boolean }[] = [
      ...Array.from({ length: 26 }, (_, i) => ({ audience: 'all' as const, pinned: [3, 10, 17].includes(i) })),
      ...Array.from({ length: 4 }, (_, i) => ({ audience: 'b2' as const, pinned: i === 0 })),
      ...Array.from({ length: 3 }, () => ({ audience: 'b1' as const, pinned: false })),
    ];
    for (const [i, p] of plan.entries()) {
      const target = p.audience === 'all' ? {} : { targetKind: 'building', targetIds: [p.audience === 'b1' ? building1 : building2] };
      const n = await publish(await draft({ title: `分页通知 ${i + 1}`, pinned: p.pinned, ...target }));
      // publish times in pairs: two notices share each instant (the id breaks the tie), in an order unlike the ids'
      const k = Math.floor(i / 2);
      const at = `2026-12-0${1 + (k % 3)} 0${Math.floor(k / 3)}:${String((k * 7) % 60).padStart(2, '0')}:00.000`;
      await t.query('UPDATE notices SET published_at = ? WHERE id = ?', [at, n.id]);
      made.push({ id: n.id, pinned: p.pinned, at, audience: p.audience });
    }
    // neither a draft nor a withdrawn notice is a resident's
    unpublished.push((await draft({ title: '分页草稿' })).id);
    const w = await publish(await draft({ title: '分页撤回' }));
    await t.post(`/api/notices/${w.id}/withdraw`, { version: w.version }, tok(manager1));
    unpublished.push(w.id);
  }, 120_000);
  afterAll(() => t?.close());

  it('zhangsan pages the feed by 20: every notice of his rooms once, pinned first, none of building 2; unread on the first page only', async () => {
    const want = made.filter((m) => m.audience !== 'b2').sort(feedOrder);
    expect(want.length).toBe(29);
    await t.get(`/api/notices/feed/${want[0].id}`, tok(zhangsan));
    await t.get(`/api/notices/feed/${want[25].id}`, tok(zhangsan));

    const { pages, ids } = await pageAll<NoticeFeedView>(zhangsan, '/api/notices/feed', 20);
    expect(pages.map((p) => p.items.length)).toEqual([20, 9]);
    expect(ids).toEqual(want.map((m) => m.id));
    expect(pages[0].items.slice(0, 3).every((i) => i.pinned)).toBe(true);
    expect(pages[0].items[3].pinned).toBe(false);
    expect([pages[0].unread, pages[1].unread, pages[1].nextCursor]).toEqual([27, 0, null]);
    expect(pages[1].items.find((i) => i.id === want[25].id)?.read).toBe(true);
    expect(pages[1].items.filter((i) => i.read).length).toBe(1);
  });

  it('smaller pages give the same order (ties on the publish time broken by id), and lisi sees building 2, not building 1', async () => {
    const z = await pageAll<NoticeFeedView>(zhangsan, '/api/notices/feed', 7);
    expect(z.pages.length).toBe(5);
    expect(z.ids).toEqual(
      made
        .filter((m) => m.audience !== 'b2')
        .sort(feedOrder)
        .map((m) => m.id),
    );
    const l = await pageAll<NoticeFeedView>(lisi, '/api/notices/feed', 20);
    const want = made.filter((m) => m.audience !== 'b1').sort(feedOrder);
    expect(l.ids).toEqual(want.map((m) => m.id));
    expect(l.ids.filter((id) => made.find((m) => m.id === id)?.audience === 'b1')).toEqual([]);
    expect(l.pages[0].items.slice(0, 4).every((i) => i.pinned)).toBe(true);
    expect(l.ids.filter((id) => unpublished.includes(id))).toEqual([]);
    expect(l.pages[0].unread).toBe(want.length);
  });

  it('the home strip (limit=3) is the feed’s first three, with the unread count and a cursor', async () => {
    const home = await t.get<NoticeFeedView>('/api/notices/feed?limit=3', tok(lisi));
    const want = made.filter((m) => m.audience !== 'b1').sort(feedOrder);
    expect([home.status, home.body.items.map((i) => i.id), home.body.unread]).toEqual([200, want.slice(0, 3).map((m) => m.id), want.length]);
    expect(home.body.nextCursor).toEqual(expect.any(String));
    const next = await t.get<NoticeFeedView>(`/api/notices/feed?limit=3&cursor=${home.body.nextCursor}`, tok(lisi));
    expect(next.body.items.map((i) => i.id)).toEqual(want.slice(3, 6).map((m) => m.id));
    expect(statements(next)).toBeLessThanOrEqual(2);
  });

  it('the staff list pages by id: all of the community’s notices once, newest first, drafts and withdrawn included; by status too', async () => {
    const all = await pageAll<NoticePageView>(manager1, `/api/notices?communityId=${jxhy}`, 20);
    const want = [...made.map((m) => m.id), ...unpublished].sort((a, b) => b - a);
    expect(all.ids).toEqual(want);
    expect(all.pages.map((p) => p.items.length)).toEqual([20, 15]);
    const published = await pageAll<NoticePageView>(manager1, `/api/notices?communityId=${jxhy}&status=published`, 20);
    expect(published.ids).toEqual(made.map((m) => m.id).sort((a, b) => b - a));
  });

  it('a bogus cursor is a 400 in the API error shape, on both lists, never a 500', async () => {
    const feedCursor = (await t.get<NoticeFeedView>('/api/notices/feed?limit=1', tok(zhangsan))).body.nextCursor as string;
    const staffCursor = (await t.get<NoticePageView>('/api/notices?limit=1', tok(manager1))).body.nextCursor as string;
    const bogus = [
      'garbage',
      '%25%25%25',
      '123',
      raw([]),
      raw([2, '2026-12-01 00:00:00.000', 5]),
      raw([1, '2026-02-30 00:00:00.000', 5]),
      raw([1, "' OR 1=1 --", 5]),
      raw([0, '2026-12-01 00:00:00.000', 0]),
      raw({ id: 5 }),
      'x'.repeat(201),
    ];
    for (const c of [...bogus, raw([1]), staffCursor]) {
      const r = await t.get<Err>(`/api/notices/feed?cursor=${c}`, tok(zhangsan));
      expect([c, r.status, r.body.code, typeof r.body.message]).toEqual([c, 400, expect.any(String), 'string']);
    }
    for (const c of [...bogus, raw([0]), raw(['5']), feedCursor]) {
      const r = await t.get<Err>(`/api/notices?cursor=${c}`, tok(manager1));
      expect([c, r.status, r.body.code, typeof r.body.message]).toEqual([c, 400, expect.any(String), 'string']);
    }
    const r = await t.get<Err>('/api/notices/feed?cursor=garbage', tok(zhangsan));
    expect(r.body.details).toEqual([expect.objectContaining({ field: 'cursor', rule: 'cursorShape' })]);
  });
});
