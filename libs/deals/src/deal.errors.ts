import { ConflictError } from '@app/core';
import { DealStatus } from './deal.types';

/** The action does not apply to a deal in its current status (approving a won deal, say). */
export class DealStatusError extends ConflictError {
  constructor(status: DealStatus, action: string) {
    super('DEAL_STATUS', `A ${status} deal cannot be ${action}`, { status });
  }
}
