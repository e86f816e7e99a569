/**
 * Headless Chromium (Debian's, driven by playwright-core) for the browser e2e suites: one browser per suite,
 * one fresh context per app (its own storage, like another phone), a mobile viewport, hook helpers for the
 * `e2e-*` class names of the pages, and numbered screenshots in miniapp/e2e/screenshots/<suite>/.
 *
 * Run (from the repo root, after `npx tsc -p server/tsconfig.build.json` and `npm run build:h5`):
 *   NODE_OPTIONS=--experimental-vm-modules npx jest miniapp/e2e      or   npm run test:e2e -w @linli/miniapp
 * CHROMIUM_PATH: the browser (default /usr/bin/chromium); E2E_H5_DIR: other H5 builds (default miniapp/dist/h5).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The H5 builds the server serves under /resident/ and /staff/ (pass as H5_DIR); E2E_H5_DIR tests other builds. */
export const H5_DIR = process.env.E2E_H5_DIR || path.resolve(HERE, '../../dist/h5');
const SHOTS_ROOT = path.resolve(HERE, '../screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** an iPhone X-ish phone */
const VIEWPORT = { width: 375, height: 812 };
const TIMEOUT_MS = 10_000;

/** Fails loudly (the runner, not the test, decides whether a missing browser means "skip"). */
export function chromiumPath(): string {
  const p = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(p)) {
    throw new Error(`Chromium not found at ${p}: install it (apt-get install chromium) or set CHROMIUM_PATH to a Chromium/Chrome binary`);
  }
  return p;
}

/** The H5 builds must exist: the server serves them and the suite clicks through them. */
export function assertH5Built(dir = H5_DIR): void {
  const missing = ['resident', 'staff'].filter((a) => !fs.existsSync(path.join(dir, a, 'index.html')));
  if (missing.length) throw new Error(`H5 build missing for ${missing.join(', ')} in ${dir}: run npm run build:h5 -w @linli/miniapp`);
}

export class E2EBrowser {
  private n = 0;
  /** the test being run: screenshots are named NN-<test>-<step>.png */
  private test = '';
  private readonly apps: App[] = [];

  private constructor(
    readonly browser: Browser,
    readonly baseUrl: string,
    /** miniapp/e2e/screenshots/<suite> */
    readonly shotDir: string,
  ) {}

  /** Launches Chromium and empties the suite's screenshot folder. */
  static async launch(suite: string, baseUrl: string): Promise<E2EBrowser> {
    const executablePath = chromiumPath();
    const shotDir = path.join(SHOTS_ROOT, suite);
    fs.rmSync(shotDir, { recursive: true, force: true });
    fs.mkdirSync(shotDir, { recursive: true });
    const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
    return new E2EBrowser(browser, baseUrl.replace(/\/$/, ''), shotDir);
  }

  /** A fresh context (no storage shared with any other app) on /resident/ or /staff/. */
  async open(app: 'resident' | 'staff', label: string = app): Promise<App> {
    const context = await this.browser.newContext({
      viewport: VIEWPORT,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
    context.setDefaultTimeout(TIMEOUT_MS);
    const page = await context.newPage();
    const a = new App(this, label, `${this.baseUrl}/${app}/`, context, page);
    this.apps.push(a);
    return a;
  }

  /** NN-<test>-name.png, numbered in the order taken across all apps and tests of the suite. */
  nextShotPath(name: string): string {
    this.n += 1;
    const file = [String(this.n).padStart(2, '0'), this.test, name].filter(Boolean).join('-');
    return path.join(this.shotDir, `${file.replace(/[^\w.-]+/g, '_')}.png`);
  }

  /** Runs one test body; on failure screenshots every open app (FAIL-…) before rethrowing. */
  async run(name: string, body: () => Promise<void>): Promise<void> {
    this.test = name;
    try {
      await body();
      for (const a of this.apps) a.assertNoPageErrors();
    } catch (e) {
      for (const a of this.apps) await a.shot(`FAIL-${a.label}`).catch(() => undefined);
      throw e;
    } finally {
      await Promise.all(this.apps.splice(0).map((a) => a.close()));
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.apps.splice(0).map((a) => a.close()));
    await this.browser.close();
  }
}

/** One app in its own browser context. Hooks are the `e2e-<hook>` class names of the pages. */
export class App {
  /** uncaught exceptions in the page and failed (5xx) API calls */
  readonly errors: string[] = [];

  constructor(
    private readonly owner: E2EBrowser,
    readonly label: string,
    readonly url: string,
    readonly context: BrowserContext,
    readonly page: Page,
  ) {
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('response', (r) => {
      if (r.status() >= 500 && new URL(r.url()).pathname.startsWith('/api/')) this.errors.push(`${r.request().method()} ${r.url()} → ${r.status()}`);
    });
  }

  /** Opens the app (a hash route such as 'pages/me/index' optional). */
  async goto(route = ''): Promise<void> {
    await this.page.goto(route ? `${this.url}#/${route.replace(/^\//, '')}` : this.url);
  }

  /** The visible element(s) with class e2e-<hook>: Taro keeps earlier pages of the stack in the DOM, hidden. */
  hook(hook: string, hasText?: string | RegExp): Locator {
    return this.css(`.e2e-${hook}`, hasText);
  }

  /** Visible elements matching any CSS selector (optionally containing the text). */
  css(selector: string, hasText?: string | RegExp): Locator {
    const l = this.page.locator(selector).filter({ visible: true });
    return hasText === undefined ? l : l.filter({ hasText });
  }

  /** Waits for the hook to be visible and on screen (see waitOnScreen). */
  async waitHook(hook: string, hasText?: string | RegExp): Promise<Locator> {
    const l = this.hook(hook, hasText).first();
    await this.waitOnScreen(l, `.e2e-${hook}${hasText === undefined ? '' : ` “${hasText}”`}`);
    return l;
  }

  /**
   * Visible for Playwright is not seen by the user: a pane slid sideways (a tab, a swiper) is still "visible".
   * Waits until the element is visible and horizontally inside the viewport (below the fold is fine).
   */
  async waitOnScreen(l: Locator, what = 'element', timeoutMs = TIMEOUT_MS): Promise<void> {
    await l.waitFor({ timeout: timeoutMs });
    const width = this.page.viewportSize()?.width ?? VIEWPORT.width;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const box = await l.boundingBox();
      if (box && box.x >= -1 && box.x + box.width <= width + 1) return;
      if (Date.now() > deadline) {
        throw new Error(`${what} is in the page but off screen (x ${box?.x}, width ${box?.width}, viewport width ${width}): the user does not see it`);
      }
      await this.page.waitForTimeout(100);
    }
  }

  async click(hook: string, hasText?: string | RegExp): Promise<void> {
    await (await this.waitHook(hook, hasText)).click();
  }

  /** Types into the <input>/<textarea> inside the hook (NutUI wraps them). */
  async fill(hook: string, value: string): Promise<void> {
    await (await this.waitHook(hook)).locator('input, textarea').first().fill(value);
  }

  /** Waits until the text is visible somewhere on the page. */
  async waitText(text: string | RegExp): Promise<Locator> {
    const l = this.page.getByText(text).filter({ visible: true }).first();
    await this.waitOnScreen(l, `text “${text}”`);
    return l;
  }

  /** Waits until no loading state (e2e-loading) is visible. */
  async settled(): Promise<void> {
    await this.page.locator('.e2e-loading').filter({ visible: true }).first().waitFor({ state: 'detached' });
  }

  /** The text a user sees (hidden pages of the stack excluded), whitespace collapsed. */
  async visibleText(): Promise<string> {
    return (await this.page.locator('body').innerText()).replace(/\s+/g, ' ');
  }

  /** A tab bar item by its label. */
  async tab(label: string): Promise<void> {
    await this.page.locator('.weui-tabbar__item', { hasText: label }).click();
  }

  /** Screenshot to screenshots/<suite>/NN-name.png after page transitions settle. */
  async shot(name: string): Promise<string> {
    await this.page.waitForTimeout(300);
    const file = this.owner.nextShotPath(name);
    await this.page.screenshot({ path: file });
    return file;
  }

  assertNoPageErrors(): void {
    if (this.errors.length) throw new Error(`${this.label}: errors in the page:\n  ${this.errors.join('\n  ')}`);
  }

  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }
}
