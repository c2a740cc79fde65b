import { isoWeekName, isoWeekStart, weeksOf } from './iso-week';
import { histogram, median, TTFD_BUCKETS } from './ttfd-buckets';

describe('ISO weeks in UTC', () => {
  it('starts a week on Monday and names it after the year of its Thursday', () => {
    expect(isoWeekStart('2026-11-22')).toBe('2026-11-16'); // a Sunday belongs to the week before
    expect(isoWeekStart('2026-11-16')).toBe('2026-11-16');
    expect(isoWeekName('2026-11-16')).toBe('2026-W47');
    expect(isoWeekName('2025-12-29')).toBe('2026-W01'); // 1 January 2026 is a Thursday
    expect(isoWeekName('2027-01-04')).toBe('2027-W01');
    expect(isoWeekName('2026-12-28')).toBe('2026-W53');
  });

  it('lists every week that overlaps the range, partial ones included', () => {
    expect(weeksOf('2026-11-04', '2026-11-16')).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
    expect(weeksOf('2026-11-16', '2026-11-16')).toEqual(['2026-11-16']);
  });
});

describe('time-to-first-deal histogram', () => {
  it('puts each partner in the bucket holding its days, edges included', () => {
    const counts = histogram([0, 14, 15, 45, 46, 200]);
    expect(Object.fromEntries(TTFD_BUCKETS.map((b, i) => [b.label, counts[i]]))).toEqual({
      '0–14 days': 2,
      '15–30 days': 1,
      '31–45 days': 1,
      '46–60 days': 1,
      '61–90 days': 0,
      '91–180 days': 0,
      'Over 180 days': 1,
    });
  });

  it('takes the median of an odd and an even count', () => {
    expect(median([30, 10, 20])).toBe(20);
    expect(median([10, 20])).toBe(15);
    expect(median([])).toBeNull();
  });
});
