import { ReportDrillRow, VISIT_MODE_LABELS, VISIT_RESULT_LABELS } from '@linli/shared';

type Row = Record<string, unknown>;
type Where = { from: string; where: string[]; params: unknown[]; select: string; id: string };

/** The rows behind the visits figures (report-engage): the same conditions; never a household's name. */
export function visitsWhere(w: Where, which: string | undefined, range: (col: string) => void) {
  if (which === 'new_done' || which === 'new_due') {
    w.from = 'new_resident_visits x JOIN rooms rm ON rm.id = x.room_id';
    w.select = `x.id, 'new' AS what, x.status, x.result, rm.label AS room_label, ${which === 'new_done' ? 'x.visited_at' : 'x.due_at'} AS at`;
    if (which === 'new_done') w.where.push(`x.status = 'done'`);
    range(which === 'new_done' ? 'x.visited_at' : 'x.due_at');
    return;
  }
  w.from = 'customer_visits x LEFT JOIN rooms rm ON rm.id = x.room_id';
  w.select = `x.id, 'customer' AS what, x.mode, x.deep, rm.label AS room_label, x.visited_at AS at`;
  if (which === 'deep') w.where.push('x.deep = 1');
  range('x.visited_at');
}

export function visitView(base: Pick<ReportDrillRow, 'id' | 'communityName' | 'at'>, r: Row): ReportDrillRow {
  const room = r.room_label ? String(r.room_label) : '—';
  if (r.what === 'new') {
    const result = r.result ? ((VISIT_RESULT_LABELS as Record<string, string>)[String(r.result)] ?? String(r.result)) : '未回访';
    return { ...base, no: `#${base.id}`, title: `新住户回访·${room}`, detail: result, link: null };
  }
  const mode = (VISIT_MODE_LABELS as Record<string, string>)[String(r.mode)] ?? String(r.mode);
  return { ...base, no: `#${base.id}`, title: `客户访谈·${room}`, detail: `${mode}${Number(r.deep) ? '·深度访谈' : ''}`, link: `/visits/${base.id}` };
}
