import { parseAreaCenti, parseCsv } from './csv';

describe('parseCsv', () => {
  it('splits rows and cells, keeping empty cells', () => {
    expect(parseCsv('a,b,c\n1,,3\n,,\n4,5,')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
      ['4', '5', ''],
    ]);
  });

  it('quoted cells may hold commas, doubled quotes and line breaks', () => {
    expect(parseCsv('name,note\n"欧阳,娜娜","他说""你好"""\n"两\n行",x\n')).toEqual([
      ['name', 'note'],
      ['欧阳,娜娜', '他说"你好"'],
      ['两\n行', 'x'],
    ]);
    expect(parseCsv('"",x\n')).toEqual([['', 'x']]);
    // a row of empty cells, quoted or not, is a blank row
    expect(parseCsv('a\n"",""\n')).toEqual([['a']]);
  });

  it('a quote inside an unquoted cell is a literal character and swallows nothing', () => {
    expect(parseCsv('3栋,王"明,13900000001\n3栋,李四,13900000002\n')).toEqual([
      ['3栋', '王"明', '13900000001'],
      ['3栋', '李四', '13900000002'],
    ]);
    expect(parseCsv('12" pipe,ok\n')).toEqual([['12" pipe', 'ok']]);
  });

  it('CRLF, lone CR and LF line ends alike; a final line without a line end', () => {
    const rows = [
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ];
    expect(parseCsv('a,b\r\n1,2\r\n3,4\r\n')).toEqual(rows);
    expect(parseCsv('a,b\r1,2\r3,4')).toEqual(rows);
    expect(parseCsv('a,b\n1,2\n3,4')).toEqual(rows);
    expect(parseCsv('"x\r\ny",z\r\n')).toEqual([['x\r\ny', 'z']]);
  });

  it('strips a UTF-8 BOM (Excel "CSV UTF-8") from the first cell only', () => {
    const rows = parseCsv('\uFEFFbuilding,unit\r\n1栋,\uFEFF1单元\r\n');
    expect(rows[0][0]).toBe('building');
    expect(rows[1][1]).toBe('\uFEFF1单元');
  });

  it('skips blank and whitespace-only lines; an empty text has no rows', () => {
    expect(parseCsv('a\n\n  \n\r\nb\n\n')).toEqual([['a'], ['b']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('\uFEFF')).toEqual([]);
    expect(parseCsv('\n\r\n')).toEqual([]);
  });

  it('leaves trimming to the caller', () => {
    expect(parseCsv(' a , b \n')).toEqual([[' a ', ' b ']]);
  });
});

describe('parseAreaCenti', () => {
  it('converts m² with up to 2 decimals to integer centi-m² without floating point', () => {
    expect(parseAreaCenti('89.56')).toBe(8956);
    expect(parseAreaCenti('124.3')).toBe(12430);
    expect(parseAreaCenti('100')).toBe(10000);
    expect(parseAreaCenti('0.01')).toBe(1);
    expect(parseAreaCenti('0')).toBe(0);
    // 0.29 * 100 is 28.999999999999996 in floating point
    expect(parseAreaCenti('0.29')).toBe(29);
    expect(parseAreaCenti('1.15')).toBe(115);
    expect(parseAreaCenti('9999999.99')).toBe(999_999_999);
    expect(parseAreaCenti('007.5')).toBe(750);
  });

  it('trims, and treats empty as unknown (null)', () => {
    expect(parseAreaCenti(' 89.56 ')).toBe(8956);
    expect(parseAreaCenti('')).toBeNull();
    expect(parseAreaCenti('   ')).toBeNull();
  });

  it('anything else is NaN', () => {
    for (const bad of ['89.567', '-1', '+1', '1e3', 'abc', '89.', '.5', '1,234.5', '12 34', '12345678', '89.56m²', '８９', 'NaN', 'Infinity', '0x10']) {
      expect(parseAreaCenti(bad)).toBeNaN();
    }
  });
});
