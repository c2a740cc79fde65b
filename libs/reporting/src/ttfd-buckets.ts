/**
 * Time-to-first-deal histogram buckets in days. The edges follow the activation gate: a first
 * registered deal within 14–45 days of signing is the goal, and after 45 days a partner needs help.
 */
export const TTFD_BUCKETS: readonly { label: string; minDays: number; maxDays: number | null }[] = [
  { label: '0–14 days', minDays: 0, maxDays: 14 },
  { label: '15–30 days', minDays: 15, maxDays: 30 },
  { label: '31–45 days', minDays: 31, maxDays: 45 },
  { label: '46–60 days', minDays: 46, maxDays: 60 },
  { label: '61–90 days', minDays: 61, maxDays: 90 },
  { label: '91–180 days', minDays: 91, maxDays: 180 },
  { label: 'Over 180 days', minDays: 181, maxDays: null },
];

/** How many of `days` fall in each bucket (negative values, which cannot happen, count as 0 days). */
export function histogram(days: number[]): number[] {
  const counts = TTFD_BUCKETS.map(() => 0);
  for (const d of days) {
    const index = TTFD_BUCKETS.findIndex((b) => Math.max(d, 0) >= b.minDays && (b.maxDays === null || Math.max(d, 0) <= b.maxDays));
    if (index >= 0) counts[index]! += 1;
  }
  return counts;
}

export function median(values: number[]): number | null {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
