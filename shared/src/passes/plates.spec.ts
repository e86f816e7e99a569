import { formatPlate, parsePlate } from './plates';

describe('licence plates', () => {
  it.each([
    ['粤B12345', '粤B12345', false],
    ['粤b 12345', '粤B12345', false],
    ['京A·8B8C8', '京A8B8C8', false],
    ['沪AD12345', '沪AD12345', true],
    ['沪A-F1234 5', '沪AF12345', true],
    ['苏E12345D', '苏E12345D', true],
    ['浙A1234学', '浙A1234学', false],
    ['粤Z1234港', '粤Z1234港', false],
    ['川Ａ１２３４５', '川A12345', false],
  ])('%s is valid', (input, plate, newEnergy) => {
    expect(parsePlate(input)).toEqual({ plate, newEnergy });
  });

  it.each(['', '粤B1234', '粤B123456', 'AB12345', '粤I12345', '粤BO2345', '粤B12345D6', '沪AD1234X', '沪A1234DX', '港A12345', '粤B12 34😀', '粤B'.repeat(20)])(
    '%s is refused',
    (input) => {
      expect(parsePlate(input)).toBeNull();
    },
  );

  it('refuses non-strings', () => {
    expect(parsePlate(12345)).toBeNull();
    expect(parsePlate(null)).toBeNull();
  });

  it('prints with the dot after the authority letter', () => {
    expect(formatPlate('粤B12345')).toBe('粤B·12345');
    expect(formatPlate('沪AD12345')).toBe('沪A·D12345');
  });
});
