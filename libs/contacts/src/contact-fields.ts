import { textProblem } from '@app/core';

export const CONSENT_STATUSES = ['granted', 'pending', 'denied', 'unknown'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** Longest value per field, in characters; the database checks the same bounds. */
export const FIELD_MAX_LENGTH = {
  email: 254,
  firstName: 100,
  lastName: 100,
  company: 200,
  title: 200,
  consentSource: 200,
} as const;

// Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is the sender's job.
const EMAIL = /^[^\s@"<>(),;:\\]+@[^\s@"<>(),;:\\]+\.[^\s@"<>(),;:\\]+$/;

export function isEmail(value: string): boolean {
  return value.length <= FIELD_MAX_LENGTH.email && EMAIL.test(value) && textProblem(value) === null;
}

/** The dedupe key: trimmed and lower-cased. The original spelling is kept for display. */
export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

const TIME_ZONES = new Map([...Intl.supportedValuesOf('timeZone'), 'UTC'].map((zone) => [zone.toLowerCase(), zone]));

/** The canonical IANA spelling of a time zone, matched case-insensitively; undefined if unknown. */
export function canonicalTimeZone(value: string): string | undefined {
  return TIME_ZONES.get(value.trim().toLowerCase());
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });
const COUNTRIES = new Map<string, string>();
for (let a = 65; a <= 90; a++) {
  for (let b = 65; b <= 90; b++) {
    const code = String.fromCharCode(a, b);
    const name = regionNames.of(code);
    // Unknown codes come back unchanged; XA-XZ, QM-QZ and ZZ are private or pseudo regions.
    if (!name || name === code || /^(X[A-Z]|Q[M-Z]|ZZ|EU|EZ|UN)$/.test(code)) continue;
    // Deprecated codes (UK, DD, FX…) canonicalise to their successor (GB, DE, FR).
    const canonical = Intl.getCanonicalLocales(`und-${code}`)[0]?.slice(4) ?? code;
    COUNTRIES.set(code.toLowerCase(), canonical);
    COUNTRIES.set(name.toLowerCase(), canonical);
  }
}
COUNTRIES.set('usa', 'US');

/** An ISO 3166-1 alpha-2 code from a code or an English country name; undefined if unknown. */
export function countryCode(value: string): string | undefined {
  return COUNTRIES.get(value.trim().toLowerCase());
}

export function isCountryCode(value: string): boolean {
  return /^[A-Z]{2}$/.test(value) && COUNTRIES.get(value.toLowerCase()) === value;
}
