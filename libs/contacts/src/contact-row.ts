import { textProblem } from '@app/core';
import { canonicalTimeZone, CONSENT_STATUSES, ConsentStatus, countryCode, FIELD_MAX_LENGTH, isEmail, normaliseEmail } from './contact-fields';

/** The columns an import understands. */
export type ContactColumn = 'email' | 'firstName' | 'lastName' | 'company' | 'title' | 'country' | 'timeZone' | 'consentStatus' | 'consentSource';

/** Header spellings, compared lower-case with everything but letters and digits removed. */
const HEADER_ALIASES: Record<ContactColumn, string[]> = {
  email: ['email', 'emailaddress', 'mail', 'workemail', 'businessemail'],
  firstName: ['firstname', 'first', 'givenname', 'forename'],
  lastName: ['lastname', 'last', 'surname', 'familyname'],
  company: ['company', 'companyname', 'organisation', 'organization', 'account', 'accountname'],
  title: ['title', 'jobtitle', 'position'],
  country: ['country', 'countrycode'],
  timeZone: ['timezone', 'tz'],
  consentStatus: ['consent', 'consentstatus', 'marketingconsent'],
  consentSource: ['consentsource'],
};

const ALIAS_TO_COLUMN = new Map<string, ContactColumn>(
  Object.entries(HEADER_ALIASES).flatMap(([column, aliases]) => aliases.map((alias) => [alias, column as ContactColumn])),
);

export interface HeaderMapping {
  /** Column → index in each record. */
  columns: Partial<Record<ContactColumn, number>>;
  /** Headers that map to nothing (kept for the report; their values are ignored). */
  ignored: string[];
  /** Columns named more than once. */
  duplicated: ContactColumn[];
}

export function mapHeader(header: string[]): HeaderMapping {
  const columns: Partial<Record<ContactColumn, number>> = {};
  const ignored: string[] = [];
  const duplicated: ContactColumn[] = [];
  header.forEach((name, index) => {
    const column = ALIAS_TO_COLUMN.get(name.toLowerCase().replace(/[^a-z0-9]/g, ''));
    if (!column) {
      if (name.trim() !== '') ignored.push(name.trim());
    } else if (columns[column] !== undefined) {
      duplicated.push(column);
    } else {
      columns[column] = index;
    }
  });
  return { columns, ignored, duplicated };
}

/** One contact as an import or a lead supplies it; absent fields leave existing values alone. */
export interface ContactInput {
  email: string;
  emailNormalised: string;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  title: string | null;
  country: string | null;
  timeZone: string | null;
  /** null: not stated (a new contact gets `unknown`, an existing one keeps its status). */
  consentStatus: ConsentStatus | null;
  consentSource: string | null;
}

export type RowErrorCode = 'BAD_TEXT' | 'INVALID_EMAIL' | 'MISSING_EMAIL' | 'UNKNOWN_TIME_ZONE' | 'UNKNOWN_COUNTRY' | 'BAD_CONSENT' | 'TOO_LONG' | 'DUPLICATE_IN_FILE';

export interface RowError {
  code: RowErrorCode;
  field: ContactColumn | null;
  message: string;
}

export type RowResult = { ok: true; contact: ContactInput } | { ok: false; email: string | null; errors: RowError[] };

/**
 * Validates and normalises one record. Every problem of the row is reported, not just the first.
 * Values are stored as text exactly as given (trimmed): a leading `=`, `+`, `-` or `@` is not
 * interpreted here, and exports must neutralise it (see README of this lib).
 */
export function readContactRow(fields: string[], mapping: HeaderMapping): RowResult {
  const errors: RowError[] = [];
  // A cell that is not storable text rejects its row (named), and reads as empty for the other checks.
  const badText = new Set<ContactColumn>();
  for (const [column, index] of Object.entries(mapping.columns) as [ContactColumn, number][]) {
    const problem = textProblem(fields[index] ?? '');
    if (problem) {
      badText.add(column);
      errors.push({ code: 'BAD_TEXT', field: column, message: `${column} ${problem}` });
    }
  }
  const value = (column: ContactColumn): string | null => {
    if (badText.has(column)) return null;
    const index = mapping.columns[column];
    const raw = index === undefined ? undefined : fields[index];
    const trimmed = raw?.trim() ?? '';
    return trimmed === '' ? null : trimmed;
  };
  const bounded = (column: keyof typeof FIELD_MAX_LENGTH): string | null => {
    const v = value(column);
    if (v !== null && v.length > FIELD_MAX_LENGTH[column]) {
      errors.push({ code: 'TOO_LONG', field: column, message: `${column} is longer than ${FIELD_MAX_LENGTH[column]} characters` });
    }
    return v;
  };

  const email = value('email');
  if (email === null) {
    if (!badText.has('email')) errors.push({ code: 'MISSING_EMAIL', field: 'email', message: 'email is empty' });
  } else if (email.length > FIELD_MAX_LENGTH.email) {
    errors.push({ code: 'TOO_LONG', field: 'email', message: `email is longer than ${FIELD_MAX_LENGTH.email} characters` });
  } else if (!isEmail(email)) {
    errors.push({ code: 'INVALID_EMAIL', field: 'email', message: 'email is not an email address' });
  }
  const firstName = bounded('firstName');
  const lastName = bounded('lastName');
  const company = bounded('company');
  const title = bounded('title');
  const consentSource = bounded('consentSource');

  const countryRaw = value('country');
  const country = countryRaw === null ? null : countryCode(countryRaw);
  if (country === undefined) errors.push({ code: 'UNKNOWN_COUNTRY', field: 'country', message: 'country is not an ISO 3166 code or English country name' });

  const zoneRaw = value('timeZone');
  const timeZone = zoneRaw === null ? null : canonicalTimeZone(zoneRaw);
  if (timeZone === undefined) errors.push({ code: 'UNKNOWN_TIME_ZONE', field: 'timeZone', message: 'time zone is not an IANA time zone such as Europe/Berlin' });

  const consentRaw = value('consentStatus');
  const consent = consentRaw === null ? null : CONSENT_STATUSES.find((s) => s === consentRaw.toLowerCase());
  if (consent === undefined) errors.push({ code: 'BAD_CONSENT', field: 'consentStatus', message: `consent must be one of ${CONSENT_STATUSES.join(', ')}` });

  if (errors.length > 0 || email === null || country === undefined || timeZone === undefined || consent === undefined) {
    return { ok: false, email: email === null ? null : email.slice(0, FIELD_MAX_LENGTH.email), errors };
  }
  return {
    ok: true,
    contact: { email, emailNormalised: normaliseEmail(email), firstName, lastName, company, title, country, timeZone, consentStatus: consent, consentSource },
  };
}
