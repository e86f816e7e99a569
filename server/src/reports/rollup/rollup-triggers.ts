/**
 * The change log behind the report roll-ups: AFTER INSERT / UPDATE / DELETE triggers on the four source tables write
 * the (community, Shanghai month) pairs a row change touches into `report_dirty`; ReportRollupJob folds them in.
 * Triggers rather than application code so that every write path (state machines, sweepers, raw UPDATEs, imports)
 * is covered without a statement in the write's budget. An UPDATE logs only when a column a report reads changed.
 */
export type RollupDialect = 'mysql' | 'sqlite';

interface Source {
  table: string;
  /** t tickets, k clocks, p passes, b bill lines (b also marks the community's open dues) */
  src: 't' | 'k' | 'p' | 'b';
  /** the columns whose Shanghai month is a report month of the row (bill lines: `period` as it is) */
  months: string[];
  /** the columns a report reads: an UPDATE that changes none of them logs nothing */
  watched: string[];
  /** extra (month, src) rows an UPDATE logs (a ticket's tier re-labels its clocks' arrival lines: their months, as clocks) */
  extra?: (d: RollupDialect) => string;
}

const SOURCES: Source[] = [
  {
    table: 'tickets',
    src: 't',
    months: ['received_at', 'completed_at', 'return_visit_at'],
    watched: ['received_at', 'completed_at', 'return_visit_at', 'status', 'kind', 'complaint_class', 'category', 'tier', 'channel', 'rating', 'community_id'],
    extra: (d) => `SELECT ${month(d, 'k.due_at')}, 'k' FROM clocks k WHERE k.subject_type = 'ticket' AND k.subject_id = NEW.id AND ${changed(d, 'tier')}`,
  },
  {
    table: 'clocks',
    src: 'k',
    months: ['due_at'],
    watched: ['state', 'due_at', 'met_at', 'breached', 'paused_ms', 'started_at', 'name', 'community_id'],
  },
  { table: 'passes', src: 'p', months: ['issued_at'], watched: ['issued_at', 'kind', 'community_id'] },
  {
    table: 'bill_lines',
    src: 'b',
    months: ['period'],
    watched: ['amount_cents', 'waived_cents', 'paid_cents', 'status', 'period', 'due_date', 'deferred_until', 'community_id'],
  },
];

function month(d: RollupDialect, colRef: string): string {
  if (colRef.endsWith('period')) return colRef;
  return d === 'mysql' ? `DATE_FORMAT(DATE_ADD(${colRef}, INTERVAL 8 HOUR), '%Y-%m')` : `strftime('%Y-%m', ${colRef}, '+8 hours')`;
}

function changed(d: RollupDialect, c: string): string {
  return d === 'mysql' ? `NOT (NEW.${c} <=> OLD.${c})` : `NEW.${c} IS NOT OLD.${c}`;
}

export const triggerName = (table: string, op: string) => `trg_report_dirty_${table}_${op}`;

/** One INSERT … SELECT of the distinct non-null months of the row(s) `refs` (NEW, OLD or both). */
function logStatement(d: RollupDialect, s: Source, refs: ('NEW' | 'OLD')[], cond: string | null, withExtra: boolean): string {
  const arms = refs.flatMap((r) => s.months.map((c) => `SELECT ${month(d, `${r}.${c}`)} AS p, '${s.src}' AS s`));
  if (withExtra && s.extra) arms.push(s.extra(d));
  const cid = `${refs[0]}.community_id`;
  const where = cond ? ` AND (${cond})` : '';
  return `INSERT INTO report_dirty (community_id, period, src) SELECT ${cid}, x.p, x.s FROM (${arms.join(' UNION ')}) x WHERE x.p IS NOT NULL${where}`;
}

/** CREATE TRIGGER statements for the dialect (each one statement, no DELIMITER needed). */
export function rollupTriggers(d: RollupDialect): { name: string; sql: string }[] {
  const out: { name: string; sql: string }[] = [];
  for (const s of SOURCES) {
    const ops: [string, string, string][] = [
      ['insert', 'INSERT', logStatement(d, s, ['NEW'], null, false)],
      ['update', 'UPDATE', logStatement(d, s, ['NEW', 'OLD'], s.watched.map((c) => changed(d, c)).join(' OR '), true)],
      ['delete', 'DELETE', logStatement(d, s, ['OLD'], null, false)],
    ];
    for (const [op, event, body] of ops) {
      const name = triggerName(s.table, op);
      const sql =
        d === 'mysql'
          ? `CREATE TRIGGER ${name} AFTER ${event} ON ${s.table} FOR EACH ROW ${body}`
          : `CREATE TRIGGER ${name} AFTER ${event} ON ${s.table} BEGIN ${body}; END`;
      out.push({ name, sql });
    }
  }
  return out;
}

export const dropTrigger = (name: string) => `DROP TRIGGER IF EXISTS ${name}`;
