import { localToUtc } from './local-time';

/** `2026-12-01T09:00` or `2026-12-01T09:00:00` (no offset) read in a zone; null if not that shape. */
export function parseLocalDateTime(value: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!m) return null;
  const at = localToUtc({ year: +m[1]!, month: +m[2]!, day: +m[3]! }, +m[4]! * 60 + +m[5]!, timeZone);
  return new Date(at.getTime() + (m[6] ? +m[6] * 1000 : 0));
}
