import Taro from '@tarojs/taro';
import { ERROR_MESSAGES, type ApiError as ApiErrorBody, type UploadView } from '@linli/shared';
import { ApiError, showError } from './api';
import { API_BASE } from './env';
import { getAccessToken } from './session';
import { fetchMe } from './auth';

export interface UploadOptions {
  /** file name sent with the part (H5: a chosen File's name; weapp temp paths carry their own) */
  fileName?: string;
  /** don't toast on failure */
  silent?: boolean;
  timeout?: number;
}

function parse(data: unknown): unknown {
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

async function send(filePath: string, opts: UploadOptions): Promise<{ statusCode: number; data: unknown }> {
  const token = getAccessToken();
  try {
    const res = await Taro.uploadFile({
      url: `${API_BASE}/api/uploads`,
      filePath,
      name: 'file',
      fileName: opts.fileName,
      header: token ? { Authorization: `Bearer ${token}` } : {},
      timeout: opts.timeout ?? 60_000,
    } as Taro.uploadFile.Option);
    return { statusCode: res.statusCode, data: parse(res.data) };
  } catch {
    throw new ApiError({ code: 'SERVICE_UNAVAILABLE', message: '图片上传失败，请检查网络后重试' }, 0);
  }
}

/**
 * POST /api/uploads (multipart, field `file`; images only, ≤ 10 MB) with the session's Bearer token.
 * Works for weapp temp paths and H5 blob: URLs (Taro.uploadFile). An expired token is refreshed once.
 */
export async function uploadFile(filePath: string, opts: UploadOptions = {}): Promise<UploadView> {
  let res: { statusCode: number; data: unknown };
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
