import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it('accepts 8+ characters with letters and digits', () => {
    expect(passwordProblem('abcd1234')).toBeNull();
    expect(passwordProblem('Linli-2026!', 'linli123')).toBeNull();
  });
  it('names what is wrong, in Chinese', () => {
    expect(passwordProblem('abc123')).toBe('新密码至少 8 位');
    expect(passwordProblem('abcdefgh')).toBe('新密码须同时包含字母和数字');
    expect(passwordProblem('12345678')).toBe('新密码须同时包含字母和数字');
    expect(passwordProblem('abcd 1234')).toBe('新密码不能包含空格');
    expect(passwordProblem('a1'.repeat(37))).toBe('新密码最多 72 位');
    expect(passwordProblem('linli123', 'linli123')).toBe('新密码不能与原密码相同');
  });
});
