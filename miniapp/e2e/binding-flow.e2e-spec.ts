/**
 * The foundation's acceptance flow in a real browser: the resident and staff H5 apps, served by the real
 * server (compiled, on a fresh demo-seeded SQLite database), clicked through in headless Chromium.
 * Screenshots of every step: miniapp/e2e/screenshots/binding-flow/.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TestApp } from '../../server/test/helpers/test-app';
import { assertH5Built, chromiumPath, E2EBrowser, H5_DIR, type App } from './helpers/browser';
import { authorisePhone, confirmModal, findBindingCard, requestBinding, residentLogin, staffLogin } from './helpers/flows';

const JXHY_2_1 = { community: '锦绣花园', building: '2栋', unit: '1单元' };
const ELEVEN_DIGITS = /(?<!\d)\d{11}(?!\d)/;

describe('browser: room binding (resident app ↔ staff app, real server)', () => {
  let t: TestApp;
  let b: E2EBrowser;

  beforeAll(async () => {
    chromiumPath(); // a clear failure before anything starts
    assertH5Built();
    t = await TestApp.start({ H5_DIR });
    b = await E2EBrowser.launch('binding-flow', t.url);
  }, 60_000);
  afterAll(async () => {
    await b?.close();
    await t?.close();
  });

  /** The resident behind a dev-login code (the server names it dev:<code>). */
  async function residentId(code: string): Promise<number> {
    const rows = await t.query("SELECT user_id FROM wechat_identities WHERE openid = ? AND app = 'resident'", [`dev:${code}`]);
    expect(rows).toHaveLength(1);
    return Number(rows[0].user_id);
  }

  /** 我的: the binding of a room with its status tag (waits for the refresh after the cached view). */
  async function expectRoomStatus(r: App, roomId: number, label: string) {
    await r.waitHook(`room-${roomId} .e2e-status-${label === '待审核' ? 'pending' : label === '已绑定' ? 'approved' : 'rejected'}`, label);
  }

  /** A new resident with a phone that matches no owner on record asks for a room of 锦绣花园 2栋1单元: pending. */
  async function residentRequests(code: string, phone: string, room: string, relation: 'tenant' | 'family', name: string) {
    const r = await b.open('resident');
    await residentLogin(r, code);
    await r.waitHook('no-room');
    await r.shot('resident-home-no-room');
    await r.click('go-bind');
    await r.waitHook('phone');
    await authorisePhone(r, phone);
    await r.shot('resident-phone-authorised');
    const result = await requestBinding(r, { ...JXHY_2_1, room }, relation, name);
    expect(result).toContain('已提交，等待物业审核');
    expect(result).toContain(`锦绣花园 2栋1单元${room}`);
    await r.shot('resident-bind-submitted');
    const { id: roomId } = await t.room('锦绣花园', `2栋1单元${room}`);
    await r.click('bind-to-me');
    await expectRoomStatus(r, roomId, '待审核');
    await r.shot('resident-me-pending');
    return { r, roomId };
  }

  /** supervisor1 in the staff app, in its own context: workbench → 房屋绑定审核 → the resident's pending card. */
  async function supervisorOpensReview(residentName: string, phone: string) {
    const s = await b.open('staff');
    await staffLogin(s, 'supervisor1', 'linli123');
    expect(await (await s.waitHook('roles')).innerText()).toContain('客服主管');
    await s.shot('staff-workbench');
    await s.click('module-bindings', '房屋绑定审核');
    const card = await findBindingCard(s, residentName);
    // the phone masked, never in full: not in what is shown and not anywhere in the page
    expect(card.text).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    expect(card.text).toContain('锦绣花园 2栋1单元');
    const shown = await s.visibleText();
    expect(shown).not.toMatch(ELEVEN_DIGITS);
    expect(await s.page.content()).not.toContain(phone);
    await s.shot('staff-review-pending');
    return { s, card };
  }

  it(
    'resident requests 锦绣花园 2栋1单元301 → 待审核; supervisor1 approves in the staff app → resident sees 已绑定 and it is the current room',
    () =>
      b.run('approve', async () => {
        const code = 'e2e-approve';
        const phone = '13912345678';
        // family: a tenant's request needs the owner's consent or a lease (polish-org.e2e-spec)
        const { r, roomId } = await residentRequests(code, phone, '301', 'family', '周晓明');

        const { s, card } = await supervisorOpensReview('周晓明', phone);
        expect(card.text).toContain('申请身份：家属');
        expect(card.text).toContain('登记业主：王五');
        await s.click(`approve-${card.id}`);
        await confirmModal(s, 'staff-approve-confirm');
        await s.hook(`binding-${card.id}`).waitFor({ state: 'hidden' });
        await s.waitHook('empty', '没有待审核的绑定申请');
        await s.shot('staff-review-approved');

        await r.page.reload();
        await expectRoomStatus(r, roomId, '已绑定');
        expect(await r.hook(`room-${roomId}`).first().getAttribute('class')).toContain('is-current');
        expect(await r.hook(`room-${roomId}`).first().innerText()).toContain('当前');
        await r.shot('resident-me-approved');
        await r.tab('首页');
        expect(await (await r.waitHook('current-room', '2栋1单元301')).innerText()).toContain('锦绣花园 2栋1单元301');
        await r.shot('resident-home-current-room');

        const uid = await residentId(code);
        const supervisor = await t.query("SELECT id FROM users WHERE username = 'supervisor1'");
        const rows = await t.query('SELECT id, status, verified_by, decided_by, relation, name FROM room_bindings WHERE user_id = ? AND room_id = ?', [
          uid,
          roomId,
        ]);
        expect(rows).toEqual([
          expect.objectContaining({ id: card.id, status: 'approved', verified_by: 'staff', decided_by: supervisor[0].id, relation: 'family', name: '周晓明' }),
        ]);
        const [user] = await t.query('SELECT current_room_id, phone FROM users WHERE id = ?', [uid]);
        expect(user).toEqual({ current_room_id: roomId, phone });
        const audit = await t.query("SELECT actor_id FROM audit_logs WHERE action = 'binding.approve' AND subject_type = 'room_binding' AND subject_id = ?", [
          card.id,
        ]);
        expect(audit).toEqual([{ actor_id: supervisor[0].id }]);
      }),
    180_000,
  );

  it(
    'supervisor1 rejects with a reason → the resident sees 已驳回 and the reason',
    () =>
      b.run('reject', async () => {
        const code = 'e2e-reject';
        const phone = '13987654321';
        const reason = '请提供租赁合同或业主授权书';
        const { r, roomId } = await residentRequests(code, phone, '402', 'family', '吴婷婷');

        const { s, card } = await supervisorOpensReview('吴婷婷', phone);
        await s.click(`reject-${card.id}`);
        await s.fill(`reject-reason-${card.id}`, reason);
        await s.shot('staff-reject-reason');
        await s.click(`reject-confirm-${card.id}`);
        await s.hook(`binding-${card.id}`).waitFor({ state: 'hidden' });
        await s.waitHook('empty', '没有待审核的绑定申请');
        await s.shot('staff-review-rejected');

        await r.page.reload();
        await expectRoomStatus(r, roomId, '已驳回');
        expect(await (await r.waitHook(`room-${roomId} .e2e-reject-reason`)).innerText()).toContain(`驳回原因：${reason}`);
        await r.shot('resident-me-rejected');
        await r.tab('首页');
        await r.waitHook('no-room');

        const rows = await t.query('SELECT status, verified_by, reject_reason FROM room_bindings WHERE user_id = ? AND room_id = ?', [
          await residentId(code),
          roomId,
        ]);
        expect(rows).toEqual([{ status: 'rejected', verified_by: null, reject_reason: reason }]);
      }),
    180_000,
  );

  it(
    "phone match: a resident whose phone is the owner's on record (13800000003) binds 2栋1单元301 as 业主 → 已绑定 at once",
    () =>
      b.run('phone-match', async () => {
        const code = 'e2e-owner';
        const r = await b.open('resident');
        await residentLogin(r, code);
        await r.click('go-bind');
        await authorisePhone(r, '13800000003');
        expect(await (await r.waitHook('phone-done')).innerText()).toContain('138****0003');
        const result = await requestBinding(r, { ...JXHY_2_1, room: '301' }, 'owner', '王五', 'resident-owner-bind-form');
        expect(result).toContain('已绑定');
        expect(result).toContain('手机号与业主登记信息一致');
        await r.hook('bind-approved').waitFor();
        await r.shot('resident-owner-bound');
        const { id: roomId } = await t.room('锦绣花园', '2栋1单元301');
        await r.click('bind-to-me');
        await expectRoomStatus(r, roomId, '已绑定');
        await r.shot('resident-owner-me');

        const rows = await t.query('SELECT status, verified_by, decided_by FROM room_bindings WHERE user_id = ? AND room_id = ?', [
          await residentId(code),
          roomId,
        ]);
        expect(rows).toEqual([{ status: 'approved', verified_by: 'phone_match', decided_by: null }]);
      }),
    120_000,
  );

  // NutUI's TabPane renders nothing without children and Tabs slides by index × 100%: every pane needs a child.
  it(
    'staff 房屋绑定审核: the 已通过 and 已驳回 tabs show their records on screen',
    () =>
      b.run('tabs', async () => {
        const s = await b.open('staff');
        await staffLogin(s, 'supervisor1', 'linli123');
        await s.click('module-bindings');
        await s.settled();
        await s.css('.nut-tabs-titles-item', '已通过').click();
        await s.shot('staff-approved-tab');
        // 李四 was approved by staff in the demo seed
        await s.waitOnScreen(s.css('.bd-card', '李四').first(), 'the 已通过 card of 李四', 3000);
        await s.css('.nut-tabs-titles-item', '已驳回').click();
        await s.settled();
        await s.shot('staff-rejected-tab');
        await s.waitOnScreen(s.css('.bd-card, .e2e-empty').first(), 'the 已驳回 list', 3000);
      }),
    60_000,
  );
});
