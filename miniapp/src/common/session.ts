import Taro from '@tarojs/taro';
import type { Me, TokenPair } from '@linli/shared';
import { APP_NAME } from './env';

// Both H5 apps are served from one origin and share localStorage: keys carry the app name.
const KEY_ACCESS = `linli.${APP_NAME}.accessToken`;
const KEY_REFRESH = `linli.${APP_NAME}.refreshToken`;
const KEY_EXPIRES = `linli.${APP_NAME}.expiresAt`;
const KEY_ME = `linli.${APP_NAME}.me`;

function read(key: string): string | null {
  try {
    const v = Taro.getStorageSync(key);
    return typeof v === 'string' && v ? v : null;
  } catch {
    return null;
  }
}

let meCache: Me | null = null;

export function getAccessToken(): string | null {
  return read(KEY_ACCESS);
}
export function getRefreshToken(): string | null {
  return read(KEY_REFRESH);
}
export function hasSession(): boolean {
  return !!(getAccessToken() || getRefreshToken());
}

export function saveTokens(t: TokenPair): void {
  Taro.setStorageSync(KEY_ACCESS, t.accessToken);
  Taro.setStorageSync(KEY_REFRESH, t.refreshToken);
  Taro.setStorageSync(KEY_EXPIRES, String(Date.now() + t.expiresIn * 1000));
}

/** Last known Me (memory, then storage). */
export function getCachedMe(): Me | null {
  if (meCache) return meCache;
  const raw = read(KEY_ME);
  if (!raw) return null;
  try {
    meCache = JSON.parse(raw) as Me;
  } catch {
    meCache = null;
  }
  return meCache;
}
export function setCachedMe(me: Me): void {
  meCache = me;
  Taro.setStorageSync(KEY_ME, JSON.stringify(me));
}

export function clearSession(): void {
  meCache = null;
  for (const k of [KEY_ACCESS, KEY_REFRESH, KEY_EXPIRES, KEY_ME]) {
    try {
      Taro.removeStorageSync(k);
    } catch {
      /* ignore */
    }
  }
}
