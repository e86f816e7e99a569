import Taro from '@tarojs/taro';
import { ERROR_MESSAGES, type ApiError as ApiErrorBody, type UploadView } from '@linli/shared';
import { ApiError, showError } from './api';
import { API_BASE, IS_H5 } from './env';
import { getAccessToken } from './session';
import { fetchMe } from './auth';

export interface UploadOptions {
  /** file name sent with the part (H5: a chosen File's name; weapp temp paths carry their own) */
  fileName?: string;
  /** H5: the File itself (chooseImages registers it by path, so this is rarely needed) */
  file?: Blob;
  /** don't toast on failure */
  silent?: boolean;
  timeout?: number;
  /** 'document': PDF accepted too (an insurance policy) */
  accept?: 'document';
}

/** A response body that may still be JSON text (Taro.uploadFile, XHR). */
export function parseJson(data: unknown): unknown {
  if (typeof data !== 'string') return data;
  try {
    return JSON.parse(data);
  } catch {
    return null;
  }
}

function isErrorBody(v: unknown): v is ApiErrorBody {
  return !!v && typeof v === 'object' && typeof (v as ApiErrorBody).code === 'string' && typeof (v as ApiErrorBody).message === 'string';
}

/**
 * H5: the File behind each blob: URL chooseImages returned. Taro.uploadFile on H5 re-reads a blob: URL with XHR,
 * which a `connect-src 'self'` Content-Security-Policy (our server's) blocks; posting the File itself needs no such read.
 */
const h5Files = new Map<string, Blob>();

export interface ChosenImage {
  /** weapp temp path / H5 blob: URL — an <Image> src and the argument of uploadFile */
  path: string;
  size: number;
  fileName?: string;
}

/** Taro.chooseImage (album or camera), at most `count`; [] when the user cancels. */
export async function chooseImages(count: number): Promise<ChosenImage[]> {
  if (count <= 0) return [];
  let res: Taro.chooseImage.SuccessCallbackResult;
  try {
    res = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
  } catch {
    return [];
  }
  // H5 ignores `count` (a multiple file input): cut to size here
  return (res.tempFiles ?? []).slice(0, count).map((f) => {
    const file = (f as { originalFileObj?: Blob & { name?: string } }).originalFileObj;
    if (IS_H5 && file) h5Files.set(f.path, file);
    return { path: f.path, size: f.size, fileName: file?.name };
  });
}

export type Raw = { statusCode: number; data: unknown };

/**
 * POSTs one file as multipart (field `file`) with the session's Bearer token: on H5 the File itself (XHR — see
 * h5Files), elsewhere the temp path through Taro.uploadFile. Network failures reject.
 */
export async function postFile(url: string, source: { file?: Blob; path?: string; fileName?: string }, timeout = 60_000): Promise<Raw> {
  const token = getAccessToken();
  if (IS_H5 && source.file) {
    const file = source.file;
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.timeout = timeout;
      xhr.onload = () => resolve({ statusCode: xhr.status, data: parseJson(xhr.responseText) });
      xhr.onerror = () => reject(new Error('network'));
      xhr.ontimeout = () => reject(new Error('timeout'));
      const form = new FormData();
      form.append('file', file, source.fileName || (file as { name?: string }).name || 'file');
      xhr.send(form);
    });
  }
  const res = await Taro.uploadFile({
    url,
    filePath: source.path!,
    name: 'file',
    fileName: source.fileName,
    header: token ? { Authorization: `Bearer ${token}` } : {},
    timeout,
  } as Taro.uploadFile.Option);
  return { statusCode: res.statusCode, data: parseJson(res.data) };
}

async function send(filePath: string, opts: UploadOptions): Promise<Raw> {
  try {
    const file = IS_H5 ? (opts.file ?? h5Files.get(filePath)) : undefined;
    return await postFile(
      `${API_BASE}/api/uploads${opts.accept ? `?accept=${opts.accept}` : ''}`,
      { file, path: filePath, fileName: opts.fileName },
      opts.timeout,
    );
  } catch {
    throw new ApiError({ code: 'SERVICE_UNAVAILABLE', message: '图片上传失败，请检查网络后重试' }, 0);
  }
}

/**
 * POST /api/uploads (multipart, field `file`; images only, ≤ 10 MB) with the session's Bearer token.
 * Works for weapp temp paths (Taro.uploadFile) and H5 blob: URLs from chooseImages (the File is posted). An expired
 * token is refreshed once.
 */
export async function uploadFile(filePath: string, opts: UploadOptions = {}): Promise<UploadView> {
  let res: Raw;
  try {
    res = await send(filePath, opts);
    if (res.statusCode === 401) {
      // GET /api/me goes through the API client, which refreshes the access token (or sends to login)
      await fetchMe().catch(() => undefined);
      res = await send(filePath, opts);
    }
  } catch (e) {
    if (!opts.silent) showError(e);
    throw e;
  }
  if (res.statusCode >= 200 && res.statusCode < 300 && res.data && typeof res.data === 'object') return res.data as UploadView;
  const err = isErrorBody(res.data)
    ? new ApiError(res.data, res.statusCode)
    : new ApiError(
        res.statusCode === 413
          ? { code: 'PAYLOAD_TOO_LARGE', message: '图片不能超过 10 MB' }
          : { code: res.statusCode >= 500 ? 'INTERNAL' : 'BAD_REQUEST', message: res.statusCode >= 500 ? ERROR_MESSAGES.INTERNAL : '图片上传失败' },
        res.statusCode,
      );
  if (!opts.silent) showError(err);
  throw err;
}
