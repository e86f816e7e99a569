/** One clock of a report: how long it took (start → met, or → the report's end while still open) and whether it broke. */
export interface ClockSample {
  durationMs: number;
  breached: boolean;
}

export interface SlaStats {
  total: number;
  met: number;
  breached: number;
  /** met / total, 0…1; null when there is no clock */
  metShare: number | null;
  medianMs: number | null;
  p90Ms: number | null;
}

/** Nearest-rank percentile (p in 0…100] of sorted values: the smallest value with at least p % of values ≤ it. */
export function nearestRank(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}

/** Share met, median and p90 of one clock's samples (the SLA compliance line of the monthly report). */
export function slaStats(samples: readonly ClockSample[]): SlaStats {
  const durations = samples.map((s) => s.durationMs).sort((a, b) => a - b);
  return slaStatsOfSorted(durations, samples.filter((s) => s.breached).length);
}

/** The same from every sample's duration, sorted ascending, and how many of them broke. */
export function slaStatsOfSorted(sorted: readonly number[], breached: number): SlaStats {
  const total = sorted.length;
  return {
    total,
    met: total - breached,
    breached,
    metShare: total ? (total - breached) / total : null,
    medianMs: nearestRank(sorted, 50),
    p90Ms: nearestRank(sorted, 90),
  };
}

/** "98.5%" (one decimal, rounded half up), "—" without data. */
export function formatShare(share: number | null): string {
  if (share === null) return '—';
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}
