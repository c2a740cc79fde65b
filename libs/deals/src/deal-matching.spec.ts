import { companyKey, NAME_MATCH_THRESHOLD, nameSimilarity } from './deal-matching';

describe('companyKey', () => {
  it.each([
    ['ACME, Inc.', 'acme'],
    ['Acme Corporation', 'acme'],
    ['  The Acme Company GmbH ', 'acme'],
    ['Société Générale S.A.', 'societe generale'],
    ['Johnson & Johnson', 'johnson johnson'],
    ['The Company', 'the company'],
  ])('reduces %j to %j', (name, key) => {
    expect(companyKey(name)).toBe(key);
  });
});

describe('nameSimilarity', () => {
  it('matches spelling variants of one company above the threshold', () => {
    expect(nameSimilarity(companyKey('Globex Corporation'), companyKey('GLOBEX corp.'))).toBe(1);
    expect(nameSimilarity(companyKey('Initech Systems'), companyKey('Initech System'))).toBeGreaterThanOrEqual(NAME_MATCH_THRESHOLD);
  });

  it('keeps different companies that share a word below the threshold', () => {
    expect(nameSimilarity(companyKey('Blue Sky Systems'), companyKey('Red River Systems'))).toBeLessThan(NAME_MATCH_THRESHOLD);
    expect(nameSimilarity(companyKey('Acme'), companyKey('Umbrella'))).toBe(0);
  });
});
