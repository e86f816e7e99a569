/** Staff password policy (POST /api/auth/password, admin-set passwords); the messages are shown as they are. */
export const PASSWORD_MIN_LENGTH = 8;
/** bcrypt reads at most 72 bytes */
export const PASSWORD_MAX_LENGTH = 72;

/** Why the password is not acceptable (zh-CN), or null. `previous`: the password it replaces. */
export function passwordProblem(password: string, previous?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `新密码至少 ${PASSWORD_MIN_LENGTH} 位`;
  if (password.length > PASSWORD_MAX_LENGTH) return `新密码最多 ${PASSWORD_MAX_LENGTH} 位`;
  if (/\s/.test(password)) return '新密码不能包含空格';
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) return '新密码须同时包含字母和数字';
  if (previous !== undefined && password === previous) return '新密码不能与原密码相同';
  return null;
}
