import { ConflictError, DomainError } from '@app/core';

/** The asset expired or was archived: it is gone from the library (with what stands in for it, when something does). */
export class AssetExpiredError extends DomainError {
  constructor(successorId: string | null) {
    super('ASSET_EXPIRED', successorId ? 'This asset has expired; a newer asset replaces it' : 'This asset has expired and is no longer available', 410, successorId ? { successorId } : undefined);
  }
}

export class AssetArchivedError extends ConflictError {
  constructor() {
    super('ASSET_ARCHIVED', 'This asset is archived; it cannot be changed');
  }
}
