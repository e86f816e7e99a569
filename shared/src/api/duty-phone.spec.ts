import { isDutyPhone, normalizeDutyPhone } from './duty-phone';

describe('duty phone format', () => {
  it('takes mobiles, landlines with area code (and extension) and 400/800 numbers', () => {
    for (const ok of ['13800000000', '021-12345678', '02112345678', '0571-8765432', '010-12345678-123', '400-123-4567', '8001234567', ' 021 1234 5678 '])
      expect(isDutyPhone(ok)).toBe(true);
  });
  it('refuses anything else', () => {
    for (const bad of ['', '12345', '12800000000', '1380000000', '21-12345678', '021-123', '119', 'abc', '+86 13800000000', '021—12345678'])
      expect(isDutyPhone(bad)).toBe(false);
  });
  it('stores without spaces', () => expect(normalizeDutyPhone(' 021 1234 5678 ')).toBe('02112345678'));
});
