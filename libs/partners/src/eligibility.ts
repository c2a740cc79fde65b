import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsUUID } from 'class-validator';
import { PartnerEntity, REGIONS, Region } from './partner.entity';

/** Who may see something a vendor offers (a kit, an asset): named partners, or partners matching the tiers and regions (empty = any). */
export interface Eligibility {
  tierIds?: string[];
  regions?: Region[];
  partnerIds?: string[];
}

/**
 * Named partners are always eligible; otherwise a partner must match every criterion given
 * (its tier among `tierIds`, its region among `regions`). No criteria at all: every partner.
 */
export function isEligible(eligibility: Eligibility, partner: Pick<PartnerEntity, 'id' | 'tierId' | 'region'>): boolean {
  const named = eligibility.partnerIds ?? [];
  const tiers = eligibility.tierIds ?? [];
  const regions = eligibility.regions ?? [];
  if (named.includes(partner.id)) return true;
  if (tiers.length === 0 && regions.length === 0) return named.length === 0;
  return (tiers.length === 0 || tiers.includes(partner.tierId)) && (regions.length === 0 || regions.includes(partner.region));
}

export class EligibilityDto {
  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true })
  tierIds?: string[];

  @ApiPropertyOptional({ enum: REGIONS, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(REGIONS, { each: true })
  regions?: Region[];

  @ApiPropertyOptional({ type: [String], description: 'named partners, eligible whatever their tier or region' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  partnerIds?: string[];
}
