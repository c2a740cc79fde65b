import { countryCode } from './contact-fields';
import { mapHeader, readContactRow } from './contact-row';

describe('mapHeader', () => {
  it('accepts common spellings case-insensitively and reports unknown and repeated columns', () => {
    const mapping = mapHeader(['Email Address', 'First Name', 'last_name', 'COMPANY', 'Job Title', 'Country', 'Time Zone', 'Consent', 'Consent Source', 'Notes', 'e-mail']);
    expect(mapping.columns).toEqual({ email: 0, firstName: 1, lastName: 2, company: 3, title: 4, country: 5, timeZone: 6, consentStatus: 7, consentSource: 8 });
    expect(mapping.ignored).toEqual(['Notes']);
    expect(mapping.duplicated).toEqual(['email']);
  });
});

describe('readContactRow', () => {
  const mapping = mapHeader(['email', 'first_name', 'company', 'country', 'time_zone', 'consent_status']);

  it('normalises the email for dedupe but keeps the original, and canonicalises zone, country and consent', () => {
    const result = readContactRow(['  Jane.Doe@Example.TEST ', 'Jane', '=HYPERLINK("x")', 'germany', 'europe/berlin', 'Granted'], mapping);
    expect(result).toEqual({
      ok: true,
      contact: expect.objectContaining({
        email: 'Jane.Doe@Example.TEST',
        emailNormalised: 'jane.doe@example.test',
        firstName: 'Jane',
        company: '=HYPERLINK("x")',
        country: 'DE',
        timeZone: 'Europe/Berlin',
        consentStatus: 'granted',
        lastName: null,
      }),
    });
  });

  it('leaves unstated consent as null (not unknown) so an update keeps the current status', () => {
    const result = readContactRow(['a@b.test', '', '', '', '', ''], mapping);
    expect(result).toMatchObject({ ok: true, contact: { consentStatus: null, country: null, timeZone: null } });
  });

  it('reports every problem of a row', () => {
    const result = readContactRow(['not-an-email', 'x'.repeat(101), '', 'Atlantis', 'Mars/Olympus', 'maybe'], mapping);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.field])).toEqual([
      ['INVALID_EMAIL', 'email'],
      ['TOO_LONG', 'firstName'],
      ['UNKNOWN_COUNTRY', 'country'],
      ['UNKNOWN_TIME_ZONE', 'timeZone'],
      ['BAD_CONSENT', 'consentStatus'],
    ]);
  });

  it('reports a missing email', () => {
    expect(readContactRow(['', 'Jane'], mapping)).toMatchObject({ ok: false, email: null, errors: [{ code: 'MISSING_EMAIL' }] });
  });

  it('knows country codes and names but not pseudo regions', () => {
    expect(countryCode('us')).toBe('US');
    expect(countryCode('United Kingdom')).toBe('GB');
    expect(countryCode('UK')).toBe('GB');
    expect(countryCode('XA')).toBeUndefined();
  });
});
