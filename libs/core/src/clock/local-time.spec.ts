import { localToUtc, nextLocalTime, outsideQuietHours } from './local-time';

const iso = (d: Date) => d.toISOString();

describe('local time in a zone', () => {
  it('finds the next 09:00 in New York, Berlin and Tokyo from the same instant', () => {
    const from = new Date('2026-11-02T12:00:00Z'); // 07:00 New York, 13:00 Berlin, 21:00 Tokyo
    expect(iso(nextLocalTime(from, 9 * 60, 'America/New_York'))).toBe('2026-11-02T14:00:00.000Z');
    expect(iso(nextLocalTime(from, 9 * 60, 'Europe/Berlin'))).toBe('2026-11-03T08:00:00.000Z');
    expect(iso(nextLocalTime(from, 9 * 60, 'Asia/Tokyo'))).toBe('2026-11-03T00:00:00.000Z');
  });

  it('keeps 09:00 local across the change to daylight saving time (the UTC hour moves)', () => {
    // New York springs forward on 2026-03-08: 09:00 is 14:00Z before and 13:00Z after.
    expect(iso(nextLocalTime(new Date('2026-03-07T15:00:00Z'), 9 * 60, 'America/New_York'))).toBe('2026-03-08T13:00:00.000Z');
    // Berlin falls back on 2026-10-25: 09:00 is 07:00Z before and 08:00Z after.
    expect(iso(nextLocalTime(new Date('2026-10-24T08:00:00Z'), 9 * 60, 'Europe/Berlin'))).toBe('2026-10-25T08:00:00.000Z');
  });

  it('moves a time in the skipped hour forward, and takes the first of a repeated hour', () => {
    expect(iso(localToUtc({ year: 2026, month: 3, day: 8 }, 2 * 60 + 30, 'America/New_York'))).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
    expect(iso(localToUtc({ year: 2026, month: 11, day: 1 }, 60 + 30, 'America/New_York'))).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT
    expect(iso(localToUtc({ year: 2026, month: 10, day: 25 }, 2 * 60 + 30, 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
  });

  it('honours weekdays local to the recipient (Friday evening in New York is Saturday in Sydney)', () => {
    const fridayEvening = new Date('2026-11-06T23:00:00Z'); // Fri 18:00 New York, Sat 10:00 Sydney
    expect(iso(nextLocalTime(fridayEvening, 9 * 60, 'America/New_York', ['mon', 'tue', 'wed', 'thu', 'fri']))).toBe('2026-11-09T14:00:00.000Z');
    expect(iso(nextLocalTime(fridayEvening, 9 * 60, 'Australia/Sydney', ['mon', 'tue', 'wed', 'thu', 'fri']))).toBe('2026-11-08T22:00:00.000Z');
  });

  it('returns a time strictly after the start, so a wait until 09:00 at 09:00 is the next day', () => {
    expect(iso(nextLocalTime(new Date('2026-11-02T14:00:00Z'), 9 * 60, 'America/New_York'))).toBe('2026-11-03T14:00:00.000Z');
  });
});

describe('quiet hours', () => {
  const quiet = { start: '20:00', end: '08:00' };

  it('moves late evening to the next morning and early morning to the same morning, local to the zone', () => {
    expect(iso(outsideQuietHours(new Date('2026-11-03T02:00:00Z'), quiet, 'America/New_York'))).toBe('2026-11-03T13:00:00.000Z'); // 21:00 → 08:00 EST
    expect(iso(outsideQuietHours(new Date('2026-11-03T10:00:00Z'), quiet, 'America/New_York'))).toBe('2026-11-03T13:00:00.000Z'); // 05:00 → 08:00
    expect(iso(outsideQuietHours(new Date('2026-11-02T22:00:00Z'), quiet, 'Asia/Tokyo'))).toBe('2026-11-02T23:00:00.000Z'); // 07:00 → 08:00 JST
  });

  it('leaves daytime alone, with the end itself allowed', () => {
    expect(iso(outsideQuietHours(new Date('2026-11-03T13:00:00Z'), quiet, 'America/New_York'))).toBe('2026-11-03T13:00:00.000Z');
    expect(iso(outsideQuietHours(new Date('2026-11-03T00:59:00Z'), quiet, 'America/New_York'))).toBe('2026-11-03T00:59:00.000Z'); // 19:59
  });

  it('handles daytime quiet hours that do not cross midnight', () => {
    expect(iso(outsideQuietHours(new Date('2026-11-02T12:30:00Z'), { start: '12:00', end: '14:00' }, 'UTC'))).toBe('2026-11-02T14:00:00.000Z');
    expect(iso(outsideQuietHours(new Date('2026-11-02T14:30:00Z'), { start: '12:00', end: '14:00' }, 'UTC'))).toBe('2026-11-02T14:30:00.000Z');
  });
});
