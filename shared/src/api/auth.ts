import type { App, Role } from '../roles';
import type { BindingView } from './bindings';

/** POST /api/auth/wx-login — `code` from wx.login(). */
export interface WxLoginRequest {
  app: App;
  code: string;
}
/** POST /api/auth/dev-login — only outside production. Resident: any code → stable fake openid `dev:<code>`. */
export interface DevLoginRequest {
  app: App;
  code: string;
}
/** POST /api/auth/staff-login */
export interface StaffLoginRequest {
  username: string;
  password: string;
}
/** POST /api/auth/refresh and /api/auth/logout */
export interface RefreshRequest {
  refreshToken: string;
}
export interface TokenPair {
  accessToken: string;
  /** seconds until the access token expires */
  expiresIn: number;
  refreshToken: string;
}
export interface LoginResponse extends TokenPair {
  me: Me;
  /** staff signed in with an initial password (set or reset by an admin): change it first (POST /api/auth/password) */
  mustChangePassword: boolean;
}

/**
 * POST /api/auth/password — staff change their own password (policy: shared passwordProblem). Answers a new
 * LoginResponse: every other session of the account ends (token version bumped, refresh tokens revoked).
 */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}

/** GET /api/me */
export interface Me {
  id: number;
  kind: 'resident' | 'staff';
  name: string;
  roles: Role[];
  companyId: number;
  companyName: string;
  /** masked, e.g. 138****5678; null when none is known */
  phoneMasked: string | null;
  /** the caller's own authorised number in full (theirs to see; prefills contact phones); null when none is known */
  phone: string | null;
  /** staff: communities they work in (admin: all of the company's) */
  communities: { id: number; name: string }[];
  /** resident: current room (one of the approved bindings) */
  currentRoomId: number | null;
  /** resident: all bindings, any status */
  bindings: BindingView[];
  /** staff: whether the staff app's WeChat openid is linked (for push) */
  wechatLinked: boolean;
  /** staff: still on an initial password; every other staff API answers 403 PASSWORD_CHANGE_REQUIRED until changed */
  mustChangePassword: boolean;
}

/** POST /api/me/phone — `code` from the getPhoneNumber button. */
export interface PhoneCodeRequest {
  code: string;
}
/** PUT /api/me/current-room */
export interface SwitchRoomRequest {
  roomId: number;
}
/** POST /api/me/link-wechat — staff app's wx.login code. */
export interface LinkWechatRequest {
  code: string;
}

/** Demo accounts offered by GET /api/auth/demo-accounts (dev only). */
export interface DemoAccounts {
  residents: { code: string; name: string; note: string }[];
  staff: { username: string; password: string; name: string; roles: Role[] }[];
}
