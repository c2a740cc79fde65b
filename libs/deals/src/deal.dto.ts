import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsEmail, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { PageQuery } from '@app/core';
import type { ConflictQueueItem, DealDetail } from './deal.service';
import { DEAL_STATUSES, DEFAULT_PROTECTION_DAYS, Deal, DealConflict, DealInfluence, DealStatus, MAX_AMOUNT_CENTS, MAX_PROTECTION_DAYS, VendorOpportunity } from './deal.types';
import type { WebhookEndpoint } from './deal-webhook.service';

const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));
const CURRENCY = /^[A-Z]{3}$/;
const CURRENCY_MESSAGE = 'must be a three-letter ISO 4217 code in capitals such as EUR';

export class RegisterDealDto {
  @ApiPropertyOptional({ description: 'channel managers (concierge registration): the partner the deal is registered for; partner users always register for themselves' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiProperty({ maxLength: 200, example: 'Globex Corporation' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  customerCompany!: string;

  @ApiProperty({ maxLength: 253, example: 'globex.example', description: 'a domain or website; stored as the lower-case host without www.' })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(253)
  customerDomain!: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  contactName?: string;

  @ApiPropertyOptional({ maxLength: 254 })
  @IsOptional()
  @Trim()
  @IsEmail()
  @MaxLength(254)
  contactEmail?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20, example: ['Backup 5'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  products?: string[];

  @ApiProperty({ description: 'integer minor units (cents)', example: 2_500_000, minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  amountCents!: number;

  @ApiProperty({ example: 'EUR' })
  @IsString()
  @Matches(CURRENCY, { message: CURRENCY_MESSAGE })
  currency!: string;

  @ApiPropertyOptional({ example: '2027-02-15' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date such as 2027-02-15' })
  @IsISO8601({ strict: true })
  expectedCloseDate?: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  notes?: string;

  @ApiPropertyOptional({ description: "the partner's launch that produced the opportunity" })
  @IsOptional()
  @IsUUID()
  sourceLaunchId?: string;

  @ApiPropertyOptional({ description: "the partner's lead it came from (its launch is the source launch unless given)" })
  @IsOptional()
  @IsUUID()
  sourceLeadId?: string;
}

export class ApproveDealDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PROTECTION_DAYS, default: DEFAULT_PROTECTION_DAYS, description: 'days the registration is protected from conflict' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PROTECTION_DAYS)
  protectionDays?: number;
}

export class RejectDealDto {
  @ApiProperty({ maxLength: 1000, description: 'shown to the partner' })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  reason!: string;
}

export class ExtendDealDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PROTECTION_DAYS, default: DEFAULT_PROTECTION_DAYS, description: 'days added to the end of the protection' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PROTECTION_DAYS)
  days?: number;
}

export class WonDealDto {
  @ApiProperty({ description: 'the amount actually booked, integer minor units in the deal currency', minimum: 0 })
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  finalAmountCents!: number;
}

export class ListDealsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DEAL_STATUSES })
  @IsOptional()
  @IsIn(DEAL_STATUSES)
  status?: DealStatus;

  @ApiPropertyOptional({ description: 'vendor users: one partner; partner users always see their own' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;
}

export class CreateWebhookEndpointDto {
  @ApiProperty({ example: 'https://crm.example/hooks/channelkit', description: 'https (http only for localhost)' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class CreateVendorOpportunityDto {
  @ApiPropertyOptional({ maxLength: 100, description: 'the id in the vendor CRM' })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  externalId?: string;

  @ApiProperty({ maxLength: 200 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  customerCompany!: string;

  @ApiProperty({ maxLength: 253 })
  @Trim()
  @IsString()
  @MinLength(3)
  @MaxLength(253)
  customerDomain!: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  ownerName?: string;

  @ApiPropertyOptional({ minimum: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_AMOUNT_CENTS)
  amountCents?: number;

  @ApiPropertyOptional({ example: 'EUR' })
  @IsOptional()
  @IsString()
  @Matches(CURRENCY, { message: CURRENCY_MESSAGE })
  currency?: string;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export class DealView {
  @ApiProperty() id!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty() partnerName!: string;
  @ApiProperty({ enum: ['partner', 'concierge', 'import'], description: 'partner-sourced in every case; concierge: registered by a channel manager for the partner' })
  registrationMode!: string;
  @ApiProperty({ nullable: true, type: String }) registeredBy!: string | null;
  @ApiProperty() customerCompany!: string;
  @ApiProperty() customerDomain!: string;
  @ApiProperty({ nullable: true, type: String }) contactName!: string | null;
  @ApiProperty({ nullable: true, type: String }) contactEmail!: string | null;
  @ApiProperty({ type: [String] }) products!: string[];
  @ApiProperty() amountCents!: number;
  @ApiProperty() currency!: string;
  @ApiProperty({ nullable: true, type: String }) expectedCloseDate!: string | null;
  @ApiProperty({ nullable: true, type: String }) notes!: string | null;
  @ApiProperty({ nullable: true, type: String }) sourceLaunchId!: string | null;
  @ApiProperty({ nullable: true, type: String }) sourceLeadId!: string | null;
  @ApiProperty({ enum: DEAL_STATUSES }) status!: string;
  @ApiProperty({ description: 'the registration collided with another registration or a vendor opportunity' }) conflictFlagged!: boolean;
  @ApiProperty({ nullable: true, type: String }) approvedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) protectedUntil!: string | null;
  @ApiProperty({ nullable: true, type: String }) rejectionReason!: string | null;
  @ApiProperty({ nullable: true, type: Number }) finalAmountCents!: number | null;
  @ApiProperty({ nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ description: 'the registration time' }) createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(d: Deal): DealView {
    return {
      id: d.id,
      partnerId: d.partnerId,
      partnerName: d.partnerName,
      registrationMode: d.registrationMode,
      registeredBy: d.registeredBy,
      customerCompany: d.customerCompany,
      customerDomain: d.customerDomain,
      contactName: d.contactName,
      contactEmail: d.contactEmail,
      products: d.products,
      amountCents: d.amountCents,
      currency: d.currency,
      expectedCloseDate: d.expectedCloseDate,
      notes: d.notes,
      sourceLaunchId: d.sourceLaunchId,
      sourceLeadId: d.sourceLeadId,
      status: d.status,
      conflictFlagged: d.conflictFlagged,
      approvedAt: iso(d.approvedAt),
      protectedUntil: iso(d.protectedUntil),
      rejectionReason: d.rejectionReason,
      finalAmountCents: d.finalAmountCents,
      closedAt: iso(d.closedAt),
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
    };
  }
}

export class VendorOpportunityView {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: String }) externalId!: string | null;
  @ApiProperty() customerCompany!: string;
  @ApiProperty() customerDomain!: string;
  @ApiProperty({ nullable: true, type: String }) ownerName!: string | null;
  @ApiProperty({ nullable: true, type: Number }) amountCents!: number | null;
  @ApiProperty({ nullable: true, type: String }) currency!: string | null;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty() createdAt!: string;

  static of(o: VendorOpportunity): VendorOpportunityView {
    return { ...o, createdAt: o.createdAt.toISOString() };
  }
}

export class VendorOpportunityPageView {
  @ApiProperty({ type: [VendorOpportunityView] }) items!: VendorOpportunityView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class DealConflictView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['domain', 'company_name'] }) matchedOn!: string;
  @ApiProperty({ description: '1 for the same domain; the company-name similarity otherwise' }) similarity!: number;
  @ApiProperty({ nullable: true, type: DealView, description: "the other partner's registration" }) deal!: DealView | null;
  @ApiProperty({ nullable: true, type: VendorOpportunityView }) vendorOpportunity!: VendorOpportunityView | null;

  static of(c: DealConflict): DealConflictView {
    return {
      id: c.id,
      matchedOn: c.matchedOn,
      similarity: c.similarity,
      deal: c.deal ? DealView.of(c.deal) : null,
      vendorOpportunity: c.vendorOpportunity ? VendorOpportunityView.of(c.vendorOpportunity) : null,
    };
  }
}

export class DealInfluenceView {
  @ApiProperty({ enum: ['lead', 'click', 'launch'] }) kind!: string;
  @ApiProperty({ description: 'the lead id, click id or launch id' }) id!: string;
  @ApiProperty({ nullable: true, type: String }) launchId!: string | null;
  @ApiProperty() touchedAt!: string;

  static of(i: DealInfluence): DealInfluenceView {
    return { kind: i.kind, id: i.id, launchId: i.launchId, touchedAt: i.touchedAt.toISOString() };
  }
}

export class DealDetailView extends DealView {
  @ApiPropertyOptional({ type: [DealConflictView], description: 'vendor users only; partners see conflictFlagged' }) conflicts?: DealConflictView[];
  @ApiProperty({ type: [DealInfluenceView], description: "the partner's marketing that touched the customer before registration" }) influence!: DealInfluenceView[];

  static ofDetail(d: DealDetail): DealDetailView {
    return {
      ...DealView.of(d.deal),
      ...(d.conflicts ? { conflicts: d.conflicts.map((c) => DealConflictView.of(c)) } : {}),
      influence: d.influence.map((i) => DealInfluenceView.of(i)),
    };
  }
}

export class DealPageView {
  @ApiProperty({ type: [DealView] }) items!: DealView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ConflictQueueItemView {
  @ApiProperty({ type: DealView }) deal!: DealView;
  @ApiProperty({ type: [DealConflictView] }) conflicts!: DealConflictView[];

  static of(item: ConflictQueueItem): ConflictQueueItemView {
    return { deal: DealView.of(item.deal), conflicts: item.conflicts.map((c) => DealConflictView.of(c)) };
  }
}

export class ConflictQueuePageView {
  @ApiProperty({ type: [ConflictQueueItemView] }) items!: ConflictQueueItemView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class WebhookEndpointView {
  @ApiProperty() id!: string;
  @ApiProperty() url!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() createdAt!: string;

  static of(e: WebhookEndpoint): WebhookEndpointView {
    return { id: e.id, url: e.url, description: e.description, createdAt: e.createdAt.toISOString() };
  }
}

export class CreatedWebhookEndpointView extends WebhookEndpointView {
  @ApiProperty({ description: 'the signing secret; shown this once' }) secret!: string;
}

export class DealImportRowView {
  @ApiProperty({ description: 'the row number as a spreadsheet shows it (the header is row 1)' }) row!: number;
  @ApiProperty({ enum: ['imported', 'rejected'] }) outcome!: string;
  @ApiProperty({ nullable: true, type: String }) dealId!: string | null;
  @ApiProperty({ type: [Object], description: '{ field: column name, message }' }) errors!: { field: string; message: string }[];
}

export class DealImportReportView {
  @ApiProperty() totalRows!: number;
  @ApiProperty() imported!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ type: [String] }) ignoredColumns!: string[];
  @ApiProperty({ type: [DealImportRowView] }) rows!: DealImportRowView[];
}
