import type { components } from './schema';

/**
 * Shapes the OpenAPI document does not describe in detail yet (free-form objects or undocumented
 * answers). They mirror the API's own types; when the API documents them, use the generated ones.
 */
export type Schemas = components['schemas'];
export type User = Schemas['UserView'];
export type Role = User['role'];
export type Kit = Schemas['KitView'];
export type Launch = Schemas['LaunchView'];
export type LaunchDetail = Schemas['LaunchDetailView'];
export type Template = Schemas['TemplateView'];
export type Deal = Schemas['DealView'];
export type LibraryItem = Schemas['LibraryItemDto'];

export type FieldType = 'text' | 'multiline' | 'url' | 'image' | 'choice' | 'colour' | 'date';

/** One field of a template's manifest (libs/brand/src/manifest.ts). */
export type ManifestField =
  | { key: string; label?: string; source: 'locked'; type: FieldType; value: string }
  | { key: string; label?: string; source: 'partner'; profile: string; fallback?: string }
  | EditableField;

export interface EditableField {
  key: string;
  label?: string;
  source: 'editable';
  type: FieldType;
  help?: string;
  required?: boolean;
  mustChange?: boolean;
  default?: string;
  maxLength?: number;
  pattern?: string;
  patternMessage?: string;
  options?: string[];
  allowedDomains?: string[];
}

export interface Manifest {
  fields: ManifestField[];
}

/** A kit version's template reference. */
export interface KitTemplateRef {
  templateId: string;
  templateVersionId: string | null;
}

export interface FieldRuleProblem {
  field: string;
  rule: string;
  message: string;
}

export interface Validation {
  valid: boolean;
  problems: FieldRuleProblem[];
  launchBlockers: FieldRuleProblem[];
}

/** `POST /api/v1/templates/:id/preview` as JSON (banners answer with the image itself). */
export type Preview =
  | { kind: 'email'; subject: string; preheader: string; html: string; text: string; launchBlockers: FieldRuleProblem[] }
  | { kind: 'landing_page'; html: string; launchBlockers: FieldRuleProblem[] }
  | { kind: 'social_post'; text: string; lengths: Record<string, { length: number; limit: number }>; launchBlockers: FieldRuleProblem[] };

export interface ClickCounts {
  raw: number;
  filtered: number;
  unique: number;
  bots: number;
  scanners: number;
}

export interface LaunchResults {
  launchId: string;
  sends: { pending: number; sent: number; delivered: number; bounced: number; suppressed: number; cancelled: number; failed: number; unsubscribed: number };
  clicks: ClickCounts;
  opens: { raw: number; filtered: number; approximate: true };
  leads: number;
  clickToLeadRate: number | null;
  links: { linkId: string; code: string; assetKey: string; medium: string; clicks: ClickCounts }[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A partner's fund account in one program (`GET /api/v1/mdf/accounts`, `…/accounts/:id`). */
export interface FundAccount {
  id: string;
  programId: string;
  partnerId: string;
  currency: string;
  allocatedCents: number;
  adjustedCents: number;
  reservedCents: number;
  settledCents: number;
  expiredCents: number;
  expiredAt: string | null;
  availableCents: number;
}

export type LedgerKind = 'allocate' | 'reserve' | 'release' | 'settle' | 'expire' | 'adjust';

/** One append-only ledger entry of a fund account. */
export interface LedgerEntry {
  id: string;
  accountId: string;
  kind: LedgerKind;
  amountCents: number;
  currency: string;
  requestId: string | null;
  claimId: string | null;
  reason: string | null;
  actorUserId: string | null;
  createdAt: string;
}

/** `GET /api/v1/mdf/accounts/:id`: the account and its ledger. */
export interface FundAccountLedger {
  account: FundAccount;
  entries: LedgerEntry[];
}

export interface MdfProgram {
  id: string;
  name: string;
  periodStart: string;
  periodEnd: string;
  currency: string;
  graceDays: number;
  claimDeadlineDays: number;
  /** When unused funds expire: the end of the period plus the grace days. */
  expiresAt: string;
  expiredAt: string | null;
}

/** `GET /api/v1/mdf/programs/:id/partners/:partnerId/metrics` (partners: their own). */
export interface PartnerProgramMetrics {
  partnerId: string;
  partnerName: string;
  currency: string;
  allocatedCents: number;
  reservedCents: number;
  settledCents: number;
  expiredCents: number;
  /** Actual spend of the claims that are not rejected. */
  claimedCents: number;
  paidCents: number;
  pipelineCents: number;
  wonCents: number;
  utilisationRate: number | null;
  returnPerMdfDollar: number | null;
}

export type MdfRequestStatus = 'submitted' | 'info_requested' | 'approved' | 'rejected';

export interface MdfRequest {
  id: string;
  programId: string;
  partnerId: string;
  accountId: string;
  activityType: string;
  description: string;
  startsOn: string;
  endsOn: string;
  currency: string;
  plannedCostCents: number;
  requestedCents: number;
  approvedCents: number | null;
  expectedPipelineCents: number;
  launchIds: string[];
  status: MdfRequestStatus;
  decisionNote: string | null;
  submittedAt: string;
  decidedAt: string | null;
}

export type ClaimStatus = 'submitted' | 'info_requested' | 'approved' | 'rejected' | 'paid';

/** An MDF claim (libs/mdf/src/mdf.types.ts). */
export interface Claim {
  id: string;
  requestId: string;
  programId: string;
  partnerId: string;
  currency: string;
  actualSpendCents: number;
  status: ClaimStatus;
  submittedBy: string;
  /** The latest submission (a resubmission moves it); createdAt is the first. */
  submittedAt: string;
  approvedCents: number | null;
  reviewedBy: string | null;
  reviewedAt: string | null;
  reviewNote: string | null;
  paymentReference: string | null;
  paidOn: string | null;
  paidBy: string | null;
  createdAt: string;
}

/** A claim with its partner and request details (`GET /api/v1/mdf/claims`). */
export interface ClaimListing extends Claim {
  partnerName: string;
  activityType: string;
  requestApprovedCents: number;
}

/** A registered deal linked to a claim. */
export interface LinkedDeal {
  id: string;
  customerCompany: string;
  status: string;
  amountCents: number;
  finalAmountCents: number | null;
  currency: string;
  createdAt: string;
  closedAt: string | null;
}

/** Pipeline and won revenue of the linked deals per unit reimbursed. */
export interface ClaimReturn {
  pipelineCents: number;
  wonCents: number;
  reimbursementCents: number;
  returnRatio: number | null;
}

export interface MdfFile {
  id: string;
  requestId: string;
  claimId: string | null;
  kind: 'invoice' | 'proof';
  contentType: string;
  bytes: number;
  createdAt: string;
  /** A short-lived download URL. */
  url: string;
}

/** `GET /api/v1/mdf/claims/:id`: everything needed to decide one claim. */
export interface ClaimDetail {
  claim: Claim;
  request: MdfRequest;
  partnerName: string;
  files: MdfFile[];
  deals: LinkedDeal[];
  returns: ClaimReturn;
  reimbursementPct: number;
  /** The most finance may approve: the lower of the approved request and the tier's share of the actual spend. */
  capCents: number;
}

/** One row of the audit log (`GET /api/v1/audit`, vendor admins and finance). */
export interface AuditRecord {
  id: string;
  occurredAt: string;
  actorUserId: string | null;
  onBehalfOfPartnerId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface Audience {
  id: string;
  name: string;
}

/** A claim in finance's review queue (`GET /api/v1/mdf/claims/review-queue`, oldest first). */
export interface ReviewQueueClaim extends ClaimListing {
  deals: LinkedDeal[];
  returns: ClaimReturn;
  capCents: number;
}
