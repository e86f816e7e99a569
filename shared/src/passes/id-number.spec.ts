import { idCheckChar, idNumberProblem, maskIdNumber } from './id-number';

describe('mainland ID numbers (decoration workers)', () => {
  it('accepts a number whose check character matches, X included, in either case', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('11010519491231002x')).toBeNull();
    expect(idNumberProblem('440524198001010013')).toBeNull();
    expect(idCheckChar('11010519491231002')).toBe('X');
  });
  it('refuses a wrong check character, a bad length, letters and impossible birth dates, without echoing the number', () => {
    const m = idNumberProblem('110105194912310021');
    expect(m).toContain('校验位');
    expect(m).not.toContain('1101');
    expect(idNumberProblem('11010519491231002')).toContain('18 位');
    expect(idNumberProblem('1101051949123100AX')).toContain('18 位');
    expect(idNumberProblem(12345)).toContain('请填写');
    // 1949-02-30 does not exist (the check character made right so only the date is wrong)
    const body = '11010519490230002';
    expect(idNumberProblem(body + idCheckChar(body))).toContain('出生日期');
  });
  it('masks all but the first 3 and last 4 characters', () => {
    expect(maskIdNumber('11010519491231002x')).toBe('110***********002X');
    expect(maskIdNumber('440524198001010013')).toHaveLength(18);
  });
});
