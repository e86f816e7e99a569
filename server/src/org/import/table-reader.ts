import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';

export type TableFormat = 'csv' | 'xlsx';

/** One row of a sheet: its row number in the file (1 = first line) and its cells as trimmed text. */
export interface TableRow {
  row: number;
  cells: string[];
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** .xlsx is a zip; anything else is read as UTF-8 CSV. */
export function sniffFormat(data: Buffer): TableFormat {
  return data.subarray(0, 4).equals(ZIP_MAGIC) ? 'xlsx' : 'csv';
}

/** The text a cell shows: numbers as written, rich text joined, a formula's result, dates as YYYY-MM-DD. */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
  if ('text' in v) return String(v.text);
  return '';
}

/**
 * CSV and .xlsx (first sheet) through one library, exceljs. CSV cells stay text (no number or date guessing, so
 * "0101" and "89.50" arrive as written); empty rows are dropped. Throws on a file neither reader can open.
 */
export async function readTable(data: Buffer, format: TableFormat = sniffFormat(data)): Promise<TableRow[]> {
  const wb = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  if (format === 'xlsx') {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    sheet = wb.worksheets[0];
  } else {
    const text = data.toString('utf8').replace(/^\uFEFF/, '');
    sheet = await wb.csv.read(Readable.from([text]), { map: (v: string) => v });
  }
  const rows: TableRow[] = [];
  sheet?.eachRow({ includeEmpty: false }, (r, n) => {
    const values = Array.isArray(r.values) ? r.values.slice(1) : [];
    const cells = Array.from(values, (v) => cellText((v ?? null) as ExcelJS.CellValue).trim());
    if (cells.some((c) => c !== '')) rows.push({ row: n, cells });
  });
  return rows;
}
