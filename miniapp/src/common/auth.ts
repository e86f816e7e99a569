import Taro from '@tarojs/taro';
import type { LoginResponse, Me } from '@linli/shared';
import { api, goLogin } from './api';
import { clearSession, getRefreshToken, saveTokens, setCachedMe } from './session';
import { LOGIN_PAGE } from './env';

/** Store a login response and open the app's first tab. */
export async function completeLogin(res: LoginResponse, home: string): Promise<void> {
  saveTokens(res);
  setCachedMe(res.me);
  await Taro.reLaunch({ url: home });
}

/** GET /api/me, cached for the other pages. */
export async function fetchMe(): Promise<Me> {
  const me = await api.get<Me>('/api/me', { silent: true });
  setCachedMe(me);
  return me;
}

/** POST /api/auth/logout (best effort), forget the session, back to login. */
export async function logout(): Promise<void> {
  const refreshToken = getRefreshToken();
  if (refreshToken) {
    try {
      await api.post('/api/auth/logout', { refreshToken }, { silent: true });
    } catch {
      /* the session is dropped locally anyway */
    }
  }
  clearSession();
  await Taro.reLaunch({ url: LOGIN_PAGE });
}

export { goLogin };
