export const ACTIVITY_TYPES = ['event', 'webinar', 'paid_digital', 'email_launch', 'content_syndication', 'trade_show', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export type LedgerKind = 'allocate' | 'reserve' | 'release' | 'settle' | 'expire' | 'adjust';
export type RequestStatus = 'submitted' | 'info_requested' | 'approved' | 'rejected';
export type ClaimStatus = 'submitted' | 'info_requested' | 'approved' | 'rejected' | 'paid';
export type FileKind = 'invoice' | 'proof';

export interface Program {
  id: string;
  name: string;
  /** ISO dates (YYYY-MM-DD). */
  periodStart: string;
  periodEnd: string;
  currency: string;
  graceDays: number;
  claimDeadlineDays: number;
  accrualBps: number;
  accrualStart: string | null;
  accrualEnd: string | null;
  tierAmounts: { tierId: string; amountCents: number }[];
  /** When the funds expire: the end of the period plus the grace days. */
  expiresAt: Date;
  expiredAt: Date | null;
  createdAt: Date;
}

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
  expiredAt: Date | null;
}

export function availableCents(a: FundAccount): number {
  return a.allocatedCents + a.adjustedCents - a.reservedCents - a.settledCents - a.expiredCents;
}

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
  createdAt: Date;
}

export interface MdfRequest {
  id: string;
  programId: string;
  partnerId: string;
  accountId: string;
  activityType: ActivityType;
  description: string;
  startsOn: string;
  endsOn: string;
  currency: string;
  plannedCostCents: number;
  requestedCents: number;
  approvedCents: number | null;
  expectedPipelineCents: number;
  launchIds: string[];
  status: RequestStatus;
  submittedBy: string;
  decidedBy: string | null;
  decisionNote: string | null;
  submittedAt: Date;
  decidedAt: Date | null;
  createdAt: Date;
}

export interface Claim {
  id: string;
  requestId: string;
  programId: string;
  partnerId: string;
  currency: string;
  actualSpendCents: number;
  status: ClaimStatus;
  idempotencyKey: string;
  submittedBy: string;
  submittedAt: Date;
  approvedCents: number | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewNote: string | null;
  paymentReference: string | null;
  paidOn: string | null;
  paidBy: string | null;
  proofPackKey: string | null;
  createdAt: Date;
}

export interface MdfFile {
  id: string;
  requestId: string;
  partnerId: string;
  claimId: string | null;
  kind: FileKind;
  storageKey: string;
  contentType: string;
  bytes: number;
  createdAt: Date;
}

/** A deal linked to a claim, as finance and the proof pack show it. */
export interface LinkedDeal {
  id: string;
  customerCompany: string;
  status: string;
  amountCents: number;
  finalAmountCents: number | null;
  currency: string;
  createdAt: Date;
  closedAt: Date | null;
}

/** Pipeline (open deals) and won revenue in the claim's currency, and what they return per unit reimbursed. */
export interface ClaimReturn {
  pipelineCents: number;
  wonCents: number;
  reimbursementCents: number;
  /** (pipeline + won) ÷ reimbursement; null until there is a reimbursement to divide by. */
  returnRatio: number | null;
}

export const OPEN_DEAL_STATUSES = ['submitted', 'approved'] as const;

export function claimReturn(deals: LinkedDeal[], currency: string, reimbursementCents: number): ClaimReturn {
  const same = deals.filter((d) => d.currency === currency);
  const pipelineCents = same.filter((d) => (OPEN_DEAL_STATUSES as readonly string[]).includes(d.status)).reduce((s, d) => s + d.amountCents, 0);
  const wonCents = same.filter((d) => d.status === 'won').reduce((s, d) => s + (d.finalAmountCents ?? d.amountCents), 0);
  return { pipelineCents, wonCents, reimbursementCents, returnRatio: reimbursementCents > 0 ? Math.round(((pipelineCents + wonCents) / reimbursementCents) * 100) / 100 : null };
}
