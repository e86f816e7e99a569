import Taro from '@tarojs/taro';
import { API_BASE } from '../env';
import { getAccessToken } from '../session';
import { fetchMe } from '../auth';

/**
 * Photo URLs from the API. The server hands out signed, expiring URLs
 * (/api/uploads/:id/content?exp=…&sig=…) that an <Image> can load as they are; every fetch of an order
 * signs them anew, so the first URL of a photo is kept while it is valid (no reload flicker on refresh).
 * An unsigned /api/uploads/… URL is downloaded with the Bearer token instead (Taro.downloadFile: a temp
 * file on weapp, a blob: URL on H5). Local temp paths are shown as they are.
 */
const downloads = new Map<string, Promise<string>>();
const signed = new Map<string, { url: string; exp: number }>();
/** re-sign a kept URL this long before it expires */
const SIGNED_MARGIN_S = 120;

function absolute(url: string): string {
  return url.startsWith('/') ? API_BASE + url : url;
}

/** A server-side upload, as opposed to a local temp file just chosen. */
export function isApiPhoto(url: string): boolean {
  return /\/api\/uploads\//.test(url) && !/^(blob:|data:|wxfile:)/.test(url);
}

function signedExp(url: string): number | null {
  const m = /[?&]exp=(\d+)/.exec(url);
  return m && /[?&]sig=/.test(url) ? Number(m[1]) : null;
}

function stableSigned(url: string, exp: number): string {
  const base = url.split('?')[0];
  const kept = signed.get(base);
  if (kept && kept.exp - SIGNED_MARGIN_S > Date.now() / 1000) return kept.url;
  signed.set(base, { url, exp });
  return url;
}

async function download(url: string): Promise<Taro.downloadFile.FileSuccessCallbackResult> {
  const token = getAccessToken();
  return Taro.downloadFile({ url: absolute(url), header: token ? { Authorization: `Bearer ${token}` } : {} });
}

/** A src an <Image> can show for this photo URL. */
export function photoSrc(url: string): Promise<string> {
  if (!isApiPhoto(url)) return Promise.resolve(url);
  const exp = signedExp(url);
  if (exp !== null) return Promise.resolve(absolute(stableSigned(url, exp)));
  let p = downloads.get(url);
  if (!p) {
    p = (async () => {
      let res = await download(url);
      if (res.statusCode === 401) {
        // expired access token: GET /api/me goes through the API client, which refreshes it
        await fetchMe().catch(() => undefined);
        res = await download(url);
      }
      if (res.statusCode < 200 || res.statusCode >= 300) throw new Error(`图片加载失败（${res.statusCode}）`);
      return res.tempFilePath;
    })();
    p.catch(() => downloads.delete(url));
    downloads.set(url, p);
  }
  return p;
}
