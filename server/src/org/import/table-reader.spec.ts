import ExcelJS from 'exceljs';
import { readTable, sniffFormat } from './table-reader';

const csv = async (text: string) => (await readTable(Buffer.from(text, 'utf8'), 'csv')).map((r) => r.cells);

describe('readTable (exceljs): CSV', () => {
  it('splits rows and cells, keeps empty cells, and keeps every cell as written text', async () => {
    expect(await csv('a,b,c\n1,,3\n4,5,\n0101,89.50,2026-01-01\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', '', '3'],
      ['4', '5', ''],
      ['0101', '89.50', '2026-01-01'],
    ]);
  });

  it('quoted cells may hold commas, doubled quotes and line breaks', async () => {
    expect(await csv('name,note\n"欧阳,娜娜","他说""你好"""\n"两\n行",x\n')).toEqual([
      ['name', 'note'],
      ['欧阳,娜娜', '他说"你好"'],
      ['两\n行', 'x'],
    ]);
  });

  it('CRLF and LF alike; a final line without a line end; a UTF-8 BOM is dropped', async () => {
    const rows = [
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ];
    expect(await csv('a,b\r\n1,2\r\n3,4\r\n')).toEqual(rows);
    expect(await csv('\uFEFFa,b\n1,2\n3,4')).toEqual(rows);
  });

  it('skips blank rows and numbers the others as the file does (the header is row 1)', async () => {
    const rows = await readTable(Buffer.from('a\n\n,,\nb\n'), 'csv');
    expect(rows).toEqual([
      { row: 1, cells: ['a'] },
      { row: 4, cells: ['b'] },
    ]);
    expect(await csv('')).toEqual([]);
  });

  it('trims cells', async () => {
    expect(await csv(' a , b \n')).toEqual([['a', 'b']]);
  });
});

describe('readTable (exceljs): .xlsx', () => {
  it('reads the first sheet: numbers, text, rich text, formulas and dates as text, with row numbers', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('房屋');
    ws.addRow(['楼栋', '面积', '手机', '备注']);
    ws.addRow(['1栋', 89.56, 13700000001, { richText: [{ text: '欧阳' }, { text: '娜娜' }] }]);
    ws.addRow([]);
    ws.addRow(['2栋', { formula: '100+24.3', result: 124.3 }, '13700000002', new Date(Date.UTC(2026, 0, 15))]);
    wb.addWorksheet('另一张').addRow(['不读']);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    expect(sniffFormat(data)).toBe('xlsx');
    expect(await readTable(data)).toEqual([
      { row: 1, cells: ['楼栋', '面积', '手机', '备注'] },
      { row: 2, cells: ['1栋', '89.56', '13700000001', '欧阳娜娜'] },
      { row: 4, cells: ['2栋', '124.3', '13700000002', '2026-01-15'] },
    ]);
  });

  it('a file that is not a workbook throws', async () => {
    await expect(readTable(Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(32)]))).rejects.toThrow();
    expect(sniffFormat(Buffer.from('a,b\n'))).toBe('csv');
  });
});
