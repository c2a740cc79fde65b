import { eligibleCountByTier, isEligible } from './eligibility';

const gold = 'tier-gold';
const silver = 'tier-silver';
const partners = [
  { id: 'p1', tierId: gold, region: 'EMEA' as const },
  { id: 'p2', tierId: gold, region: 'NA' as const },
  { id: 'p3', tierId: silver, region: 'EMEA' as const },
];

describe('eligibility', () => {
  it('admits named partners always, else partners matching every criterion, and everyone without criteria', () => {
    expect(isEligible({ partnerIds: ['p3'], tierIds: [gold] }, partners[2]!)).toBe(true);
    expect(isEligible({ tierIds: [gold], regions: ['EMEA'] }, partners[1]!)).toBe(false);
    expect(isEligible({}, partners[2]!)).toBe(true);
    expect(isEligible({ partnerIds: ['p1'] }, partners[2]!)).toBe(false);
  });

  it('counts per tier the partners eligible for at least one of the eligibilities', () => {
    expect(eligibleCountByTier(partners, [{ tierIds: [gold] }])).toEqual(new Map([[gold, 2]]));
    expect(eligibleCountByTier(partners, [{ regions: ['EMEA'] }, { partnerIds: ['p2'] }])).toEqual(new Map([[gold, 2], [silver, 1]]));
    expect(eligibleCountByTier(partners, [])).toEqual(new Map());
  });
});
