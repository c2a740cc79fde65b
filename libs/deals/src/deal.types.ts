export const DEAL_STATUSES = ['submitted', 'approved', 'rejected', 'won', 'lost', 'expired'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

export type RegistrationMode = 'partner' | 'concierge' | 'import';

/** Default protection window of an approved registration. */
export const DEFAULT_PROTECTION_DAYS = 90;
export const MAX_PROTECTION_DAYS = 365;
/** Upper bound of any amount, in minor units (a hundred billion in a two-decimal currency). */
export const MAX_AMOUNT_CENTS = 10_000_000_000_000;

export interface Deal {
  id: string;
  partnerId: string;
  partnerName: string;
  registeredBy: string | null;
  registrationMode: RegistrationMode;
  customerCompany: string;
  customerDomain: string;
  contactName: string | null;
  contactEmail: string | null;
  products: string[];
  amountCents: number;
  currency: string;
  /** YYYY-MM-DD. */
  expectedCloseDate: string | null;
  notes: string | null;
  sourceLaunchId: string | null;
  sourceLeadId: string | null;
  status: DealStatus;
  conflictFlagged: boolean;
  approvedAt: Date | null;
  protectedUntil: Date | null;
  rejectionReason: string | null;
  finalAmountCents: number | null;
  closedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface DealConflict {
  id: string;
  matchedOn: 'domain' | 'company_name';
  similarity: number;
  /** The other registration (when the conflict is with another partner's deal). */
  deal: Deal | null;
  vendorOpportunity: VendorOpportunity | null;
}

export interface DealInfluence {
  kind: 'lead' | 'click' | 'launch';
  id: string;
  launchId: string | null;
  touchedAt: Date;
}

export interface VendorOpportunity {
  id: string;
  externalId: string | null;
  customerCompany: string;
  customerDomain: string;
  ownerName: string | null;
  amountCents: number | null;
  currency: string | null;
  status: 'open' | 'closed';
  createdAt: Date;
}

/** What a partner may register (the controller's DTO satisfies it). */
export interface DealInput {
  partnerId?: string;
  customerCompany: string;
  customerDomain: string;
  contactName?: string;
  contactEmail?: string;
  products?: string[];
  amountCents: number;
  currency: string;
  expectedCloseDate?: string;
  notes?: string;
  sourceLaunchId?: string;
  sourceLeadId?: string;
}

export interface DealListFilter {
  status?: DealStatus;
  partnerId?: string;
  limit?: number;
  cursor?: string;
}

/** What another lib shows of a deal it links to (an MDF claim's deals). */
export interface DealSummary {
  id: string;
  customerCompany: string;
  status: DealStatus;
  amountCents: number;
  finalAmountCents: number | null;
  currency: string;
  createdAt: Date;
  closedAt: Date | null;
}
