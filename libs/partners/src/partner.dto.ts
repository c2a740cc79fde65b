import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { PageQuery, SLUG_PATTERN } from '@app/core';
import { PARTNER_STATUSES, PartnerEntity, PartnerStatus, REGIONS, Region } from './partner.entity';
import { TierEntity } from './tier.entity';

const TIME_ZONES = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);

@ValidatorConstraint({ name: 'timeZone' })
class IsTimeZone implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && TIME_ZONES.has(value);
  }
  defaultMessage(): string {
    return 'timeZone must be an IANA time zone such as Europe/Berlin';
  }
}


/**
 * For fields whose column is NOT NULL: may be left out, but an explicit null is validated (and
 * refused) instead of being skipped as @IsOptional would, which would reach the database.
 */
const IsOptionalNotNull = () => ValidateIf((_: object, value: unknown) => value !== undefined);

/** Names are stored trimmed, so they are validated trimmed (a blank name is not a name). */
const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Profile fields a partner admin may edit on its own organisation. */
export class PartnerProfileDto {
  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptionalNotNull()
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ example: 'https://northwind-it.example', nullable: true })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'website must be an http(s) URL' })
  @MaxLength(300)
  website?: string | null;

  @ApiPropertyOptional({ example: '+1 415 555 0100', nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9 ().-]{5,40}$/, { message: 'phone may contain digits, spaces, + ( ) . - (5 to 40 characters)' })
  phone?: string | null;

  @ApiPropertyOptional({ maxLength: 500, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional({ example: 'America/Chicago' })
  @IsOptionalNotNull()
  @Validate(IsTimeZone)
  timeZone?: string;

  @ApiPropertyOptional({ example: '#0B5FFF', nullable: true })
  @IsOptional()
  @Matches(/^#[0-9A-Fa-f]{6}$/, { message: 'brandColour must be a hex colour like #0B5FFF' })
  brandColour?: string | null;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  legalDisclaimer?: string | null;
}

/** Fields only the vendor manages. */
export const VENDOR_ONLY_FIELDS = ['slug', 'tierId', 'region', 'status', 'signedAt'] as const;

export class UpdatePartnerDto extends PartnerProfileDto {
  @ApiPropertyOptional({ example: 'northwind-it' })
  @IsOptionalNotNull()
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters and digits separated by single hyphens' })
  @MinLength(2)
  @MaxLength(60)
  slug?: string;

  @ApiPropertyOptional()
  @IsOptionalNotNull()
  @IsUUID()
  tierId?: string;

  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptionalNotNull()
  @IsIn(REGIONS)
  region?: Region;

  @ApiPropertyOptional({ enum: PARTNER_STATUSES })
  @IsOptionalNotNull()
  @IsIn(PARTNER_STATUSES)
  status?: PartnerStatus;

  @ApiPropertyOptional({ example: '2026-09-01', nullable: true, description: 'date the partner agreement was signed' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'signedAt must be a date like 2026-09-01' })
  signedAt?: string | null;
}

// The required fields are left out of the base and declared again: extending UpdatePartnerDto and
// redeclaring them would still inherit their "optional" marker, and a create without them would pass.
export class CreatePartnerDto extends OmitType(UpdatePartnerDto, ['name', 'slug', 'tierId', 'region'] as const) {
  @ApiProperty({ maxLength: 120 })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ example: 'northwind-it' })
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters and digits separated by single hyphens' })
  @MinLength(2)
  @MaxLength(60)
  slug!: string;

  @ApiProperty()
  @IsUUID()
  tierId!: string;

  @ApiProperty({ enum: REGIONS })
  @IsIn(REGIONS)
  region!: Region;
}

export class ListPartnersQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  tierId?: string;

  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS)
  region?: Region;

  @ApiPropertyOptional({ enum: PARTNER_STATUSES })
  @IsOptional()
  @IsIn(PARTNER_STATUSES)
  status?: PartnerStatus;

  @ApiPropertyOptional({ description: 'name contains (case-insensitive)', maxLength: 100 })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(100)
  q?: string;
}

export class PartnerView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty() tierId!: string;
  @ApiProperty({ enum: REGIONS }) region!: Region;
  @ApiProperty({ nullable: true, type: String }) website!: string | null;
  @ApiProperty({ nullable: true, type: String }) phone!: string | null;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty() timeZone!: string;
  @ApiProperty({ nullable: true, type: String }) brandColour!: string | null;
  @ApiProperty({ nullable: true, type: String }) legalDisclaimer!: string | null;
  @ApiProperty({ enum: PARTNER_STATUSES }) status!: PartnerStatus;
  @ApiProperty({ nullable: true, type: String }) signedAt!: string | null;
  @ApiProperty({ nullable: true, description: 'logo size in pixels, when a logo is set', type: Object })
  logo!: { width: number; height: number } | null;
  @ApiProperty() profileVersion!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(p: PartnerEntity): PartnerView {
    return {
      id: p.id,
      name: p.name,
      slug: p.slug,
      tierId: p.tierId,
      region: p.region,
      website: p.website,
      phone: p.phone,
      address: p.address,
      timeZone: p.timeZone,
      brandColour: p.brandColour,
      legalDisclaimer: p.legalDisclaimer,
      status: p.status,
      signedAt: p.signedAt,
      logo: p.logoKey && p.logoWidth && p.logoHeight ? { width: p.logoWidth, height: p.logoHeight } : null,
      profileVersion: p.profileVersion,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}

export class PartnerPageView {
  @ApiProperty({ type: [PartnerView] }) items!: PartnerView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class LogoView {
  @ApiProperty({ description: 'short-lived download URL of the normalised PNG' }) url!: string;
  @ApiProperty() width!: number;
  @ApiProperty() height!: number;
  @ApiProperty() profileVersion!: number;
}

export class CreateTierDto {
  @ApiProperty({ example: 'Gold' })
  @Trim()
  @IsString()
  @MinLength(2)
  @MaxLength(60)
  name!: string;

  @ApiProperty({ description: 'higher ranks are better tiers', minimum: 0, maximum: 1000 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  rank!: number;

  @ApiProperty({ minimum: 0, maximum: 100, example: 50 })
  @IsInt()
  @Min(0)
  @Max(100)
  defaultMdfReimbursementPct!: number;

  @ApiPropertyOptional({ example: { mdfQuarterlyCents: 500000, currency: 'USD' } })
  @IsOptionalNotNull()
  @IsObject()
  attributes?: Record<string, unknown>;
}

// Null is refused, not skipped: every tier column is NOT NULL.
export class UpdateTierDto extends PartialType(CreateTierDto, { skipNullProperties: false }) {}

export class TierView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() rank!: number;
  @ApiProperty() defaultMdfReimbursementPct!: number;
  @ApiProperty({ type: Object }) attributes!: Record<string, unknown>;

  static of(t: TierEntity): TierView {
    return { id: t.id, name: t.name, rank: t.rank, defaultMdfReimbursementPct: t.defaultMdfReimbursementPct, attributes: t.attributes };
  }
}
