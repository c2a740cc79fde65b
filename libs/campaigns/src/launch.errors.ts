import { FieldRuleProblem } from '@app/brand';
import { ConflictError, DomainError } from '@app/core';

export class LaunchBlockedError extends DomainError {
  constructor(problems: (FieldRuleProblem & { templateId: string })[]) {
    super('LAUNCH_BLOCKED', `The launch needs: ${problems.map((p) => p.message).join('; ')}`, 422, {
      fields: problems.map((p) => ({ field: `edits.${p.templateId}.${p.field}`, rule: p.rule, problems: [p.message] })),
    });
  }
}

/** A launch refused because its kit uses a library asset that is withdrawn (expired or archived, with no successor). */
export class KitAssetWithdrawnError extends ConflictError {
  constructor(assetId: string, field: string) {
    super('KIT_ASSET_WITHDRAWN', `This kit uses the library asset ${assetId}, which is withdrawn (expired or archived, with no successor); it cannot be launched until the vendor replaces it`, {
      assetId,
      field,
    });
  }
}
