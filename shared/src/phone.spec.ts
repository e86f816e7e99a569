import { maskPhone, normalizeMobile } from './phone';

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits', () => expect(maskPhone('13812345678')).toBe('138****5678'));
  it('passes null through', () => expect(maskPhone(null)).toBeNull());
  it('masks short strings whole', () => expect(maskPhone('12345')).toBe('*****'));
});

describe('normalizeMobile', () => {
  it('accepts plain, spaced and +86 forms', () => {
    expect(normalizeMobile('13812345678')).toBe('13812345678');
    expect(normalizeMobile('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizeMobile('8613812345678')).toBe('13812345678');
  });
  it('rejects landlines and junk', () => {
    expect(normalizeMobile('02112345678')).toBeNull();
    expect(normalizeMobile('1381234567')).toBeNull();
    expect(normalizeMobile('abc')).toBeNull();
  });
});
