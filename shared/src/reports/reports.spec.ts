import { addMonths, arrearsAge, arrearsByAge } from './arrears-age';
import { collectionRate } from './collection-rate';
import { periodInstants, previousPeriod } from './period-range';
import { formatShare, nearestRank, slaStats } from './sla-stats';

describe('SLA compliance figures', () => {
  it('nearest-rank median and p90', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(ten, 50)).toBe(5);
    expect(nearestRank(ten, 90)).toBe(9);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
    expect(nearestRank([1, 2, 3], 50)).toBe(2);
  });

  it('share met, median and p90 of a clock, samples in any order', () => {
    const s = slaStats([
      { durationMs: 300_000, breached: false },
      { durationMs: 60_000, breached: false },
      { durationMs: 900_000, breached: true },
      { durationMs: 120_000, breached: false },
    ]);
    expect(s).toEqual({ total: 4, met: 3, breached: 1, metShare: 0.75, medianMs: 120_000, p90Ms: 900_000 });
    expect(slaStats([])).toEqual({ total: 0, met: 0, breached: 0, metShare: null, medianMs: null, p90Ms: null });
  });

  it('prints shares with one decimal', () => {
    expect(formatShare(0.985)).toBe('98.5%');
    expect(formatShare(2 / 3)).toBe('66.7%');
    expect(formatShare(1)).toBe('100.0%');
    expect(formatShare(null)).toBe('—');
  });
});

describe('arrears by age', () => {
  it('adds months clamping the day', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-12-01', 12)).toBe('2027-12-01');
  });

  it('buckets at the boundaries (upper bounds inclusive)', () => {
    expect(arrearsAge('2026-10-31', '2026-11-30')).toBe('upTo1');
    expect(arrearsAge('2026-10-30', '2026-11-30')).toBe('upTo1');
    expect(arrearsAge('2026-10-29', '2026-11-30')).toBe('upTo3');
    expect(arrearsAge('2026-08-30', '2026-11-30')).toBe('upTo3');
    expect(arrearsAge('2026-08-29', '2026-11-30')).toBe('upTo12');
    expect(arrearsAge('2025-11-30', '2026-11-30')).toBe('upTo12');
    expect(arrearsAge('2025-11-29', '2026-11-30')).toBe('over12');
  });

  it('sums open principal of overdue lines only', () => {
    const lines = [
      { dueDate: '2026-11-20', openCents: 100 },
      { dueDate: '2026-09-01', openCents: 200 },
      { dueDate: '2025-01-01', openCents: 300 },
      { dueDate: '2026-12-15', openCents: 999 }, // not due yet
      { dueDate: '2026-06-01', openCents: 0 },
    ];
    expect(arrearsByAge(lines, '2026-11-30')).toEqual({ upTo1: 100, upTo3: 200, upTo12: 0, over12: 300 });
  });
});

describe('collection rate and periods', () => {
  it('collected over billed less waivers; null with nothing billed', () => {
    expect(collectionRate(10_000, 0, 9_000)).toBe(0.9);
    expect(collectionRate(10_000, 2_000, 8_000)).toBe(1);
    expect(collectionRate(0, 0, 0)).toBeNull();
    expect(collectionRate(1_000, 1_000, 0)).toBeNull();
  });

  it('a Shanghai month as UTC instants and the period before', () => {
    expect(periodInstants('2026-12')).toEqual({ from: new Date('2026-11-30T16:00:00.000Z'), to: new Date('2026-12-31T16:00:00.000Z') });
    expect(periodInstants('2026-Q1').to).toEqual(new Date('2026-03-31T16:00:00.000Z'));
    expect(previousPeriod('2026-01')).toBe('2025-12');
    expect(previousPeriod('2026-10')).toBe('2026-09');
    expect(previousPeriod('2026-Q1')).toBe('2025-Q4');
    expect(previousPeriod('2026-Q3')).toBe('2026-Q2');
  });
});
