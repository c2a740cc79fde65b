const DAY_MS = 24 * 3600 * 1000;
const WEEK_MS = 7 * DAY_MS;

/** A calendar day (YYYY-MM-DD) as midnight UTC. */
export function dayStart(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The UTC calendar day of an instant. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOf(new Date(dayStart(day).getTime() + days * DAY_MS));
}

/** The Monday (UTC) of the ISO week holding `day`. */
export function isoWeekStart(day: string): string {
  const date = dayStart(day);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return addDays(day, -sinceMonday);
}

/** ISO 8601 week name of the week starting on `monday`: `2026-W47` (the year is the one of its Thursday). */
export function isoWeekName(monday: string): string {
  const thursday = dayStart(addDays(monday, 3));
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Mondays of every ISO week that overlaps [from, to] (calendar days, both included). */
export function weeksOf(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let monday = isoWeekStart(from); monday <= to; monday = addDays(monday, 7)) weeks.push(monday);
  return weeks;
}

/** Whole days from a signing date (midnight UTC) to an instant, as the MDF program metrics count them. */
export function daysSince(day: string, instant: Date): number {
  return Math.floor((instant.getTime() - dayStart(day).getTime()) / DAY_MS);
}

/** A ratio rounded to four decimals; null when there is nothing to divide by. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}
