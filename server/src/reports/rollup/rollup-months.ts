import { DataSource } from 'typeorm';
import { isPeriod, shanghaiMonth } from '@linli/shared';
import { utc } from '../../common/sql-time';

type Row = Record<string, unknown>;

/** `from` … `to` inclusive, both YYYY-MM. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  for (;;) {
    const p = `${y}-${String(m).padStart(2, '0')}`;
    if (p > to) return out;
    out.push(p);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
}

/** The first Shanghai month any report figure of any community falls in (null: no data at all): one statement. */
export async function earliestDataMonth(ds: DataSource): Promise<string | null> {
  const [r]: Row[] = await ds.query(
    `SELECT (SELECT MIN(received_at) FROM tickets) AS t, (SELECT MIN(due_at) FROM clocks) AS k,
            (SELECT MIN(issued_at) FROM passes) AS p, (SELECT MIN(period) FROM bill_lines WHERE period LIKE '____-__') AS b`,
  );
  const months = [r.t, r.k, r.p].filter((v) => v !== null && v !== undefined).map((v) => shanghaiMonth(utc(v)!));
  if (r.b && isPeriod(String(r.b), 'month')) months.push(String(r.b));
  return months.length ? months.sort()[0] : null;
}
