import { delta, emptyPart, isEmptyPart, parseSla, replaceSections, serializeSla, undelta } from './month-part';
import { rollupTriggers } from './rollup-triggers';
import { monthsBetween } from './rollup-months';

describe('report roll-up parts', () => {
  it('stores sorted durations as deltas and reads them back exactly', () => {
    const sorted = [0, 5, 5, 120_000, 3_600_001, 259_200_000];
    expect(delta(sorted)).toEqual([0, 5, 0, 119_995, 3_480_001, 255_599_999]);
    expect(undelta(delta(sorted))).toEqual(sorted);
    const sla = { dispatch: { total: 6, breached: 2, durations: sorted }, 'arrival.urgent': { total: 0, breached: 0, durations: [] } };
    expect(parseSla(serializeSla(sla))).toEqual(sla);
  });

  it('replaces only the sections a source feeds', () => {
    const stored = emptyPart();
    stored.summary.tickets = [['repair', null, 'plumbing', 'normal', 'wechat', 3]];
    stored.summary.fees = { billed: 100, waived: 0, paid: 50 };
    stored.summary.slaTotal = 4;
    stored.sla = { dispatch: { total: 4, breached: 1, durations: [1, 2, 3, 4] } };
    const fresh = emptyPart();
    fresh.summary.fees = { billed: 100, waived: 0, paid: 100 };
    const out = replaceSections(stored, fresh, ['b']);
    expect(out.summary.fees.paid).toBe(100);
    expect(out.summary.tickets).toEqual(stored.summary.tickets);
    expect(out.sla).toBe(stored.sla);
    expect(replaceSections(stored, fresh, ['k'])).toMatchObject({ summary: { slaTotal: 0 }, sla: {} });
    expect(isEmptyPart(emptyPart())).toBe(true);
    expect(isEmptyPart(out)).toBe(false);
  });

  it('lists months across a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
  });

  it('writes one trigger per table and operation in each dialect; updates log only when a watched column changed', () => {
    for (const d of ['mysql', 'sqlite'] as const) {
      const t = rollupTriggers(d);
      expect(t).toHaveLength(12);
      const update = t.find((x) => x.name === 'trg_report_dirty_bill_lines_update')!.sql;
      expect(update).toContain(d === 'mysql' ? 'NOT (NEW.paid_cents <=> OLD.paid_cents)' : 'NEW.paid_cents IS NOT OLD.paid_cents');
      // the ticket's tier re-labels its clocks: their months are logged as clock changes
      expect(t.find((x) => x.name === 'trg_report_dirty_tickets_update')!.sql).toMatch(/'k' FROM clocks k WHERE k.subject_type = 'ticket'/);
    }
    expect(rollupTriggers('mysql')[0].sql).toMatch(/DATE_FORMAT\(DATE_ADD\(NEW\.received_at, INTERVAL 8 HOUR\), '%Y-%m'\)/);
    expect(rollupTriggers('sqlite')[0].sql).toMatch(/strftime\('%Y-%m', NEW\.received_at, '\+8 hours'\)/);
  });
});
