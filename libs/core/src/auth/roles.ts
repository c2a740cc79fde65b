export const VENDOR_ROLES = ['vendor_admin', 'vendor_marketer', 'channel_manager', 'finance'] as const;
export const PARTNER_ROLES = ['partner_admin', 'partner_user'] as const;
export const ROLES = [...VENDOR_ROLES, ...PARTNER_ROLES] as const;

export type VendorRole = (typeof VENDOR_ROLES)[number];
export type PartnerRole = (typeof PARTNER_ROLES)[number];
export type Role = VendorRole | PartnerRole;

/** The authenticated caller. Partner scope always comes from here, never from a request body. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** Set for partner users (their one organisation); null for vendor users. */
  partnerId: string | null;
  tokenId: string;
  tokenKind: 'session' | 'api';
}

export function isPartnerRole(role: Role): role is PartnerRole {
  return (PARTNER_ROLES as readonly string[]).includes(role);
}

export function isVendor(principal: Principal): boolean {
  return !isPartnerRole(principal.role);
}

