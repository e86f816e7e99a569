/** Click-through steps shared by the browser suites, in the words of the UI. */
import type { Relation } from '@linli/shared';
import type { App } from './browser';

/** Resident app: dev login with a custom code (a new resident the first time) → home. */
export async function residentLogin(r: App, code: string): Promise<void> {
  await r.goto();
  await r.waitHook('dev-login'); // no session: the login page
  await r.fill('login-code', code);
  await r.shot('resident-login');
  await r.click('login-custom');
  await r.waitHook('greeting');
}

/** Bind page: dev-mode phone authorisation (H5 only). */
export async function authorisePhone(r: App, phone: string): Promise<void> {
  await r.fill('dev-phone', phone);
  await r.click('dev-phone-submit');
  await r.waitHook('phone-done');
}

export interface RoomChoice {
  community: string;
  building: string;
  unit: string;
  room: string;
}

/** Bind page: pick community → building → unit → room by their visible names, relation and name, submit. */
export async function requestBinding(r: App, room: RoomChoice, relation: Relation, name: string, shotName = 'resident-bind-form'): Promise<string> {
  const choose = async (kind: string, text: string) => {
    await r.settled();
    await r.click(`step-${kind} .ll-chip`, new RegExp(`^\\s*${text}\\s*$`));
  };
  await choose('community', room.community);
  await choose('building', room.building);
  await choose('unit', room.unit);
  await choose('room', room.room);
  await r.click(`relation-${relation}`);
  await r.fill('bind-name', name);
  await r.shot(shotName);
  await r.click('bind-submit');
  const result = await r.waitHook('bind-result');
  return (await result.innerText()).replace(/\s+/g, ' ');
}

/** Staff app: username/password login → workbench. */
export async function staffLogin(s: App, username: string, password: string): Promise<void> {
  await s.goto();
  await s.fill('username', username);
  await s.fill('password', password);
  await s.shot('staff-login');
  await s.click('login-submit');
  await s.waitHook('module-bindings');
}

/** Staff app, 房屋绑定审核: the pending card of a resident (by the name they gave) and its binding id. */
export async function findBindingCard(s: App, residentName: string): Promise<{ id: number; text: string }> {
  await s.settled();
  const card = s.css('.bd-card', residentName).first();
  await s.waitOnScreen(card, `the card of ${residentName}`);
  const id = Number(/\be2e-binding-(\d+)\b/.exec((await card.getAttribute('class')) ?? '')?.[1]);
  if (!id) throw new Error(`no binding id on the card of ${residentName}`);
  return { id, text: (await card.innerText()).replace(/\s+/g, ' ') };
}

/** The text of the first visible element with the hook, whitespace collapsed. */
export async function hookText(a: App, hook: string, hasText?: string | RegExp): Promise<string> {
  return (await (await a.waitHook(hook, hasText)).innerText()).replace(/\s+/g, ' ').trim();
}

/** Back to the top of the page (Taro H5 scrolls the .taro_page element, not the window). */
export async function scrollToTop(a: App): Promise<void> {
  await a.page.evaluate(() => {
    document.querySelectorAll('.taro_page').forEach((p) => (p.scrollTop = 0));
    window.scrollTo(0, 0);
  });
}

/** Scrolls the hook into view (below the fold is fine for Playwright, not for a screenshot). */
export async function scrollTo(a: App, hook: string): Promise<void> {
  await (await a.waitHook(hook)).scrollIntoViewIfNeeded();
}

/** Types into the hook's own <input>/<textarea> or the one inside it (NutUI puts the class on either). */
export async function typeInto(a: App, hook: string, value: string): Promise<void> {
  const el = await a.waitHook(hook);
  const tag = await el.evaluate((e) => e.tagName.toLowerCase());
  await (tag === 'input' || tag === 'textarea' ? el : el.locator('input, textarea').first()).fill(value);
}

/** Screenshot once the action's toast (Taro's H5 showToast, 1.5–2 s) has gone, so it hides nothing. */
export async function snap(a: App, name: string): Promise<void> {
  await a.page
    .waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.taro__toast')].every((e) => getComputedStyle(e).display === 'none'), undefined, {
      timeout: 4000,
    })
    .catch(() => undefined); // a toast that stays up is in the picture, no more
  await a.shot(name);
}

/** Taro's H5 showModal: taps the confirm button. */
export async function confirmModal(a: App, shotName: string): Promise<void> {
  const ok = a.css('.taro-model__confirm');
  await ok.first().waitFor();
  await a.shot(shotName);
  await ok.first().click();
  await ok.first().waitFor({ state: 'hidden' });
}

/** Staff app: username / password (demo password) → workbench greeting. */
export async function staffIn(s: App, username: string, password = 'linli123'): Promise<void> {
  await s.goto();
  await s.fill('username', username);
  await s.fill('password', password);
  await s.click('login-submit');
  await s.waitHook('greeting');
}
