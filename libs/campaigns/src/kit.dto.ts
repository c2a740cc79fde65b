import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { EligibilityDto } from '@app/partners';
import { SLUG_PATTERN } from '@app/core';
import type { KitStatus } from './kit.entity';

export const KIT_STATUSES = ['draft', 'published', 'retired'] as const satisfies readonly KitStatus[];

/** Auto-launch of a published version: n of N opted-in eligible partners launched. */
export class AutoLaunchProgress {
  @ApiProperty({ description: 'eligible partners (active or onboarding) that opted in to the kit’s category' }) total!: number;
  @ApiProperty({ description: 'of those, the ones whose auto-launch has run' }) launched!: number;
}

export class KitDestinationDto {
  @ApiProperty({ example: 'trial' })
  @Matches(/^[a-z][a-z0-9-]{0,39}$/, { message: 'key must be lower-case letters, digits and hyphens' })
  key!: string;

  @ApiPropertyOptional({ example: 'https://www.acme-cloud.example/backup-5/trial', description: 'where the links go; give this or assetId' })
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) URL' })
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ description: "a library asset the links serve (its current file, or its successor's); give this or url" })
  @IsOptional()
  @IsUUID('all', { message: 'assetId must be the id of a library asset' })
  assetId?: string;

  @ApiProperty({ example: 'Free trial' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  label!: string;
}

export class KitEligibilityDto extends EligibilityDto {}

export class UpdateKitDto {
  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 500, example: 'Generate trial sign-ups for Backup 5' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  objective?: string;

  @ApiPropertyOptional({ type: [String], description: 'templates in the kit (their published versions are frozen at publish)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  templateIds?: string[];

  @ApiPropertyOptional({ type: [KitDestinationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => KitDestinationDto)
  destinations?: KitDestinationDto[];

  @ApiPropertyOptional({ type: [String], description: "the kit's own content from the library (datasheets, decks); frozen at publish" })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  assetIds?: string[];

  @ApiPropertyOptional({ type: KitEligibilityDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => KitEligibilityDto)
  eligibility?: KitEligibilityDto;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  startsAt?: string | null;

  @ApiPropertyOptional({ example: '2027-01-31T00:00:00Z', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  endsAt?: string | null;
}

export class CreateKitDto extends UpdateKitDto {
  @ApiProperty({ example: 'backup-5-launch' })
  @Matches(SLUG_PATTERN, { message: 'slug must be lower-case letters and digits separated by single hyphens' })
  @MaxLength(60)
  slug!: string;

  @ApiProperty({ example: 'product-launch', description: 'partners opt in to auto-launch by category' })
  @Matches(SLUG_PATTERN, { message: 'category must be lower-case letters and digits separated by single hyphens' })
  @MaxLength(60)
  category!: string;

  @ApiProperty({ maxLength: 120 })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  declare name: string;

  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  declare templateIds: string[];
}
