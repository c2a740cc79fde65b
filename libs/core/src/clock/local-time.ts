/**
 * Wall-clock arithmetic in IANA time zones, on top of Intl only. Instants are UTC `Date`s; a local
 * time that does not exist (the hour skipped when clocks go forward) moves forward by the gap, and
 * a local time that exists twice (when clocks go back) is the earlier of the two.
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface LocalParts {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: Weekday;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** A zone Intl knows, else UTC (a bad zone on a contact must not stop its sequence). */
export function safeTimeZone(zone: string | null | undefined): string {
  if (!zone) return 'UTC';
  try {
    formatter(zone);
    return zone;
  } catch {
    return 'UTC';
  }
}

export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: (parts.weekday ?? 'Sun').toLowerCase().slice(0, 3) as Weekday,
  };
}

/** The zone's offset from UTC at an instant, in ms (seconds ignored: zones in use are whole minutes). */
function offsetAt(ms: number, timeZone: string): number {
  const p = localParts(new Date(ms), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return asUtc - Math.floor(ms / 60_000) * 60_000;
}

/** The instant a local wall time happens in the zone (see the class comment for gaps and overlaps). */
export function localToUtc(date: { year: number; month: number; day: number }, minuteOfDay: number, timeZone: string): Date {
  const wall = Date.UTC(date.year, date.month - 1, date.day, Math.floor(minuteOfDay / 60), minuteOfDay % 60);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const matches = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((candidate) => {
      const p = localParts(new Date(candidate), timeZone);
      return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) === wall;
    });
  if (matches.length > 0) return new Date(Math.min(...matches));
  // In the gap: the offset from before the change moves the time forward by the gap's length.
  return new Date(wall - before);
}

/** `HH:MM` (00:00–23:59) → minutes since midnight; undefined when malformed. */
export function parseTimeOfDay(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

function addDays(date: { year: number; month: number; day: number }, days: number): { year: number; month: number; day: number } {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * The first instant strictly after `after` at the local time of day in the zone, on one of the
 * weekdays (all when empty).
 */
export function nextLocalTime(after: Date, minuteOfDay: number, timeZone: string, weekdays: readonly Weekday[] = []): Date {
  const start = localParts(after, timeZone);
  for (let i = 0; i <= 8; i++) {
    const date = addDays(start, i);
    const candidate = localToUtc(date, minuteOfDay, timeZone);
    if (candidate.getTime() <= after.getTime()) continue;
    if (weekdays.length > 0 && !weekdays.includes(localParts(candidate, timeZone).weekday)) continue;
    return candidate;
  }
  // Unreachable with at least one weekday: within 8 days every weekday comes round once.
  throw new Error('nurture: no local time found within a week');
}

export interface QuietHours {
  /** `HH:MM` local */
  start: string;
  /** `HH:MM` local; before `start` means the quiet hours run over midnight. */
  end: string;
}

/** `at`, or the end of the quiet hours (local to the zone) when `at` falls inside them. */
export function outsideQuietHours(at: Date, quiet: QuietHours | null | undefined, timeZone: string): Date {
  if (!quiet) return at;
  const start = parseTimeOfDay(quiet.start);
  const end = parseTimeOfDay(quiet.end);
  if (start === undefined || end === undefined || start === end) return at;
  const p = localParts(at, timeZone);
  const minute = p.hour * 60 + p.minute;
  const overnight = start > end;
  const inside = overnight ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inside) return at;
  // Late evening of an overnight window: the quiet hours end tomorrow morning.
  const endDay = overnight && minute >= start ? addDays(p, 1) : p;
  const endAt = localToUtc(endDay, end, timeZone);
  return endAt.getTime() > at.getTime() ? endAt : at;
}
