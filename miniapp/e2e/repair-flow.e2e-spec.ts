/**
 * The repair flow in a real browser: the resident and staff H5 apps against the real server (compiled, fresh
 * demo-seeded SQLite database), one browser context per person. Resident 张三 files a water repair with a photo,
 * agent1 accepts and dispatches it, technician1 (赵师傅) proposes a visit time, arrives (confirmed) and completes it with a priced line,
 * the resident confirms and rates, agent1 records the return visit; then a hotline intake by agent1, and the
 * countdown and 催单 of a resident order. Screenshots of every step: miniapp/e2e/screenshots/repair-flow/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR, type App } from './helpers/browser';
import { confirmModal, hookText, scrollToTop, snap, typeInto } from './helpers/flows';

const PASSWORD = 'linli123';
const ROOM = { community: '锦绣花园', label: '1栋1单元101' };
const OWNER_PHONE = '13800000001';
const COUNTDOWN = /还剩|已超时/;

// ---------------------------------------------------------------- a small generated PNG

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 64×64 RGB PNG: a blue–green gradient with a red diagonal (a "leaking pipe"), a few hundred bytes. */
function makePng(size = 64): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour RGB
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      const p = row + 1 + x * 3;
      const diagonal = Math.abs(x - y) < 3;
      raw[p] = diagonal ? 220 : 40;
      raw[p + 1] = diagonal ? 50 : 90 + x * 2;
      raw[p + 2] = diagonal ? 50 : 120 + y * 2;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// ---------------------------------------------------------------- steps in the words of the UI

/** Resident app: the demo 张三 → home. */
async function residentIn(b: E2EBrowser): Promise<App> {
  const r = await b.open('resident', 'zhangsan');
  await r.goto();
  await r.click('login-zhangsan');
  await r.waitHook('greeting', '张三');
  return r;
}

/** Resident app: 服务 → 我的报修. */
async function openMyRepairs(r: App): Promise<void> {
  await r.tab('服务');
  await r.click('service-row-repairs');
  await r.waitHook('repair-new');
  await r.settled();
}

/** Staff app: username / password → workbench with 报修工单. */
async function staffIn(b: E2EBrowser, username: string): Promise<App> {
  const s = await b.open('staff', username);
  await s.goto();
  await s.fill('username', username);
  await s.fill('password', PASSWORD);
  await s.click('login-submit');
  await s.waitHook('module-repairs', '报修工单');
  return s;
}

/** Staff app: the order's status tag in the detail head. */
async function staffStatus(s: App, status: string, label: string): Promise<void> {
  await s.waitHook(`repair-head .e2e-status-${status}`, label);
}

/** The countdown text now and a different one within 2 s (it ticks every second). */
async function expectTicking(a: App, scope: string): Promise<string> {
  const first = await hookText(a, `${scope} .e2e-countdown`);
  expect(first).toMatch(COUNTDOWN);
  const deadline = Date.now() + 2000;
  let now = first;
  while (now === first && Date.now() < deadline) {
    await a.page.waitForTimeout(100);
    now = await hookText(a, `${scope} .e2e-countdown`);
  }
  expect(now).not.toBe(first);
  expect(now).toMatch(COUNTDOWN);
  return now;
}

function idFromUrl(a: App): number {
  const id = Number(/[?&]id=(\d+)/.exec(a.page.url())?.[1]);
  if (!id) throw new Error(`no order id in ${a.page.url()}`);
  return id;
}

describe('browser: repairs (resident app ↔ staff app, real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;
  let photoFile: string;
  let roomId: number;

  beforeAll(async () => {
    chromiumPath();
    assertH5Built();
    photoFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'linli-e2e-')), '漏水照片.png');
    fs.writeFileSync(photoFile, makePng());
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('repair-flow', t.url);
    roomId = (await t.room(ROOM.community, ROOM.label)).id;
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
    if (photoFile) fs.rmSync(path.dirname(photoFile), { recursive: true, force: true });
  });

  async function userId(username: string): Promise<number> {
    const [u] = await t.query('SELECT id FROM users WHERE username = ?', [username]);
    return Number(u.id);
  }

  it(
    'acceptance: 张三 files a water repair with a photo → agent1 accepts as 急 and dispatches to 赵师傅 → technician1 proposes a time, arrives, completes with 2 × 更换水龙头 → 张三 confirms and rates 5 ★ → agent1 return visit 满意 → 已完结',
    () =>
      b.run('flow', async () => {
        const [item] = await t.query("SELECT id, price_cents FROM price_items WHERE name = '更换水龙头'");
        const priceId = Number(item.id);
        const totalCents = 2 * Number(item.price_cents);
        const total = `¥${(totalCents / 100).toFixed(2)}`;
        const techId = await userId('technician1');

        // ---- 张三 files the repair
        const r = await residentIn(b);
        await openMyRepairs(r);
        await snap(r, 'resident-my-repairs-empty');
        await r.click('repair-new', '我要报修');
        await r.waitHook('category-water');
        await r.click('category-water', '水暖');
        expect(await hookText(r, 'suggested-tier')).toContain('处理等级：客服受理时按问题确定');
        await typeInto(r, 'repair-description', '厨房水龙头一直滴水，关不紧');
        const chooser = r.page.waitForEvent('filechooser');
        await r.click('repair-photo-add');
        await (await chooser).setFiles(photoFile);
        // uploaded: the thumbnail without its 上传中… mask, the add tile counting 1/9
        await r.waitHook('repair-photo-add', '1/9');
        await r.page.locator('.ll-photo-mask').filter({ visible: true }).first().waitFor({ state: 'detached' });
        expect(
          await r
            .hook('location-room-' + roomId)
            .first()
            .getAttribute('class'),
        ).toContain('is-active');
        expect(await hookText(r, `location-room-${roomId}`)).toContain('1栋1单元101');
        expect(await (await r.waitHook('contact-name')).locator('input').inputValue()).toBe('张三');
        await typeInto(r, 'contact-phone', OWNER_PHONE);
        await scrollToTop(r);
        await snap(r, 'resident-new-repair-form-top');
        await (await r.waitHook('repair-photo-add')).scrollIntoViewIfNeeded();
        await snap(r, 'resident-new-repair-form');
        await r.hook('repair-submit').scrollIntoViewIfNeeded();
        await snap(r, 'resident-new-repair-form-bottom');
        await r.click('repair-submit', '提交报修');

        // the detail page of the new order
        await r.waitHook('repair-no');
        const id = idFromUrl(r);
        await r.waitHook(`repair-${id} .e2e-status-submitted`, '待受理');
        expect(await hookText(r, `repair-${id}`)).toContain('待定级');
        expect(await hookText(r, 'info-location')).toContain('锦绣花园 1栋1单元101');
        await r.waitHook('repair-info');
        await r.css('.ll-photo .ll-photo-img').first().waitFor();
        await snap(r, 'resident-repair-submitted');

        // 我的报修: the card with its live countdown
        await r.page.goBack();
        await r.waitHook(`repair-card-${id}`);
        expect(await hookText(r, `repair-card-${id}`)).toContain('水暖');
        await expectTicking(r, `repair-card-${id}`);
        await snap(r, 'resident-my-repairs-countdown');

        // ---- agent1 accepts as 急 and dispatches to 赵师傅
        const s = await staffIn(b, 'agent1');
        await snap(s, 'agent-workbench');
        await s.click('module-repairs');
        await s.waitHook(`repair-card-${id}`);
        const card = await hookText(s, `repair-card-${id}`);
        expect(card).toContain('待定级');
        expect(card).toContain('未派单');
        expect(card).toMatch(COUNTDOWN);
        await snap(s, 'agent-inbox-new-order');
        await s.click(`repair-card-${id}`);
        await staffStatus(s, 'submitted', '待受理');
        expect(await hookText(s, 'repair-head')).toContain('待定级');
        expect(await hookText(s, 'repair-head')).toMatch(COUNTDOWN);
        await s.css('.ll-photo .ll-photo-img').first().waitFor();
        await snap(s, 'agent-detail-submitted');

        await s.click('action-accept', '受理');
        await s.waitHook('panel-accept');
        await s.click('panel-accept .e2e-tier-urgent', '急');
        expect(await s.hook('panel-accept .e2e-tier-urgent').first().getAttribute('class')).toContain('is-active');
        await snap(s, 'agent-accept-urgent');
        await s.click('action-submit', '确认受理');
        await staffStatus(s, 'accepted', '已受理');
        await s.waitHook('repair-head .e2e-tier-urgent', '急');
        await snap(s, 'agent-accepted');

        await s.click('action-dispatch', '派单');
        const tech = await s.waitHook(`tech-${techId}`);
        const techText = (await tech.innerText()).replace(/\s+/g, ' ');
        const [load] = await t.query('SELECT COUNT(*) AS n FROM tickets WHERE assignee_id = ? AND is_open = 1', [techId]);
        expect(techText).toContain('赵师傅');
        expect(techText).toContain(`在办 ${Number(load.n)} 单`);
        await tech.click();
        expect(await tech.getAttribute('class')).toContain('is-active');
        await snap(s, 'agent-dispatch-technicians');
        await s.click('action-submit', '确认派单');
        await staffStatus(s, 'dispatched', '已派单');
        expect(await hookText(s, 'assignee')).toContain('赵师傅');
        await snap(s, 'agent-dispatched');

        // ---- technician1: 我的工单 → agree a time, arrive, complete with 2 × 更换水龙头
        const tc = await staffIn(b, 'technician1');
        await tc.click('module-repairs');
        await tc.waitHook('mine-title', '我的工单');
        await tc.waitHook(`repair-card-${id}`);
        expect(await hookText(tc, `repair-card-${id}`)).toContain('维修工：赵师傅');
        await snap(tc, 'tech-my-orders');
        await tc.click(`repair-card-${id}`);
        await staffStatus(tc, 'dispatched', '已派单');
        // a proposal only (the resident agrees in the app, see polish-repairs); the technician may still arrive
        await tc.click('action-propose-time', '提议上门时间');
        await tc.waitHook('panel-propose-time');
        await snap(tc, 'tech-schedule');
        await tc.click('action-submit', '提议此时间');
        await tc.waitHook('proposed-visit', '待住户确认');
        await staffStatus(tc, 'dispatched', '已派单');
        await snap(tc, 'tech-scheduled');

        await tc.click('action-arrive', '到场');
        await confirmModal(tc, 'tech-arrive-confirm');
        await staffStatus(tc, 'in_progress', '维修中');
        await snap(tc, 'tech-arrived');

        await tc.click('action-complete', '完工');
        await tc.waitHook(`price-${priceId}`, '更换水龙头');
        await tc.click(`qty-plus-${priceId}`);
        await tc.click(`qty-plus-${priceId}`);
        await tc.waitHook(`qty-${priceId}`, /^2$/);
        expect(await hookText(tc, `price-${priceId}`)).toContain(`× 2 = ${total}`);
        expect(await hookText(tc, 'complete-total')).toBe(`合计 ${total}`);
        await (await tc.waitHook('complete-total')).scrollIntoViewIfNeeded();
        await snap(tc, 'tech-complete-lines');
        await tc.click('action-submit', '确认完工');
        await confirmModal(tc, 'tech-complete-confirm');
        await staffStatus(tc, 'completed', '待确认');
        expect(await hookText(tc, 'charges-section')).toContain(total);
        await (await tc.waitHook('charges-section')).scrollIntoViewIfNeeded();
        await snap(tc, 'tech-completed');

        // ---- 张三 sees the completion and the charge, confirms and rates
        await r.click(`repair-card-${id}`);
        await r.waitHook(`repair-${id} .e2e-status-completed`, '待确认');
        expect(await hookText(r, 'repair-actions')).toContain('维修人员已完工');
        expect(await hookText(r, 'charge-total')).toBe(total);
        expect(await hookText(r, 'repair-charges')).toContain('更换水龙头');
        expect(await hookText(r, 'info-assignee')).toContain('赵师傅');
        await snap(r, 'resident-completed');
        await (await r.waitHook('repair-charges')).scrollIntoViewIfNeeded();
        await snap(r, 'resident-completed-charges');
        await r.click('repair-confirm', '确认完成');
        await confirmModal(r, 'resident-confirm-modal');
        await r.waitHook(`repair-${id} .e2e-status-confirmed`, '待回访');
        await r.click('repair-rate', '评价');
        await r.waitHook('rate-form');
        await r.click('rate-form .e2e-star-5');
        await typeInto(r, 'rate-comment', '师傅很准时，修得很好');
        expect(await r.css('.e2e-rate-form .rp-star.is-on').count()).toBe(5);
        await snap(r, 'resident-rate-form');
        await r.click('rate-submit', '提交评价');
        expect(await hookText(r, 'repair-rating')).toContain('师傅很准时，修得很好');
        expect(await r.css('.e2e-repair-rating .rp-star.is-on').count()).toBe(5);
        await snap(r, 'resident-rated');

        // ---- agent1: return visit 满意 → 已完结
        await s.page.goBack();
        await s.css('.nut-tabs-titles-item', '处理中').click();
        await s.waitHook(`repair-card-${id}`);
        await snap(s, 'agent-inbox-confirmed');
        await s.click(`repair-card-${id}`);
        await staffStatus(s, 'confirmed', '待回访');
        expect(await hookText(s, 'rating')).toContain('★★★★★');
        await s.click('action-return-visit', '回访');
        await s.click('satisfied-yes', '满意');
        await typeInto(s, 'action-notes', '住户表示满意');
        await snap(s, 'agent-return-visit');
        await s.click('action-submit', '提交回访');
        await staffStatus(s, 'closed', '已完结');
        expect(await hookText(s, 'return-visit')).toContain('满意');
        await snap(s, 'agent-closed');

        await r.page.reload();
        await r.waitHook(`repair-${id} .e2e-status-closed`, '已完结');
        expect(await hookText(r, 'repair-return-visit')).toContain('满意');
        await snap(r, 'resident-closed');
        await (await r.waitHook('repair-return-visit')).scrollIntoViewIfNeeded();
        await snap(r, 'resident-closed-return-visit');

        // ---- the order as stored
        const [row] = await t.query(
          'SELECT status, tier, rating, rating_comment, charge_total_cents, assignee_id, return_visit_satisfied FROM tickets WHERE id = ?',
          [id],
        );
        expect(row).toEqual(
          expect.objectContaining({
            status: 'closed',
            tier: 'urgent',
            rating: 5,
            rating_comment: '师傅很准时，修得很好',
            charge_total_cents: totalCents,
            assignee_id: techId,
          }),
        );
        expect(Boolean(row.return_visit_satisfied)).toBe(true);
        const uploads = await t.query("SELECT purpose, mime FROM uploads WHERE subject_type = 'ticket' AND subject_id = ?", [id]);
        expect(uploads).toEqual([{ purpose: 'intake', mime: 'image/png' }]);
        const charges = await t.query('SELECT price_item_id, quantity FROM ticket_charges WHERE ticket_id = ?', [id]);
        expect(charges.map((c) => [Number(c.price_item_id), Number(c.quantity)])).toEqual([[priceId, 2]]);
        const events = await t.query('SELECT type FROM ticket_events WHERE ticket_id = ? ORDER BY id', [id]);
        expect(events.map((e) => e.type)).toEqual([
          'created',
          'accepted',
          'dispatched',
          'time_proposed',
          'arrived',
          'completed',
          'confirmed',
          'rated',
          'return_visit',
        ]);
      }),
    120_000,
  );

  it(
    'hotline intake: agent1 finds 1栋1单元101 by typing “101”, files a 漏水 emergency → detail page 已受理 特急; 张三 sees it in 我的报修',
    () =>
      b.run('intake', async () => {
        const s = await staffIn(b, 'agent1');
        await s.click('module-repairs');
        await s.click('intake-open', '热线登记');
        await s.waitHook('room-q');
        expect(await s.hook('channel-hotline').first().getAttribute('class')).toContain('is-active');
        await typeInto(s, 'room-q', '101');
        const result = await s.waitHook(`room-${roomId}`);
        const resultText = (await result.innerText()).replace(/\s+/g, ' ');
        expect(resultText).toContain('锦绣花园 1栋1单元101');
        expect(resultText).toContain('张三 138****0001');
        expect(await s.visibleText()).not.toContain(OWNER_PHONE);
        await snap(s, 'agent-intake-room-search');
        await result.click();
        expect(await hookText(s, 'room-picked')).toContain('锦绣花园 1栋1单元101');
        await s.click('category-water', '水暖');
        await s.click('emergency-leak', '漏水');
        await typeInto(s, 'description', '来电：卫生间天花板大量漏水，楼上疑似水管爆裂');
        expect(await (await s.waitHook('contact-name')).locator('input').inputValue()).toBe('张三');
        await typeInto(s, 'contact-phone', OWNER_PHONE);
        // an emergency is always 特急: the other tiers are locked
        expect(await s.hook('tier-critical').first().getAttribute('class')).toContain('is-active');
        expect(await s.hook('tier-normal').first().getAttribute('class')).toContain('is-disabled');
        await snap(s, 'agent-intake-form');
        await (await s.waitHook('intake-submit')).scrollIntoViewIfNeeded();
        await snap(s, 'agent-intake-form-bottom');
        await s.click('intake-submit', '登记并受理');

        await staffStatus(s, 'accepted', '已受理');
        const id = idFromUrl(s);
        const head = await hookText(s, 'repair-head');
        expect(head).toContain('特急');
        expect(head).toContain('紧急 · 漏水');
        expect(head).toContain('1栋1单元101');
        await s.waitHook('action-dispatch', '派单');
        await snap(s, 'agent-intake-accepted');

        const r = await residentIn(b);
        await openMyRepairs(r);
        await r.waitHook(`repair-card-${id}`);
        const card = await hookText(r, `repair-card-${id}`);
        expect(card).toContain('水暖 · 漏水');
        expect(card).toContain('特急');
        expect(card).toContain('已受理');
        await snap(r, 'resident-sees-hotline-order');
        await r.click(`repair-card-${id}`);
        await r.waitHook(`repair-${id} .e2e-status-accepted`, '已受理');
        expect(await hookText(r, 'repair-info')).toContain('热线');
        await snap(r, 'resident-hotline-order-detail');

        const [row] = await t.query('SELECT status, tier, emergency, channel, room_id, reporter_id FROM tickets WHERE id = ?', [id]);
        expect(row).toEqual({ status: 'accepted', tier: 'critical', emergency: 'leak', channel: 'hotline', room_id: roomId, reporter_id: null });
      }),
    90_000,
  );

  it(
    'countdown and 催单: the countdown ticks; 催单 once → the button is disabled (10 分钟内只能催一次); agent1 sees 已催单',
    () =>
      b.run('urge', async () => {
        const login = await t.resident('zhangsan');
        const created = await t.post<{ id: number }>(
          '/api/repairs',
          { category: 'electric', description: '客厅插座没电', roomId, contactName: '张三', contactPhone: OWNER_PHONE },
          { token: login.accessToken, headers: { 'Idempotency-Key': `e2e-urge-${Date.now()}` } },
        );
        expect(created.status).toBe(201);
        const id = created.body.id;

        const r = await residentIn(b);
        await openMyRepairs(r);
        await r.waitHook(`repair-card-${id}`);
        await expectTicking(r, `repair-card-${id}`);
        await snap(r, 'resident-list-countdown');
        await r.click(`repair-card-${id}`);
        await r.waitHook(`repair-${id} .e2e-status-submitted`, '待受理');
        const ticked = await expectTicking(r, `repair-${id}`);
        expect(ticked).toContain('初步反馈');
        await snap(r, 'resident-detail-countdown');

        const urge = await r.waitHook('repair-urge', '催单');
        expect(await urge.getAttribute('class')).not.toContain('nut-button-disabled');
        await urge.click();
        await r.waitHook('urge-blocked', '10 分钟内只能催一次');
        expect(await r.hook('repair-urge').first().getAttribute('class')).toContain('nut-button-disabled');
        await r.shot('resident-urged'); // with its 已催单 toast
        // still blocked after a reload (the server's last_urged_at), and a second tap does nothing
        await r.page.reload();
        await r.waitHook('urge-blocked');
        await r.hook('repair-urge').first().click({ force: true });
        await r.page.waitForTimeout(300);
        await snap(r, 'resident-urged-reloaded');

        const s = await staffIn(b, 'agent1');
        await s.click('module-repairs');
        await s.waitHook(`repair-card-${id} .e2e-urged`, '已催单');
        await (await s.waitHook(`repair-card-${id}`)).scrollIntoViewIfNeeded();
        await snap(s, 'agent-inbox-urged');
        await s.click(`repair-card-${id}`);
        expect(await hookText(s, 'repair-head .e2e-urged')).toMatch(/^已催单 \d\d:\d\d$/);
        await snap(s, 'agent-detail-urged');

        const events = await t.query("SELECT COUNT(*) AS n FROM ticket_events WHERE ticket_id = ? AND type = 'urged'", [id]);
        expect(Number(events[0].n)).toBe(1);
        // the server holds the interval too: again now → 429; ten minutes later (server clock) → accepted
        const again = async () => {
          const [v] = await t.query('SELECT version FROM tickets WHERE id = ?', [id]);
          return t.post(`/api/repairs/${id}/actions/urge`, { version: Number(v.version) }, { token: login.accessToken });
        };
        expect((await again()).status).toBe(429);
        await t.post('/api/test/clock', { advanceMs: 10 * 60_000 + 1000 });
        expect((await again()).status).toBe(200);
      }),
    90_000,
  );
});
