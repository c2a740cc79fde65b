import { DomainError } from '@app/core';

/** A file that cannot be imported at all (as opposed to rows that are rejected). */
export class ImportRefusedError extends DomainError {
  constructor(code: 'IMPORT_TOO_MANY_ROWS' | 'IMPORT_NOT_UTF8' | 'IMPORT_UNREADABLE_CSV' | 'IMPORT_NO_EMAIL_COLUMN' | 'IMPORT_DUPLICATE_COLUMN' | 'IMPORT_BAD_HEADER' | 'IMPORT_EMPTY', message: string, details?: Record<string, unknown>) {
    super(code, message, 422, { fields: [{ field: 'file', problems: [message] }], ...details });
  }
}

/**
 * Why a vendor gets no `ownPartnerScope` for contacts. Contact lists belong to the partner: vendor
 * users are refused (the routes already refuse them; this keeps the services safe on their own).
 */
export const CONTACT_LISTS_REFUSAL = 'Contact lists belong to partners; the vendor sees a contact only once it is shared as a lead or deal';
