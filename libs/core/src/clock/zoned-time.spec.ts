import { parseLocalDateTime } from './zoned-time';

describe('a local send time', () => {
  it('is read in the partner zone on both sides of a DST change', () => {
    expect(parseLocalDateTime('2026-07-01T09:00', 'America/New_York')?.toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(parseLocalDateTime('2026-12-01T09:00', 'America/New_York')?.toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(parseLocalDateTime('2026-12-01T09:00:30', 'Asia/Kolkata')?.toISOString()).toBe('2026-12-01T03:30:30.000Z');
    expect(parseLocalDateTime('2026-12-01T09:00', 'UTC')?.toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it('refuses shapes that are not a local date-time', () => {
    expect(parseLocalDateTime('2026-12-01T09:00Z', 'UTC')).toBeNull();
    expect(parseLocalDateTime('tomorrow', 'UTC')).toBeNull();
  });
});
