import { utcDay } from './utc-day';

describe('utcDay', () => {
  it('names the UTC day of an instant, across day boundaries and back', () => {
    expect(utcDay(Date.parse('2026-12-07T23:59:59.999Z'))).toBe('2026-12-07');
    expect(utcDay(Date.parse('2026-12-08T00:00:00.000Z'))).toBe('2026-12-08');
    expect(utcDay(Date.parse('2026-12-07T00:00:00.000Z'))).toBe('2026-12-07');
    expect(utcDay(Date.parse('1969-12-31T23:00:00.000Z'))).toBe('1969-12-31');
  });

  it('agrees with toISOString on many instants', () => {
    for (let ms = Date.parse('2024-02-27T00:00:00Z'); ms < Date.parse('2024-03-03T00:00:00Z'); ms += 3_599_999) {
      expect(utcDay(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
    }
  });
});
