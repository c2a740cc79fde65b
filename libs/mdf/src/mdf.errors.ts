import { ConflictError, DomainError, formatMoney } from '@app/core';

/** A reservation, a negative adjustment or an expiry would take the partner's available funds below zero. */
export class InsufficientFundsError extends ConflictError {
  constructor(availableCents: number, neededCents: number, currency: string) {
    super('MDF_FUND_INSUFFICIENT', `Only ${formatMoney(availableCents, currency)} is available in this fund; ${formatMoney(neededCents, currency)} is needed`, {
      availableCents,
      neededCents,
      currency,
    });
  }
}

/** Nobody decides what they submitted themselves (concierge submissions included). */
export class MakerCheckerError extends DomainError {
  constructor(what: 'request' | 'claim') {
    super('MDF_MAKER_CHECKER', `You submitted this ${what}; someone else must decide it`, 403);
  }
}

export class MdfStatusError extends ConflictError {
  constructor(what: 'request' | 'claim', status: string, action: string) {
    super('MDF_STATUS', `This ${what} is ${status.replace('_', ' ')}; it cannot be ${action}`, { status });
  }
}

export class ClaimDeadlinePassedError extends DomainError {
  constructor(deadline: string) {
    super('MDF_CLAIM_DEADLINE_PASSED', `Claims for this activity were due by ${deadline}`, 422, { deadline });
  }
}

export class ReimbursementOverCapError extends DomainError {
  constructor(details: { capCents: number; approvedRequestCents: number; reimbursementPct: number; actualSpendCents: number; currency: string }) {
    super(
      'MDF_REIMBURSEMENT_OVER_CAP',
      `At most ${formatMoney(details.capCents, details.currency)} can be reimbursed: the lower of the approved ${formatMoney(details.approvedRequestCents, details.currency)} and ${details.reimbursementPct} % of the actual spend`,
      422,
      { ...details, fields: [{ field: 'amountCents', problems: [`must be at most ${details.capCents}`] }] },
    );
  }
}

export class FundsExpiredError extends ConflictError {
  constructor() {
    super('MDF_FUNDS_EXPIRED', 'The funds of this program have expired');
  }
}
