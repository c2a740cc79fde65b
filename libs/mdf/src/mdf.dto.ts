import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  NotEquals,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@app/core';
import { ACTIVITY_TYPES, AllocationResult, CLAIM_STATUSES, ClaimFile, ClaimListing, FILE_KINDS, FundBalance, MAX_CENTS, MdfRequest, Program, REQUEST_STATUSES, ReviewQueueClaim, TierAmountDto } from './mdf.types';
import type { ActivityType, ClaimStatus, FileKind, RequestStatus } from './mdf.types';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_MESSAGE = 'must be a date (YYYY-MM-DD)';

export class CreateProgramDto {
  @ApiProperty({ example: 'Q1 2027 MDF' })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ example: '2027-01-01' })
  @Matches(DATE_ONLY, { message: `periodStart ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true })
  periodStart!: string;

  @ApiProperty({ example: '2027-03-31' })
  @Matches(DATE_ONLY, { message: `periodEnd ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true })
  periodEnd!: string;

  @ApiProperty({ example: 'USD', description: 'ISO 4217' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code (USD)' })
  currency!: string;

  @ApiPropertyOptional({ default: 0, description: 'days after the period ends before unused funds expire' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  graceDays?: number;

  @ApiPropertyOptional({ default: 60, description: 'days after an activity ends to claim it' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(365)
  claimDeadlineDays?: number;

  @ApiPropertyOptional({ type: [TierAmountDto], description: 'fixed allocation per tier' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => TierAmountDto)
  tierAmounts?: TierAmountDto[];

  @ApiPropertyOptional({ description: 'accrual in basis points (250 = 2.5 %) of won revenue closed in the accrual period' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000)
  accrualBps?: number;

  @ApiPropertyOptional({ example: '2026-10-01' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: `accrualStart ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true })
  accrualStart?: string;

  @ApiPropertyOptional({ example: '2026-12-31' })
  @IsOptional()
  @Matches(DATE_ONLY, { message: `accrualEnd ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true })
  accrualEnd?: string;
}

export class AllocateDto {
  @ApiPropertyOptional({ type: [String], description: 'default: every onboarding or active partner' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  partnerIds?: string[];
}

export class AdjustmentDto {
  @ApiProperty()
  @IsUUID()
  partnerId!: string;

  @ApiProperty({ description: 'signed integer minor units: positive adds funds, negative removes available funds' })
  @IsInt()
  @NotEquals(0)
  @Min(-MAX_CENTS)
  @Max(MAX_CENTS)
  amountCents!: number;

  @ApiProperty({ example: 'Co-marketing bonus for the spring launch' })
  @IsString()
  @MinLength(3)
  @MaxLength(500)
  reason!: string;
}

export class ListAccountsQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  programId?: string;

  @ApiPropertyOptional({ description: 'vendors only; partner users always see their own' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;
}

export class CreateRequestDto {
  @ApiProperty()
  @IsUUID()
  programId!: string;

  @ApiPropertyOptional({ description: 'vendors submitting on a partner’s behalf say which partner' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiProperty({ enum: ACTIVITY_TYPES })
  @IsIn(ACTIVITY_TYPES)
  activityType!: ActivityType;

  @ApiProperty()
  @IsString()
  @MinLength(3)
  @MaxLength(4000)
  description!: string;

  @ApiProperty({ example: '2027-02-10' })
  @Matches(DATE_ONLY, { message: `startsOn ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true })
  startsOn!: string;

  @ApiProperty({ example: '2027-02-12' })
  @Matches(DATE_ONLY, { message: `endsOn ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true })
  endsOn!: string;

  @ApiProperty({ description: 'planned total cost, minor units' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  plannedCostCents!: number;

  @ApiProperty({ description: 'MDF requested, minor units; at most the planned cost' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  requestedCents!: number;

  @ApiPropertyOptional({ description: 'expected pipeline, minor units' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  expectedPipelineCents?: number;

  @ApiPropertyOptional({ type: [String], description: 'the partner’s own launches this activity promotes' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  launchIds?: string[];
}

/** A resubmission after the channel manager asked for more information: any field may change. */
export class UpdateRequestDto {
  @ApiPropertyOptional({ enum: ACTIVITY_TYPES })
  @IsOptional()
  @IsIn(ACTIVITY_TYPES)
  activityType?: ActivityType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(DATE_ONLY, { message: `startsOn ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true })
  startsOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(DATE_ONLY, { message: `endsOn ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true })
  endsOn?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  plannedCostCents?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  requestedCents?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_CENTS)
  expectedPipelineCents?: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  launchIds?: string[];
}

export class ApproveRequestDto {
  @ApiPropertyOptional({ description: 'approve part of the request; default: all of it' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amountCents?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class DecisionNoteDto {
  @ApiProperty({ description: 'what is missing, or why it is rejected' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  note!: string;
}

export class ListRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REQUEST_STATUSES })
  @IsOptional()
  @IsIn(REQUEST_STATUSES)
  status?: RequestStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  programId?: string;

  @ApiPropertyOptional({ description: 'vendors only' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;
}

export class UploadFileQuery {
  @ApiProperty({ enum: FILE_KINDS })
  @IsIn(FILE_KINDS)
  kind!: FileKind;
}

export class SubmitClaimDto {
  @ApiProperty()
  @IsUUID()
  requestId!: string;

  @ApiProperty({ description: 'what the activity actually cost, minor units' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  actualSpendCents!: number;

  @ApiProperty({ type: [String], description: 'uploaded invoice and proof files of the request (at least one invoice)' })
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  fileIds!: string[];

  @ApiPropertyOptional({ type: [String], description: 'deals you registered after the activity started that it produced' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  dealIds?: string[];
}

export class UpdateClaimDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  actualSpendCents?: number;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  fileIds?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  dealIds?: string[];
}

export class ApproveClaimDto {
  @ApiProperty({ description: 'reimbursement, minor units: at most the approved request amount and the tier’s share of the actual spend' })
  @IsInt()
  @Min(1)
  @Max(MAX_CENTS)
  amountCents!: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class MarkPaidDto {
  @ApiProperty({ example: 'WIRE-2027-0042' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  paymentReference!: string;

  @ApiProperty({ example: '2027-05-02' })
  @Matches(DATE_ONLY, { message: `paidOn ${DATE_MESSAGE}` })
  @IsISO8601({ strict: true })
  paidOn!: string;
}

export class ListClaimsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CLAIM_STATUSES })
  @IsOptional()
  @IsIn(CLAIM_STATUSES)
  status?: ClaimStatus;

  @ApiPropertyOptional({ description: 'vendors only' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;
}

/** Answers, described for the OpenAPI document (the records themselves are in mdf.types.ts). */
export class ProgramListDto {
  @ApiProperty({ type: [Program] }) items!: Program[];
}

export class AllocationListDto {
  @ApiProperty({ type: [AllocationResult] }) items!: AllocationResult[];
}

export class FundBalanceListDto {
  @ApiProperty({ type: [FundBalance] }) items!: FundBalance[];
}

export class MdfRequestPageDto {
  @ApiProperty({ type: [MdfRequest] }) items!: MdfRequest[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ClaimListingPageDto {
  @ApiProperty({ type: [ClaimListing] }) items!: ClaimListing[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ReviewQueuePageDto {
  @ApiProperty({ type: [ReviewQueueClaim] }) items!: ReviewQueueClaim[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ClaimFileListDto {
  @ApiProperty({ type: [ClaimFile], description: 'oldest upload first' }) items!: ClaimFile[];
}

export class ProofPackLinkDto {
  @ApiProperty({ description: 'a short-lived download URL of the pack (HTML)' }) url!: string;
}
