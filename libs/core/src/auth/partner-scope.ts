import { ForbiddenError } from '../errors/domain-error';
import { isPartnerRole, Principal } from './roles';

declare const scopeBrand: unique symbol;

/** Only the constructors in this file can make a value carrying the brand. */
interface Branded {
  readonly [scopeBrand]: 'PartnerScope';
}

/** One partner's data. */
export type OnePartnerScope = Branded & { readonly kind: 'partner'; readonly partnerId: string };
/** Every partner's data: reachable from a vendor principal, or from internal work that names itself. */
export type AllPartnersScope = Branded & { readonly kind: 'all'; readonly partnerId: null };

/**
 * The partners a query may see. Repositories that serve partner data take one as a required
 * argument, so a forgotten scope does not compile, and a plain string or null is not one.
 * `partnerId` is the one partner, or null for all (what `($n::uuid IS NULL OR partner_id = $n)` wants).
 */
export type PartnerScope = OnePartnerScope | AllPartnersScope;

function one(partnerId: string): OnePartnerScope {
  return Object.freeze({ kind: 'partner', partnerId }) as OnePartnerScope;
}

const ALL: AllPartnersScope = Object.freeze({ kind: 'all', partnerId: null }) as AllPartnersScope;

function ownPartner(principal: Principal): string {
  // The users table guarantees it (users_partner_scope); a partner principal without one must never widen to all.
  if (principal.partnerId === null) throw new ForbiddenError('This user belongs to no partner');
  return principal.partnerId;
}

/**
 * The scope of the authenticated caller. A partner user always gets their own partner, whatever
 * `narrowTo` says; a vendor user gets all partners, or the one partner they chose (`narrowTo`: a
 * filter, or the partner they act for).
 */
export function partnerScope(principal: Principal, narrowTo: string): OnePartnerScope;
export function partnerScope(principal: Principal, narrowTo?: string | null): PartnerScope;
export function partnerScope(principal: Principal, narrowTo?: string | null): PartnerScope {
  if (isPartnerRole(principal.role)) return one(ownPartner(principal));
  return narrowTo === undefined || narrowTo === null ? ALL : one(narrowTo);
}

/**
 * The caller's own partner, for data only a partner works on (contact lists, their enrolments).
 * Vendor users are refused with `refusal` (the routes already refuse them; this keeps services safe on their own).
 */
export function ownPartnerScope(principal: Principal, refusal: string): OnePartnerScope {
  if (!isPartnerRole(principal.role)) throw new ForbiddenError(refusal);
  return one(ownPartner(principal));
}

/**
 * Scopes for work no principal asks for (sweeps, queue jobs, reporting, a vendor-only flow acting on
 * a row it already found). Each call names why, so every unscoped read can be found with `grep SystemScope`.
 */
export const SystemScope = {
  /** Every partner's data. */
  allPartners(_why: string): AllPartnersScope {
    return ALL;
  },
  /** One partner's data, the partner taken from a row or a job rather than from a caller. */
  partner(partnerId: string, _why: string): OnePartnerScope {
    return one(partnerId);
  },
} as const;

/** Whether a row of `partnerId` is inside the scope. */
export function scopeCovers(scope: PartnerScope, partnerId: string | null): boolean {
  return scope.kind === 'all' || scope.partnerId === partnerId;
}

/** The partner an audit row records the caller acted for: set when a vendor user acts on a partner's data, null for the partner's own users. */
export function onBehalfOfPartner(principal: Principal, partnerId: string | null): string | null {
  return isPartnerRole(principal.role) ? null : partnerId;
}
