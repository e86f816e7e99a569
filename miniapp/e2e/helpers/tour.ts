/**
 * The page routes of an app as its app.config.ts declares them (main package and subpackages), and each page's
 * title from its index.config.ts: read from the sources, so a page added to either app is toured automatically.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

interface AppConfig {
  pages: string[];
  subPackages?: { root: string; pages: string[] }[];
}

/** Evaluates a `export default defineXConfig({...})` file: they are plain object literals, no types. */
function evalConfig<T>(file: string): T {
  const src = fs.readFileSync(file, 'utf8').replace(/export\s+default\s+define\w+Config\s*\(/, 'return (');
  return new Function(src)() as T;
}

/** 'pages/index/index', 'pages-repair/detail/index', … in app.config.ts order. */
export function pageRoutes(app: 'resident' | 'staff'): string[] {
  const cfg = evalConfig<AppConfig>(path.join(SRC, app, 'app.config.ts'));
  return [...cfg.pages, ...(cfg.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];
}

/** The page's navigationBarTitleText (index.config.ts next to the page), or null without one. */
export function pageTitle(app: 'resident' | 'staff', route: string): string | null {
  const file = path.join(SRC, app, `${route}.config.ts`);
  if (!fs.existsSync(file)) return null;
  return evalConfig<{ navigationBarTitleText?: string }>(file).navigationBarTitleText ?? null;
}

export interface FirstScreen {
  /** navigation timing: response end, DOMContentLoaded, load (ms from navigation start) */
  responseEnd: number;
  domContentLoaded: number;
  load: number;
  /** the first animation frame in which the element is laid out with a size */
  firstScreen: number;
  /** bytes over the wire for the page's js and css, and what they decode to */
  transferred: number;
  decoded: number;
}

/** Cold load of the URL; times from the Performance API, the first screen being `selector` visible. */
export async function measureFirstScreen(page: Page, url: string, selector: string): Promise<FirstScreen> {
  await page.goto(url, { waitUntil: 'commit' });
  const firstScreen = await (
    await page.waitForFunction(
      (sel) => {
        const el = document.querySelector(sel);
        const box = el?.getBoundingClientRect();
        return box && box.width > 0 && box.height > 0 ? performance.now() : false;
      },
      selector,
      { polling: 'raf', timeout: 15_000 },
    )
  ).jsonValue();
  await page.waitForLoadState('load');
  return page.evaluate((fs) => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const res = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
    const assets = res.filter((r) => /\.(js|css)$/.test(new URL(r.name).pathname));
    return {
      responseEnd: Math.round(nav.responseEnd),
      domContentLoaded: Math.round(nav.domContentLoadedEventEnd),
      load: Math.round(nav.loadEventEnd),
      firstScreen: Math.round(fs),
      transferred: assets.reduce((n, r) => n + r.transferSize, 0),
      decoded: assets.reduce((n, r) => n + r.decodedBodySize, 0),
    };
  }, firstScreen as number);
}
