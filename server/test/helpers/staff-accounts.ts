import type { LoginResponse } from '@linli/shared';
import type { TestApp } from './test-app';

/**
 * An account an admin created (or reset) is on an initial password: its first login must change it before any
 * other staff API answers. Logs in with the initial password, changes it to `newPassword`, answers the new session.
 */
export async function firstLogin(t: TestApp, username: string, initialPassword: string, newPassword = `${initialPassword}-new1`): Promise<LoginResponse> {
  const first = await t.staff(username, initialPassword);
  if (!first.mustChangePassword) return first;
  const r = await t.post<LoginResponse>('/api/auth/password', { currentPassword: initialPassword, newPassword }, { token: first.accessToken });
  if (r.status !== 200) throw new Error(`first password change of ${username} → ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
