import { parseLocalDateTime, zonedTimeToUtc, zoneOffsetMs } from './zoned-time';

describe('zoned time', () => {
  it('reads a partner-local send time as the right UTC instant on both sides of a DST change', () => {
    expect(parseLocalDateTime('2026-07-01T09:00', 'America/New_York')?.toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(parseLocalDateTime('2026-12-01T09:00', 'America/New_York')?.toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(parseLocalDateTime('2026-12-01T09:00:30', 'Asia/Kolkata')?.toISOString()).toBe('2026-12-01T03:30:30.000Z');
    expect(parseLocalDateTime('2026-12-01T09:00', 'UTC')?.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('resolves a wall time skipped by spring-forward to a real instant, and a repeated one to the first', () => {
    // 2026-03-08 02:30 does not exist in New York (clocks jump 02:00 → 03:00).
    expect(zonedTimeToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // 2026-11-01 01:30 happens twice; the first is in EDT (UTC-4).
    expect(zonedTimeToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('gives offsets east and west of Greenwich', () => {
    expect(zoneOffsetMs(new Date('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(3600_000);
    expect(zoneOffsetMs(new Date('2026-01-15T12:00:00Z'), 'America/Los_Angeles')).toBe(-8 * 3600_000);
  });

  it('refuses shapes that are not a local date-time', () => {
    expect(parseLocalDateTime('2026-12-01T09:00Z', 'UTC')).toBeNull();
    expect(parseLocalDateTime('tomorrow', 'UTC')).toBeNull();
  });
});
