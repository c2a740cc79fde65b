import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@app/core';
import { EligibilityDto } from '@app/partners';
import { ASSET_STATUSES, ASSET_TYPES, USAGE_KINDS } from './asset.types';
import type { AssetStatus, AssetType, UsageKind } from './asset.types';

export const MAX_TAGS = 20;
export const MAX_BULK_EXTEND = 500;
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

const trim = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);
const trimEach = ({ value }: { value: unknown }): unknown => (Array.isArray(value) ? (value as unknown[]).map((v) => (typeof v === 'string' ? v.trim() : v)) : value);

/** Optional, but not null: a property sent as null is refused naming it (only `expiresAt` and `successorId` take null). */
const IfPresent = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

const ELIGIBILITY_DESCRIPTION =
  'which partners find it in the library (list, detail, preview, download); no criteria at all: every partner. ' +
  'Narrowing it takes effect at once: a partner left out no longer lists it and its detail and download answer 404. ' +
  'Live launches keep what they use: their emails, pages, renditions and links go on resolving the asset, because ' +
  'what a launch carries is decided by its kit, not by the library. `POST /api/v1/assets/{id}/eligibility-impact` ' +
  'tells beforehand which partners with live launches using it would lose it from their library.';

/** What an asset says about itself, shared by creation and change. */
abstract class AssetFieldsDto {
  @ApiPropertyOptional({ maxLength: 4000 })
  @IfPresent()
  @Transform(trim)
  @IsString()
  @MaxLength(4000)
  description?: string;

  @ApiPropertyOptional({ type: [String], maxItems: MAX_TAGS, example: ['backup', 'datasheet'], description: 'trimmed; duplicates (ignoring case) dropped' })
  @IfPresent()
  @Transform(trimEach)
  @IsArray()
  @ArrayMaxSize(MAX_TAGS)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(40, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ example: 'en', description: 'BCP 47 language tag' })
  @IfPresent()
  @Transform(trim)
  @IsString()
  @Matches(LOCALE, { message: 'locale must be a language tag such as en or pt-BR' })
  @MaxLength(20)
  locale?: string;

  @ApiPropertyOptional({ description: 'an active vendor user (see GET /api/v1/assets/owners); the creator by default' })
  @IfPresent()
  @IsUUID()
  ownerUserId?: string;

  @ApiPropertyOptional({ type: EligibilityDto, description: ELIGIBILITY_DESCRIPTION })
  @IfPresent()
  @IsObject()
  @ValidateNested()
  @Type(() => EligibilityDto)
  eligibility?: EligibilityDto;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z', description: 'partners see it from then; now by default' })
  @IfPresent()
  @IsISO8601({ strict: true })
  publishAt?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', example: '2027-06-30T00:00:00Z', nullable: true, description: 'after publishAt and in the future; null: never expires' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'the asset that stands in once this one expires: same type, usable, no cycle; null clears it' })
  @IsOptional()
  @IsUUID()
  successorId?: string | null;
}

/** What can change on an asset; every property optional (PATCH), none of them null but `expiresAt` and `successorId`. */
export class UpdateAssetDto extends AssetFieldsDto {
  @ApiPropertyOptional({ minLength: 2, maxLength: 200, example: 'Backup 5 datasheet' })
  @IfPresent()
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title?: string;
}

export class CreateAssetDto extends AssetFieldsDto {
  @ApiProperty({ minLength: 2, maxLength: 200, example: 'Backup 5 datasheet' })
  @Transform(trim)
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ enum: ASSET_TYPES })
  @IsIn(ASSET_TYPES)
  type!: AssetType;
}

/** The eligibility a vendor is about to give an asset, to see what it would change. */
export class EligibilityImpactQueryDto {
  @ApiProperty({ type: EligibilityDto, description: 'the proposed eligibility, as it would be sent to PATCH' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => EligibilityDto)
  eligibility!: EligibilityDto;
}

/** Search shared by the vendor's asset list and the partner library. */
export class AssetSearchQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'searches title, description and tags (case-insensitive)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ASSET_TYPES })
  @IsOptional()
  @IsIn(ASSET_TYPES)
  type?: AssetType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  tag?: string;
}

export class ListAssetsQuery extends AssetSearchQuery {
  @ApiPropertyOptional({ enum: ASSET_STATUSES, description: 'the status at this moment' })
  @IsOptional()
  @IsIn(ASSET_STATUSES)
  status?: AssetStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  ownerUserId?: string;
}

export class LibraryQuery extends AssetSearchQuery {
  @ApiPropertyOptional({ example: 'en' })
  @IsOptional()
  @Matches(LOCALE, { message: 'locale must be a language tag such as en or pt-BR' })
  @MaxLength(20)
  locale?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: "partners: only assets the partner's live launches use" })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'usedByMyLaunches must be true or false' })
  usedByMyLaunches?: 'true' | 'false';

  @ApiPropertyOptional({ minimum: 1, maximum: 365, description: 'only assets expiring within this many days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  expiringWithinDays?: number;
}

export class BulkExtendDto {
  @ApiProperty({ type: [String], maxItems: MAX_BULK_EXTEND })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_EXTEND)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  assetIds!: string[];

  @ApiProperty({ example: '2027-12-31T00:00:00Z', description: 'the new expiry; later than each asset’s current one' })
  @IsISO8601({ strict: true })
  expiresAt!: string;
}

export class ExpiringQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 30 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;
}

export class DownloadsReportQuery {
  @ApiPropertyOptional({ example: '2026-10-01T00:00:00Z', description: 'inclusive; 30 days before `to` by default' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z', description: 'exclusive; now by default' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class ExpiringReportQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

/** Answers, described for the OpenAPI document. */
export class AssetSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ASSET_TYPES }) type!: AssetType;
  @ApiProperty({ enum: ASSET_STATUSES }) status!: AssetStatus;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expiresAt!: Date | null;
}

export class AssetVersionDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty() fileName!: string;
  @ApiProperty({ description: 'read from the content' }) contentType!: string;
  @ApiProperty() bytes!: number;
  @ApiProperty({ description: 'hex SHA-256 of the file' }) sha256!: string;
  @ApiProperty({ nullable: true, type: Number }) width!: number | null;
  @ApiProperty({ nullable: true, type: Number }) height!: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'short-lived URL of its thumbnail or type icon' }) thumbnailUrl!: string | null;
  @ApiProperty({ nullable: true, type: String }) uploadedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class AssetDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ASSET_TYPES }) type!: AssetType;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty() locale!: string;
  @ApiProperty() ownerUserId!: string;
  @ApiProperty({ type: EligibilityDto }) eligibility!: EligibilityDto;
  @ApiProperty({ type: String, format: 'date-time' }) publishAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expiresAt!: Date | null;
  @ApiProperty({ enum: ASSET_STATUSES, description: 'at this moment' }) status!: AssetStatus;
  @ApiProperty({ nullable: true, type: AssetSummaryDto }) successor!: AssetSummaryDto | null;
  @ApiProperty({ nullable: true, type: String }) currentVersionId!: string | null;
  @ApiProperty({ nullable: true, type: String }) thumbnailUrl!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) archivedAt!: Date | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt!: Date;
}

export class AssetPageDto {
  @ApiProperty({ type: [AssetDto] }) items!: AssetDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class AssetDetailDto extends AssetDto {
  @ApiProperty({ type: [AssetVersionDto], description: 'newest first' }) versions!: AssetVersionDto[];
}

export class LibraryItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ enum: ASSET_TYPES }) type!: AssetType;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty() locale!: string;
  @ApiProperty({ type: String, format: 'date-time' }) publishAt!: Date;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expiresAt!: Date | null;
  @ApiProperty({ nullable: true, type: AssetSummaryDto }) successor!: AssetSummaryDto | null;
  @ApiProperty() fileName!: string;
  @ApiProperty() contentType!: string;
  @ApiProperty() bytes!: number;
  @ApiProperty({ nullable: true, type: String }) thumbnailUrl!: string | null;
}

export class LibraryPageDto {
  @ApiProperty({ type: [LibraryItemDto] }) items!: LibraryItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class DownloadLinkDto {
  @ApiProperty({ description: 'presigned, issued for this request only' }) url!: string;
  @ApiProperty() expiresInSeconds!: number;
  @ApiProperty() fileName!: string;
}

export class BulkExtendResultDto {
  @ApiProperty() assetId!: string;
  @ApiProperty({ enum: ['extended', 'not_found', 'archived', 'not_later', 'publishes_later'] })
  outcome!: 'extended' | 'not_found' | 'archived' | 'not_later' | 'publishes_later';
  @ApiPropertyOptional() message?: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expiresAt!: Date | null;
}

export class BulkExtendReportDto {
  @ApiProperty() extended!: number;
  @ApiProperty({ type: [BulkExtendResultDto] }) results!: BulkExtendResultDto[];
}

export class AssetOwnerDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
}

export class ExpiringAssetDto {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ASSET_TYPES }) type!: AssetType;
  @ApiProperty({ type: String, format: 'date-time' }) expiresAt!: Date;
  @ApiProperty() daysLeft!: number;
  @ApiProperty({ type: AssetOwnerDto }) owner!: AssetOwnerDto;
  @ApiProperty({ nullable: true, type: AssetSummaryDto }) successor!: AssetSummaryDto | null;
  @ApiProperty({ description: 'live launches using it' }) liveLaunches!: number;
}

export class DownloadsReportRowDto {
  @ApiProperty() assetId!: string;
  @ApiProperty() assetTitle!: string;
  @ApiProperty({ nullable: true, type: String, description: 'null: vendor users' }) partnerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) partnerName!: string | null;
  @ApiProperty() downloads!: number;
  @ApiProperty({ type: String, format: 'date-time' }) lastDownloadAt!: Date;
}

export class DownloadsReportDto {
  @ApiProperty({ type: String, format: 'date-time' }) from!: Date;
  @ApiProperty({ type: String, format: 'date-time' }) to!: Date;
  @ApiProperty({ type: [DownloadsReportRowDto] }) rows!: DownloadsReportRowDto[];
}

/** One recorded reference to an asset. */
export class AssetUser {
  @ApiProperty({ enum: USAGE_KINDS }) kind!: UsageKind;
  @ApiProperty({ description: 'the referring thing: a template version, kit version, launch, `<launch>:<template>`, `<sequence version>:<step>`, link' }) refId!: string;
  @ApiProperty({ description: 'false once the launch ended or the reference was replaced' }) active!: boolean;
  @ApiProperty({ nullable: true, type: String }) assetVersionId!: string | null;
  @ApiProperty({ nullable: true, type: String }) kitId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the name of the kit’s latest version' }) kitName!: string | null;
  @ApiProperty({ nullable: true, type: String }) launchId!: string | null;
  @ApiProperty({ nullable: true, type: String }) launchStatus!: string | null;
  @ApiProperty({ nullable: true, type: String }) partnerId!: string | null;
  @ApiProperty({ nullable: true, type: String }) partnerName!: string | null;
  @ApiProperty({ nullable: true, type: String }) templateVersionId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', description: 'when the reference was first recorded' }) since!: Date;
}

export class AssetUsagePartnerDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'its live launches using the asset' }) liveLaunches!: number;
}

/** Active references by kind; a kind without any is left out. */
export class AssetUsageCountsDto {
  @ApiPropertyOptional() template?: number;
  @ApiPropertyOptional() kit?: number;
  @ApiPropertyOptional() launch?: number;
  @ApiPropertyOptional() rendition?: number;
  @ApiPropertyOptional() landing_page?: number;
  @ApiPropertyOptional() email?: number;
  @ApiPropertyOptional() nurture_step?: number;
  @ApiPropertyOptional() link?: number;
}

/** "Who uses this?": live launches, the partners using it, and every reference by kind. */
export class WhoUses {
  @ApiProperty() assetId!: string;
  @ApiProperty({ description: 'live launches using it' }) liveLaunches!: number;
  @ApiProperty({ type: [AssetUsagePartnerDto], description: 'partners with a live launch using it, by name' }) partners!: AssetUsagePartnerDto[];
  @ApiProperty({ type: AssetUsageCountsDto }) byKind!: AssetUsageCountsDto;
  @ApiProperty({ type: [AssetUser], description: 'active first, newest first' }) usages!: AssetUser[];
}

/**
 * What a proposed eligibility would change. Partners who lose the asset lose it from the library
 * only: their live launches keep using it (the kit decides what a launch carries).
 */
export class EligibilityImpactDto {
  @ApiProperty({ description: 'partners who may find it in the library now and would not' }) partnersLosingAccess!: number;
  @ApiProperty({ description: 'live launches, using the asset, of the partners who would lose it' }) liveLaunches!: number;
  @ApiProperty({ type: [AssetUsagePartnerDto], description: 'those partners with live launches using it, by name' }) partners!: AssetUsagePartnerDto[];
}
