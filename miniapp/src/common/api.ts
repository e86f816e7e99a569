import Taro from '@tarojs/taro';
import { ERROR_MESSAGES, type ApiError as ApiErrorBody, type ErrorCode, type TokenPair } from '@linli/shared';
import { API_BASE, CHANGE_PASSWORD_PAGE, LOGIN_PAGE } from './env';
import { clearSession, getAccessToken, getRefreshToken, saveTokens } from './session';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A failed API call: the server's {code, message, details} plus the HTTP status (0 = no response). */
export class ApiError extends Error implements ApiErrorBody {
  readonly code: ErrorCode;
  readonly details?: unknown;
  readonly status: number;
  constructor(body: ApiErrorBody, status: number) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.details = body.details;
    this.status = status;
  }
}

export interface RequestOptions {
  /** sent as the `Idempotency-Key` header */
  idempotencyKey?: string;
  /** don't show a toast on failure (the caller shows the error itself) */
  silent?: boolean;
  /** don't send the access token / don't try to refresh (login, refresh, demo accounts) */
  anonymous?: boolean;
  timeout?: number;
}

const NETWORK_ERROR: ApiErrorBody = { code: 'SERVICE_UNAVAILABLE', message: '网络异常，请检查网络后重试' };

function isErrorBody(v: unknown): v is ApiErrorBody {
  return !!v && typeof v === 'object' && typeof (v as ApiErrorBody).code === 'string' && typeof (v as ApiErrorBody).message === 'string';
}

function toApiError(status: number, data: unknown): ApiError {
  if (isErrorBody(data)) return new ApiError(data, status);
  const code: ErrorCode =
    status === 401
      ? 'UNAUTHENTICATED'
      : status === 403
        ? 'FORBIDDEN'
        : status === 404
          ? 'ROUTE_NOT_FOUND'
          : status === 409
            ? 'CONFLICT'
            : status === 429
              ? 'TOO_MANY_REQUESTS'
              : status >= 500
                ? 'INTERNAL'
                : 'BAD_REQUEST';
  return new ApiError({ code, message: ERROR_MESSAGES[code] }, status);
}

export function showError(err: unknown): void {
  const message = err instanceof Error && err.message ? err.message : ERROR_MESSAGES.INTERNAL;
  void Taro.showToast({ title: message, icon: 'none', duration: 2500 });
}

interface RawResponse {
  statusCode: number;
  data: unknown;
}

async function send(method: HttpMethod, path: string, body: unknown, opts: RequestOptions, token: string | null): Promise<RawResponse> {
  const header: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) header['Content-Type'] = 'application/json';
  if (token) header.Authorization = `Bearer ${token}`;
  if (opts.idempotencyKey) header['Idempotency-Key'] = opts.idempotencyKey;
  try {
    const res = await Taro.request({
      url: API_BASE + path,
      method: method as keyof Taro.request.Method,
      data: body as Record<string, unknown> | undefined,
      header,
      dataType: 'json',
      timeout: opts.timeout ?? 15000,
    });
    return { statusCode: res.statusCode, data: res.data };
  } catch {
    throw new ApiError(NETWORK_ERROR, 0);
  }
}

let refreshing: Promise<boolean> | null = null;

/** Trade the refresh token for a new pair, once for all concurrent callers. */
function refreshTokens(): Promise<boolean> {
  if (!refreshing) {
    refreshing = (async () => {
      const refreshToken = getRefreshToken();
      if (!refreshToken) return false;
      try {
        const res = await send('POST', '/api/auth/refresh', { refreshToken }, {}, null);
        if (res.statusCode >= 200 && res.statusCode < 300 && res.data) {
          saveTokens(res.data as TokenPair);
          return true;
        }
        return false;
      } catch {
        return false;
      }
    })().finally(() => {
      refreshing = null;
    });
  }
  return refreshing;
}

let redirecting = false;
/** Drop the session and send the user to the login page (once, however many requests fail). */
export function goLogin(): void {
  clearSession();
  if (redirecting) return;
  redirecting = true;
  void Taro.reLaunch({ url: LOGIN_PAGE }).finally(() => {
    setTimeout(() => {
      redirecting = false;
    }, 500);
  });
}

let forcing = false;
/** Staff on an initial password: the change-password page, before anything else (once, however many requests fail). */
export function goChangePassword(): void {
  if (forcing) return;
  forcing = true;
  void Taro.reLaunch({ url: `${CHANGE_PASSWORD_PAGE}?first=1` }).finally(() => {
    setTimeout(() => {
      forcing = false;
    }, 500);
  });
}

/**
 * Call the API. Resolves with the parsed JSON body on 2xx; otherwise throws ApiError (and shows
 * its zh-CN message as a toast unless `silent`). An expired access token is refreshed once.
 */
export async function request<T>(method: HttpMethod, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const token = opts.anonymous ? null : getAccessToken();
  let res = await send(method, path, body, opts, token).catch((e: unknown) => {
    if (!opts.silent) showError(e);
    throw e;
  });

  if (res.statusCode === 401 && !opts.anonymous) {
    const code = isErrorBody(res.data) ? res.data.code : 'UNAUTHENTICATED';
    if (code === 'TOKEN_EXPIRED' || code === 'UNAUTHENTICATED') {
      if (await refreshTokens()) {
        res = await send(method, path, body, opts, getAccessToken());
      }
      if (res.statusCode === 401) {
        const err = toApiError(401, res.data);
        if (!opts.silent) showError(err);
        goLogin();
        throw err;
      }
    }
  }

  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  const err = toApiError(res.statusCode, res.data);
  if (err.code === 'PASSWORD_CHANGE_REQUIRED') {
    goChangePassword();
    throw err;
  }
  if (!opts.silent) showError(err);
  throw err;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('POST', path, body ?? {}, opts),
  put: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PUT', path, body ?? {}, opts),
  patch: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>('PATCH', path, body ?? {}, opts),
};

/** Query string from defined values. */
export function qs(params: Record<string, string | number | null | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** RFC 4122 v4-shaped random id for Idempotency-Key (no crypto API in every mini-program runtime). */
export function newIdempotencyKey(): string {
  const hex = '0123456789abcdef';
  let s = '';
  for (let i = 0; i < 36; i++) {
    if (i === 8 || i === 13 || i === 18 || i === 23) s += '-';
    else if (i === 14) s += '4';
    else if (i === 19) s += hex[(Math.random() * 4) | 8];
    else s += hex[(Math.random() * 16) | 0];
  }
  return s;
}
