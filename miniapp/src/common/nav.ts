import Taro from '@tarojs/taro';

/** how long a tap waits for its page before another tap may navigate again */
const SETTLE_MS = 8000;
const POLL_MS = 50;

let opening: string | null = null;

const route = (url: string) => url.replace(/^\//, '').split('?')[0];
const currentRoute = () => {
  const pages = Taro.getCurrentPages();
  return route(pages[pages.length - 1]?.route ?? '');
};

/**
 * Opens a page from a tile with one tap. The first opening of a subpackage page downloads its code (seconds on a
 * slow network, with nothing on screen yet); a second tap meanwhile made the H5 router drop the first render (its
 * per-route lock) and looked like an ignored tap. So: a tap while a page is opening is ignored, the tile shows it is
 * opening (`onBusy`), and the lock is released once the page is on screen (or after SETTLE_MS).
 */
export async function openPage(url: string, onBusy?: (busy: boolean) => void): Promise<void> {
  if (opening) return;
  opening = url;
  onBusy?.(true);
  try {
    await Taro.navigateTo({ url });
    const until = Date.now() + SETTLE_MS;
    while (currentRoute() !== route(url) && Date.now() < until) await new Promise((r) => setTimeout(r, POLL_MS));
  } catch {
    void Taro.showToast({ title: '页面打开失败，请重试', icon: 'none' });
  } finally {
    opening = null;
    onBusy?.(false);
  }
}
