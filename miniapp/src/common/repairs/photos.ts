import Taro from '@tarojs/taro';
import { API_BASE } from '../env';
import { getAccessToken } from '../session';
import { fetchMe } from '../auth';

/**
 * Uploaded photos are served at /api/uploads/:id only to callers who may see the order, so an <Image src>
 * (which cannot send the Bearer token) would get 401. API photos are downloaded with the token instead
 * (Taro.downloadFile: a temp file on weapp, a blob: URL on H5) and cached for the session.
 */
const cache = new Map<string, Promise<string>>();

/** A server-side upload (needs the token), as opposed to a local temp file just chosen. */
export function isApiPhoto(url: string): boolean {
  return /\/api\/uploads\//.test(url) && !/^(blob:|data:|wxfile:)/.test(url);
}

function absolute(url: string): string {
  return url.startsWith('/') ? API_BASE + url : url;
}

async function download(url: string): Promise<Taro.downloadFile.FileSuccessCallbackResult> {
  const token = getAccessToken();
  return Taro.downloadFile({ url: absolute(url), header: token ? { Authorization: `Bearer ${token}` } : {} });
}

/** A src an <Image> can show for this photo URL (local paths as they are). */
export function photoSrc(url: string): Promise<string> {
  if (!isApiPhoto(url)) return Promise.resolve(url);
  let p = cache.get(url);
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
    p.catch(() => cache.delete(url));
    cache.set(url, p);
  }
  return p;
}
