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

/**
 * `isEligible` in SQL (named partners; else every given criterion; no criteria at all: everyone),
 * for an eligibility (a jsonb expression) and a partner's id, tier and region (text expressions).
 */
export function eligibilitySql(eligibility: string, partner: { id: string; tier: string; region: string }): string {
  const len = (key: string) => `COALESCE(jsonb_array_length(${eligibility}->'${key}'), 0)`;
  // COALESCE: without named partners the `?` is null, and NOT must still see false.
  return `(COALESCE((${eligibility}->'partnerIds') ? ${partner.id}, false)
    OR ((${len('tierIds')} > 0 OR ${len('regions')} > 0)
        AND (${len('tierIds')} = 0 OR (${eligibility}->'tierIds') ? ${partner.tier})
        AND (${len('regions')} = 0 OR (${eligibility}->'regions') ? ${partner.region}))
    OR (${len('tierIds')} = 0 AND ${len('regions')} = 0 AND ${len('partnerIds')} = 0))`;
}

/** Per tier id: how many of `partners` are eligible for at least one of `eligibilities` (adoption's denominator). */
export function eligibleCountByTier(partners: Pick<PartnerEntity, 'id' | 'tierId' | 'region'>[], eligibilities: Eligibility[]): Map<string, number> {
  const eligible = new Map<string, number>();
  for (const p of partners) {
    if (eligibilities.some((e) => isEligible(e, p))) eligible.set(p.tierId, (eligible.get(p.tierId) ?? 0) + 1);
  }
  return eligible;
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
