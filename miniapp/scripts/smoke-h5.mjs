#!/usr/bin/env node
// Click-through of both H5 apps in headless Chromium against a running API (default: the real server
// on 127.0.0.1:3000, which serves miniapp/dist/h5). Creates fresh residents (codes smoke<time>…) and
// their bindings; does not change the demo accounts. Screenshots go to miniapp/e2e/screenshots/.
//   BASE=http://127.0.0.1:3000 node miniapp/scripts/smoke-h5.mjs
// With the in-memory mock: PORT=5173 node miniapp/scripts/serve-h5.mjs & BASE=http://127.0.0.1:5173 MOCK=1 node …
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const here = dirname(fileURLToPath(import.meta.url));
const BASE = process.env.BASE || 'http://127.0.0.1:3000';
const SHOTS = resolve(here, '../e2e/screenshots');
const MOCK = process.env.MOCK === '1';
mkdirSync(SHOTS, { recursive: true });

const stamp = Date.now().toString(36);
const results = [];
let page;
// let page transitions settle first
const shot = async (name) => {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
};
const text = async (sel) => (await page.locator(sel).first().innerText()).replace(/\s+/g, ' ');
async function step(name, fn) {
  try {
    await fn();
    results.push(['ok', name]);
    console.log(`✔ ${name}`);
  } catch (e) {
    results.push(['FAIL', name]);
    console.log(`✖ ${name}\n   ${String(e.message).split('\n')[0]}`);
    await shot(`FAIL-${name.replace(/\W+/g, '_')}`).catch(() => {});
  }
}
function expect(cond, msg) {
  if (!cond) throw new Error(msg);
}
const tab = (label) => page.locator('.weui-tabbar__item', { hasText: label }).click();

const profile = mkdtempSync(join(tmpdir(), 'linli-smoke-'));
const ctx = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  headless: true,
  viewport: { width: 390, height: 844 },
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
page = ctx.pages()[0] ?? (await ctx.newPage());
page.setDefaultTimeout(10000);
const pageErrors = [];
page.on('pageerror', (e) => pageErrors.push(e.message));

async function residentLoginWithCode(code) {
  await page.goto(`${BASE}/resident/#/pages-auth/login/index`);
  await page.locator('.e2e-login-code input').fill(code);
  await page.locator('.e2e-login-custom').click();
  await page.waitForSelector('.e2e-greeting');
}
async function residentLogout() {
  await tab('我的');
  await page.locator('.e2e-logout').click();
  await page.waitForSelector('.e2e-dev-login');
}
/** Bind a room through the pickers. `pick` chooses chips by visible text (or index from the end). */
async function bindRoom({ phone, community, building, unit, room, relation, name }) {
  await page.waitForSelector('.e2e-step-community .ll-chip');
  if (phone && (await page.locator('.e2e-dev-phone').count())) {
    await page.locator('.e2e-dev-phone input').fill(phone);
    await page.locator('.e2e-dev-phone-submit').click();
    await page.waitForSelector('.e2e-phone-done');
  }
  const choose = async (kind, want) => {
    const chips = page.locator(`.e2e-step-${kind} .ll-chip`);
    await chips.first().waitFor();
    if (typeof want === 'string') await chips.filter({ hasText: want }).first().click();
    else await chips.nth((await chips.count()) - 1 - (want ?? 0)).click();
  };
  await choose('community', community);
  await choose('building', building);
  await choose('unit', unit);
  await choose('room', room);
  await page.locator(`.e2e-relation-${relation}`).click();
  await page.locator('.e2e-bind-name input').fill(name);
  await page.locator('.e2e-bind-submit').click();
  await page.waitForSelector('.e2e-bind-result');
  return text('.e2e-bind-result');
}

const COMMUNITY = MOCK ? '阳光花园' : '锦绣花园';
const residentCode = `smoke${stamp}`;
const residentName = `测试${stamp.slice(-4)}`;
const residentPhone = `139${String(Date.now()).slice(-8)}`;

await step('resident: no session → login page with demo residents', async () => {
  await page.goto(`${BASE}/resident/`);
  await page.waitForSelector('.e2e-login-zhangsan');
  await shot('resident-login');
});
await step('resident: zhangsan logs in → home shows greeting and current room', async () => {
  await page.locator('.e2e-login-zhangsan').click();
  await page.waitForSelector('.e2e-current-room');
  expect((await text('.e2e-greeting')).includes('张三'), 'greeting without name');
  await shot('resident-home');
  await tab('服务');
  await page.waitForSelector('.e2e-service-row-repair');
  await shot('resident-services');
  await tab('我的');
  await page.waitForSelector('.e2e-status-approved');
  await shot('resident-me');
});
await step('resident: logout → login page', residentLogout);

await step('resident: new resident binds a room → 已提交，等待物业审核', async () => {
  await residentLoginWithCode(residentCode);
  await page.waitForSelector('.e2e-no-room');
  await shot('resident-home-new');
  await page.locator('.e2e-go-bind').click();
  const r1 = await bindRoom({ phone: residentPhone, community: COMMUNITY, building: 0, unit: 0, room: 0, relation: 'tenant', name: residentName });
  await shot('resident-bind-pending');
  expect(r1.includes('等待物业审核'), `unexpected result: ${r1}`);
  await page.locator('.e2e-bind-again').click();
  const r2 = await bindRoom({ community: COMMUNITY, building: 0, unit: 0, room: 1, relation: 'family', name: residentName });
  expect(r2.includes('等待物业审核'), `unexpected result: ${r2}`);
  await page.locator('.e2e-bind-to-me').click();
  // the tab shows the cached Me at once and refreshes it: wait for both
  await page.locator('.e2e-status-pending').nth(1).waitFor();
  await shot('resident-me-pending');
});

await step('staff: no session → login; wrong password → toast', async () => {
  await page.goto(`${BASE}/staff/`);
  await page.waitForSelector('.e2e-demo-supervisor1');
  await page.locator('.e2e-username input').fill('supervisor1');
  await page.locator('.e2e-password input').fill('wrong-password');
  await page.locator('.e2e-login-submit').click();
  await page.getByText('用户名或密码错误').first().waitFor();
  await shot('staff-login-error');
});
await step('staff: supervisor1 logs in → workbench with role and modules', async () => {
  await page.locator('.e2e-demo-supervisor1').click();
  await page.locator('.e2e-login-submit').click();
  await page.waitForSelector('.e2e-module-bindings');
  expect((await text('.e2e-roles')).includes('客服主管'), 'role label missing');
  expect((await page.locator('.e2e-module-repairs.is-disabled').count()) === 1, 'repairs should be greyed');
  await shot('staff-workbench');
});
await step('staff: reject one of the new bindings, approve the other', async () => {
  await page.locator('.e2e-module-bindings').click();
  await page.waitForSelector('.bd-list');
  const mine = () => page.locator('.bd-card', { hasText: residentName });
  for (let i = 0; i < 10 && (await mine().count()) < 2 && (await page.locator('.e2e-load-more').count()); i++) {
    await page.locator('.e2e-load-more').click();
    await page.waitForTimeout(500);
  }
  expect((await mine().count()) === 2, `expected 2 cards for ${residentName}, got ${await mine().count()}`);
  await shot('staff-bindings');
  const idOf = async (loc) => (await loc.getAttribute('class')).match(/e2e-binding-(\d+)/)[1];
  const a = await idOf(mine().nth(0));
  const b = await idOf(mine().nth(1));
  await page.locator(`.e2e-reject-${a}`).click();
  await page.locator(`.e2e-reject-reason-${a} textarea`).fill('请提供租赁合同');
  await shot('staff-reject-reason');
  await page.locator(`.e2e-reject-confirm-${a}`).click();
  await page.locator(`.e2e-binding-${a}`).waitFor({ state: 'detached' });
  await page.locator(`.e2e-approve-${b}`).click();
  await page.locator(`.e2e-binding-${b}`).waitFor({ state: 'detached' });
  await page.locator('.nut-tabs-titles-item', { hasText: '已驳回' }).click();
  await page.locator(`.e2e-binding-${a}`, { hasText: '请提供租赁合同' }).waitFor();
  await shot('staff-bindings-rejected');
});
await step('staff: resident search and audited phone reveal', async () => {
  await page.goBack();
  await page.locator('.e2e-module-residents').click();
  await page.locator('.e2e-resident-q input').fill(residentName);
  await page.locator('.e2e-resident-search').click();
  await page.getByText(`“${residentName}”的搜索结果`).waitFor();
  await page.locator('.page-residents .e2e-loading').waitFor({ state: 'detached' });
  const card = page.locator('.rs-card', { hasText: residentName });
  await card.waitFor();
  expect((await card.innerText()).includes(`${residentPhone.slice(0, 3)}****${residentPhone.slice(-4)}`), 'masked phone missing');
  await card.locator('[class*="e2e-reveal-"]').click();
  await card.locator('.e2e-phone-full', { hasText: residentPhone }).waitFor();
  await card.locator('.e2e-reveal-note').waitFor();
  await shot('staff-residents');
});
await step('staff: 我的 and logout', async () => {
  await page.goBack();
  await tab('我的');
  await page.waitForSelector('.e2e-me-roles');
  await shot('staff-me');
  await page.locator('.e2e-logout').click();
  await page.waitForSelector('.e2e-login-submit');
});

await step('resident: sees the reject reason and the approved room as current', async () => {
  await page.goto(`${BASE}/resident/`);
  await residentLoginWithCode(residentCode);
  await page.waitForSelector('.e2e-current-room');
  await tab('我的');
  await page.locator('.e2e-reject-reason', { hasText: '请提供租赁合同' }).waitFor();
  await page.locator('.e2e-status-approved').waitFor();
  await shot('resident-me-decided');
  await residentLogout();
});

if (!process.env.SMOKE_NO_PHONE_MATCH) {
  await step('resident: phone matching the owner on record → 已绑定 at once', async () => {
    // 13800000003 is the owner phone on record of 锦绣花园 2栋1单元301 in the demo seed (mock: 13800001201 → 1栋1单元1201)
    await residentLoginWithCode(`smokeowner${stamp}`);
    await page.locator('.e2e-go-bind').click();
    const r = await bindRoom(
      MOCK
        ? { phone: '13800001201', community: COMMUNITY, building: '1栋', unit: '1单元', room: '1201', relation: 'owner', name: '测试业主' }
        : { phone: '13800000003', community: COMMUNITY, building: '2栋', unit: '1单元', room: '301', relation: 'owner', name: '测试业主' },
    );
    await shot('resident-bind-approved');
    expect(r.includes('已绑定'), `unexpected result: ${r}`);
  });
}

await ctx.close();
rmSync(profile, { recursive: true, force: true });
if (pageErrors.length) console.log(`page errors:\n  ${pageErrors.join('\n  ')}`);
const failed = results.filter((r) => r[0] === 'FAIL').length;
console.log(`\n${results.length - failed} passed, ${failed} failed (screenshots: ${SHOTS})`);
process.exit(failed || pageErrors.length ? 1 : 0);
