import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength, Validate, ValidateNested } from 'class-validator';
import { CONSENT_STATUSES, ConsentStatus } from './contact-fields';
import { AudienceEntity } from './audience.entity';
import { IsCountryConstraint, IsTimeZoneConstraint } from './contact.dto';

const Trim = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

export class AudienceFilterDto {
  @ApiPropertyOptional({ type: [String], example: ['DE', 'AT'], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Validate(IsCountryConstraint, { each: true })
  countries?: string[];

  @ApiPropertyOptional({ type: [String], example: ['Europe/Berlin'], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Validate(IsTimeZoneConstraint, { each: true })
  timeZones?: string[];

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  companyContains?: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  titleContains?: string;

  @ApiPropertyOptional({ enum: CONSENT_STATUSES, isArray: true, description: 'sendable contacts are always limited to granted' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(CONSENT_STATUSES, { each: true })
  consentStatuses?: ConsentStatus[];

  @ApiPropertyOptional({ example: '2026-01-01T00:00:00Z', description: 'contacts created at or after this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  createdSince?: string;
}

export class CreateAudienceDto {
  @ApiProperty({ maxLength: 120 })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ type: AudienceFilterDto })
  @ValidateNested()
  @Type(() => AudienceFilterDto)
  filter!: AudienceFilterDto;
}

export class UpdateAudienceDto {
  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ type: AudienceFilterDto, description: 'replaces the whole filter' })
  @IsOptional()
  @ValidateNested()
  @Type(() => AudienceFilterDto)
  filter?: AudienceFilterDto;
}

export class AudienceCountView {
  @ApiProperty({ description: 'contacts matching the filter' }) matching!: number;
  @ApiProperty({ description: 'of those, consent granted and not suppressed' }) sendable!: number;
}

export class AudienceView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: AudienceFilterDto }) filter!: AudienceFilterDto;
  @ApiProperty({ type: AudienceCountView, nullable: true, description: "on GET /audiences/:id; null in lists (one count per audience would be a query each)" })
  counts!: AudienceCountView | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;

  static of(a: AudienceEntity, counts: AudienceCountView | null): AudienceView {
    return { id: a.id, name: a.name, filter: a.filter, counts, createdAt: a.createdAt.toISOString(), updatedAt: a.updatedAt.toISOString() };
  }
}

export class AudiencePageView {
  @ApiProperty({ type: [AudienceView] }) items!: AudienceView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** A partner's audience as the vendor sees it (launching on the partner's behalf): no filter, no contact. */
export class PartnerAudienceView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'contacts matching its filter' }) matching!: number;
  @ApiProperty({ description: 'of those, the ones a launch would email (consent granted, not suppressed)' }) sendable!: number;

  static of(a: AudienceEntity, counts: { matching: number; sendable: number }): PartnerAudienceView {
    return { id: a.id, name: a.name, matching: counts.matching, sendable: counts.sendable };
  }
}

export class PartnerAudiencePageView {
  @ApiProperty({ type: [PartnerAudienceView], description: 'by name' }) items!: PartnerAudienceView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
