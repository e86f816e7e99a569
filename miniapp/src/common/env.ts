/** Which mini-program this bundle is ('resident' | 'staff'), injected from .env.<mode>. */
export const APP_NAME = (process.env.TARO_APP_NAME || 'resident') as 'resident' | 'staff';

export const IS_H5 = process.env.TARO_ENV === 'h5';

/**
 * API origin. H5 is served by the API server itself, so it calls the same origin ('/api/...');
 * mini-program builds need an absolute base (TARO_APP_API_BASE, default http://127.0.0.1:3000).
 */
export const API_BASE = IS_H5 ? '' : process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3000';

/** Subpackage page every app sends a caller without a session to. */
export const LOGIN_PAGE = '/pages-auth/login/index';

/** Staff app: where an initial password is changed (shown before anything else until it is). */
export const CHANGE_PASSWORD_PAGE = '/pages-auth/password/index';
