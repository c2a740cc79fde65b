import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsUUID, Max, Min } from 'class-validator';

export const ACTIVITY_TYPES = ['event', 'webinar', 'paid_digital', 'email_launch', 'content_syndication', 'trade_show', 'other'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export const LEDGER_KINDS = ['allocate', 'reserve', 'release', 'settle', 'expire', 'adjust'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
export const REQUEST_STATUSES = ['submitted', 'info_requested', 'approved', 'rejected'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const CLAIM_STATUSES = ['submitted', 'info_requested', 'approved', 'rejected', 'paid'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const FILE_KINDS = ['invoice', 'proof'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** A billion in major units: far beyond any MDF line, well inside exact integers. */
export const MAX_CENTS = 100_000_000_000;

const DATE_TIME = { type: String, format: 'date-time' } as const;
const NULLABLE_DATE_TIME = { type: String, format: 'date-time', nullable: true } as const;
const NULLABLE_STRING = { type: String, nullable: true } as const;
const NULLABLE_NUMBER = { type: Number, nullable: true } as const;

/*
 * The MDF records as the services return them. They are classes so the OpenAPI document describes the
 * answers from the same definitions the code uses; nothing constructs them (rows are mapped to plain objects).
 */

/** A program's fixed allocation for one tier: also what a vendor admin sends when creating it. */
export class TierAmountDto {
  @ApiProperty()
  @IsUUID()
  tierId!: string;

  @ApiProperty({ description: 'integer minor units (cents)' })
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  amountCents!: number;
}

export class Program {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  /** ISO dates (YYYY-MM-DD). */
  @ApiProperty({ example: '2027-01-01' }) periodStart!: string;
  @ApiProperty({ example: '2027-03-31' }) periodEnd!: string;
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty() graceDays!: number;
  @ApiProperty() claimDeadlineDays!: number;
  @ApiProperty({ description: 'accrual in basis points of won revenue' }) accrualBps!: number;
  @ApiProperty({ ...NULLABLE_STRING, example: '2026-10-01' }) accrualStart!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, example: '2026-12-31' }) accrualEnd!: string | null;
  @ApiProperty({ type: [TierAmountDto] }) tierAmounts!: TierAmountDto[];
  @ApiProperty({ ...DATE_TIME, description: 'when unused funds expire: the end of the period plus the grace days' }) expiresAt!: Date;
  @ApiProperty(NULLABLE_DATE_TIME) expiredAt!: Date | null;
  @ApiProperty(DATE_TIME) createdAt!: Date;
}

export class FundAccount {
  @ApiProperty() id!: string;
  @ApiProperty() programId!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'cents' }) allocatedCents!: number;
  @ApiProperty({ description: 'signed manual adjustments, cents' }) adjustedCents!: number;
  @ApiProperty({ description: 'approved requests not yet claimed, cents' }) reservedCents!: number;
  @ApiProperty({ description: 'approved claims, cents' }) settledCents!: number;
  @ApiProperty({ description: 'expired unused funds, cents' }) expiredCents!: number;
  @ApiProperty(NULLABLE_DATE_TIME) expiredAt!: Date | null;
}

export function availableCents(a: FundAccount): number {
  return a.allocatedCents + a.adjustedCents - a.reservedCents - a.settledCents - a.expiredCents;
}

/** A fund account with what is available to request. */
export class FundBalance extends FundAccount {
  @ApiProperty({ description: 'allocated + adjusted − reserved − settled − expired, cents' }) availableCents!: number;
}

export class LedgerEntry {
  @ApiProperty() id!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: LEDGER_KINDS }) kind!: LedgerKind;
  @ApiProperty({ description: 'signed cents' }) amountCents!: number;
  @ApiProperty() currency!: string;
  @ApiProperty(NULLABLE_STRING) requestId!: string | null;
  @ApiProperty(NULLABLE_STRING) claimId!: string | null;
  @ApiProperty(NULLABLE_STRING) reason!: string | null;
  @ApiProperty(NULLABLE_STRING) actorUserId!: string | null;
  @ApiProperty(DATE_TIME) createdAt!: Date;
}

/** A fund account and its append-only ledger. */
export class FundAccountLedger {
  @ApiProperty({ type: FundBalance }) account!: FundBalance;
  @ApiProperty({ type: [LedgerEntry], description: 'oldest first' }) entries!: LedgerEntry[];
}

export class MdfRequest {
  @ApiProperty() id!: string;
  @ApiProperty() programId!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ enum: ACTIVITY_TYPES }) activityType!: ActivityType;
  @ApiProperty() description!: string;
  @ApiProperty({ example: '2027-02-10' }) startsOn!: string;
  @ApiProperty({ example: '2027-02-12' }) endsOn!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() plannedCostCents!: number;
  @ApiProperty() requestedCents!: number;
  @ApiProperty(NULLABLE_NUMBER) approvedCents!: number | null;
  @ApiProperty() expectedPipelineCents!: number;
  @ApiProperty({ type: [String] }) launchIds!: string[];
  @ApiProperty({ enum: REQUEST_STATUSES }) status!: RequestStatus;
  @ApiProperty() submittedBy!: string;
  @ApiProperty({ ...NULLABLE_STRING, description: 'the channel manager who decided it (never its submitter)' }) decidedBy!: string | null;
  @ApiProperty(NULLABLE_STRING) decisionNote!: string | null;
  @ApiProperty({ ...DATE_TIME, description: 'the latest submission (a resubmission moves it); createdAt is the first' }) submittedAt!: Date;
  @ApiProperty(NULLABLE_DATE_TIME) decidedAt!: Date | null;
  @ApiProperty(DATE_TIME) createdAt!: Date;
}

export class Claim {
  @ApiProperty() id!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty() programId!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty() currency!: string;
  @ApiProperty() actualSpendCents!: number;
  @ApiProperty({ enum: CLAIM_STATUSES }) status!: ClaimStatus;
  @ApiProperty({ description: 'the Idempotency-Key it was submitted with' }) idempotencyKey!: string;
  @ApiProperty() submittedBy!: string;
  @ApiProperty({ ...DATE_TIME, description: 'the latest submission (a resubmission moves it); createdAt is the first' }) submittedAt!: Date;
  @ApiProperty(NULLABLE_NUMBER) approvedCents!: number | null;
  @ApiProperty(NULLABLE_STRING) reviewedBy!: string | null;
  @ApiProperty(NULLABLE_DATE_TIME) reviewedAt!: Date | null;
  @ApiProperty(NULLABLE_STRING) reviewNote!: string | null;
  @ApiProperty(NULLABLE_STRING) paymentReference!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, example: '2027-05-02' }) paidOn!: string | null;
  @ApiProperty(NULLABLE_STRING) paidBy!: string | null;
  @ApiProperty({ description: 'whether its proof-of-performance pack is ready (download it through /proof-pack)' }) hasProofPack!: boolean;
  @ApiProperty(DATE_TIME) createdAt!: Date;
}

/** A claim with the partner and request details the finance queue and the payables export show. */
export class ClaimListing extends Claim {
  @ApiProperty() partnerName!: string;
  @ApiProperty() activityType!: string;
  @ApiProperty({ description: 'what the request was approved for, cents' }) requestApprovedCents!: number;
}

/** An invoice or proof file of a request; where it is stored stays inside the platform. */
export class MdfFile {
  @ApiProperty() id!: string;
  @ApiProperty() requestId!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty({ ...NULLABLE_STRING, description: 'the claim it was submitted with; null while it is only uploaded' }) claimId!: string | null;
  @ApiProperty({ enum: FILE_KINDS }) kind!: FileKind;
  @ApiProperty({ ...NULLABLE_STRING, description: 'the name it was uploaded with, made safe (letters, digits, `.`, `-`, `_`); null for files uploaded before names were kept' })
  fileName!: string | null;
  @ApiProperty({ description: 'read from the content' }) contentType!: string;
  @ApiProperty() bytes!: number;
  @ApiProperty({ ...DATE_TIME, description: 'when it was uploaded' }) createdAt!: Date;
}

/** A file with a short-lived download URL. */
export class ClaimFile extends MdfFile {
  @ApiProperty({ description: 'a short-lived download URL' }) url!: string;
}

/** A deal linked to a claim, as finance and the proof pack show it. */
export class LinkedDeal {
  @ApiProperty() id!: string;
  @ApiProperty() customerCompany!: string;
  @ApiProperty() status!: string;
  @ApiProperty() amountCents!: number;
  @ApiProperty(NULLABLE_NUMBER) finalAmountCents!: number | null;
  @ApiProperty() currency!: string;
  @ApiProperty(DATE_TIME) createdAt!: Date;
  @ApiProperty(NULLABLE_DATE_TIME) closedAt!: Date | null;
}

/** Pipeline (open deals) and won revenue in the claim's currency, and what they return per unit reimbursed. */
export class ClaimReturn {
  @ApiProperty() pipelineCents!: number;
  @ApiProperty() wonCents!: number;
  @ApiProperty() reimbursementCents!: number;
  @ApiProperty({ ...NULLABLE_NUMBER, description: '(pipeline + won) ÷ reimbursement; null until there is a reimbursement' }) returnRatio!: number | null;
}

/** A claim in finance's review queue: with its linked deals, cap and return. */
export class ReviewQueueClaim extends ClaimListing {
  @ApiProperty({ type: [LinkedDeal] }) deals!: LinkedDeal[];
  @ApiProperty({ type: ClaimReturn }) returns!: ClaimReturn;
  @ApiProperty({ description: 'the most finance may approve, cents' }) capCents!: number;
}

/** Everything needed to decide one claim. */
export class ClaimDetail {
  @ApiProperty({ type: Claim }) claim!: Claim;
  @ApiProperty({ type: MdfRequest }) request!: MdfRequest;
  @ApiProperty() partnerName!: string;
  @ApiProperty({ type: [ClaimFile] }) files!: ClaimFile[];
  @ApiProperty({ type: [LinkedDeal] }) deals!: LinkedDeal[];
  @ApiProperty({ type: ClaimReturn }) returns!: ClaimReturn;
  @ApiProperty({ description: 'the tier’s share of the actual spend, percent' }) reimbursementPct!: number;
  @ApiProperty({ description: 'the most finance may approve: the lower of the approved request and the tier’s share of the actual spend, cents' }) capCents!: number;
}

/** One partner's funds, claims and MDF-linked deals in a program's currency. */
export class PartnerFundRow {
  @ApiProperty() partnerId!: string;
  @ApiProperty() partnerName!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ description: 'allocations plus adjustments, cents' }) allocatedCents!: number;
  @ApiProperty() reservedCents!: number;
  @ApiProperty() settledCents!: number;
  @ApiProperty() expiredCents!: number;
  @ApiProperty({ description: 'actual spend of the claims that are not rejected, cents' }) claimedCents!: number;
  @ApiProperty() paidCents!: number;
  @ApiProperty({ description: 'open pipeline of the deals linked to its claims, cents' }) pipelineCents!: number;
  @ApiProperty({ description: 'won revenue of the deals linked to its claims, cents' }) wonCents!: number;
}

export class PartnerProgramMetrics extends PartnerFundRow {
  @ApiProperty({ ...NULLABLE_NUMBER, description: '(reserved + settled) ÷ allocated; null without an allocation' }) utilisationRate!: number | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: '(pipeline + won) per unit of MDF settled; null before anything is settled' }) returnPerMdfDollar!: number | null;
}

export class ProgramMetricsTotals {
  @ApiProperty() allocatedCents!: number;
  @ApiProperty() reservedCents!: number;
  @ApiProperty() settledCents!: number;
  @ApiProperty() expiredCents!: number;
  @ApiProperty() claimedCents!: number;
  @ApiProperty() paidCents!: number;
  @ApiProperty(NULLABLE_NUMBER) utilisationRate!: number | null;
}

export class TimeToFirstDeal {
  @ApiProperty() partnerId!: string;
  @ApiProperty({ ...NULLABLE_STRING, example: '2026-03-01' }) signedAt!: string | null;
  @ApiProperty(NULLABLE_STRING) firstDealAt!: string | null;
  @ApiProperty(NULLABLE_NUMBER) days!: number | null;
}

export class ProgramPipeline {
  @ApiProperty() partnerSourcedPipelineCents!: number;
  @ApiProperty() partnerSourcedWonCents!: number;
  @ApiProperty({ description: 'deals a launch, lead or click touched before registration (a deal can be both sourced and influenced)' }) influencedPipelineCents!: number;
  @ApiProperty() influencedWonCents!: number;
}

export class ProgramMetrics {
  @ApiProperty() programId!: string;
  @ApiProperty() currency!: string;
  @ApiProperty({ type: [PartnerProgramMetrics] }) partners!: PartnerProgramMetrics[];
  @ApiProperty({ type: ProgramMetricsTotals }) totals!: ProgramMetricsTotals;
  @ApiProperty({ type: [TimeToFirstDeal] }) timeToFirstDeal!: TimeToFirstDeal[];
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'median days from signing to the first registered deal, over partners that have both' }) medianTimeToFirstDealDays!: number | null;
  @ApiProperty({ ...NULLABLE_NUMBER, description: 'share of the program’s partners with a deal registered in the last 90 days' }) activePartnerRate!: number | null;
  @ApiProperty({ type: ProgramPipeline }) pipeline!: ProgramPipeline;
}

export class AllocationResult {
  @ApiProperty() partnerId!: string;
  @ApiProperty() accountId!: string;
  @ApiProperty({ description: 'what this run allocated; 0 when the partner already had its allocation' }) allocatedCents!: number;
  @ApiProperty() alreadyAllocated!: boolean;
}

export const OPEN_DEAL_STATUSES = ['submitted', 'approved'] as const;

export function claimReturn(deals: LinkedDeal[], currency: string, reimbursementCents: number): ClaimReturn {
  const same = deals.filter((d) => d.currency === currency);
  const pipelineCents = same.filter((d) => (OPEN_DEAL_STATUSES as readonly string[]).includes(d.status)).reduce((s, d) => s + d.amountCents, 0);
  const wonCents = same.filter((d) => d.status === 'won').reduce((s, d) => s + (d.finalAmountCents ?? d.amountCents), 0);
  return { pipelineCents, wonCents, reimbursementCents, returnRatio: reimbursementCents > 0 ? Math.round(((pipelineCents + wonCents) / reimbursementCents) * 100) / 100 : null };
}
