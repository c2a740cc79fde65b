import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class DashboardQuery {
  @ApiPropertyOptional({ example: '2026-08-31', description: 'first day (UTC), included; by default the Monday 11 weeks before this week’s, so 12 ISO weeks are shown' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DAY, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-21', description: 'last day (UTC), included; today by default' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DAY, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({ description: 'only this kit’s launches, clicks, leads and deals (adoption, weekly series, funnel); MDF, time to first deal and the active partner rate are program-wide' })
  @IsOptional()
  @IsUUID()
  kitId?: string;
}

/** Answers, described for the OpenAPI document. */
export class DashboardKitDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'the name of its latest published version' }) name!: string;
  @ApiProperty({ enum: ['published', 'retired'] }) status!: 'published' | 'retired';
}

export class DashboardWeekDto {
  @ApiProperty({ example: '2026-W47', description: 'ISO 8601 week (UTC)' }) week!: string;
  @ApiProperty({ example: '2026-11-16', description: 'its Monday' }) startsOn!: string;
  @ApiProperty({ description: 'every recorded click' }) clicksRaw!: number;
  @ApiProperty({ description: 'clicks without the bots and mail scanners' }) clicksFiltered!: number;
  @ApiProperty() leads!: number;
  @ApiProperty({ description: 'active partners with a launch, a (filtered) click, a lead or a registered deal that week' }) activePartners!: number;
  @ApiProperty({ description: 'partners with status active, signed by the end of the week' }) partners!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'activePartners ÷ partners (0–1); null without partners' }) activePartnerRate!: number | null;
}

export class DashboardTierAdoptionDto {
  @ApiProperty() tierId!: string;
  @ApiProperty() tierName!: string;
  @ApiProperty({ description: 'active and onboarding partners of the tier the kit (any published kit) is for' }) eligible!: number;
  @ApiProperty({ description: 'partners of the tier that launched it (any published kit), ever' }) launched!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'launched ÷ eligible; null without eligible partners' }) rate!: number | null;
}

export class DashboardFunnelDto {
  @ApiProperty({ description: 'launches started in the range' }) launches!: number;
  @ApiProperty({ description: 'distinct partners with a filtered click in the range' }) partnersWithClicks!: number;
  @ApiProperty({ description: 'leads captured in the range' }) leads!: number;
  @ApiProperty({ description: 'deals registered in the range (any status); with a kit, those its launches sourced or influenced' }) registeredDeals!: number;
  @ApiProperty({ description: 'of those, the won ones' }) wonDeals!: number;
}

export class DashboardMdfFiguresDto {
  @ApiProperty({ example: 'USD' }) currency!: string;
  @ApiProperty({ description: 'allocations plus adjustments, cents' }) allocatedCents!: number;
  @ApiProperty({ description: 'approved requests not yet claimed, cents' }) reservedCents!: number;
  @ApiProperty({ description: 'approved claims, cents (paid ones included)' }) settledCents!: number;
  @ApiProperty({ description: 'approved claims marked paid, cents' }) paidCents!: number;
  @ApiProperty({ description: 'expired unused funds, cents' }) expiredCents!: number;
  @ApiProperty({ description: 'allocated − reserved − settled − expired, cents' }) availableCents!: number;
  @ApiProperty({ description: 'open pipeline of the deals linked to its claims, cents' }) pipelineCents!: number;
  @ApiProperty({ description: 'won revenue of the deals linked to its claims, cents' }) wonCents!: number;
  @ApiProperty({ nullable: true, type: Number, description: '(reserved + settled) ÷ allocated' }) utilisationRate!: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '(pipeline + won) per MDF dollar settled' }) returnPerMdfDollar!: number | null;
}

export class DashboardMdfProgramDto extends DashboardMdfFiguresDto {
  @ApiProperty() programId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '2026-10-01' }) periodStart!: string;
  @ApiProperty({ example: '2026-12-31' }) periodEnd!: string;
}

export class DashboardMdfPartnerDto extends DashboardMdfFiguresDto {
  @ApiProperty() partnerId!: string;
  @ApiProperty() partnerName!: string;
}

export class DashboardMdfDto {
  @ApiProperty({ nullable: true, type: String, description: 'the currency of the most recent program in the range; top partners are in it' }) currency!: string | null;
  @ApiProperty({ type: [DashboardMdfProgramDto], description: 'programs whose period overlaps the range, latest first (at most 6)' }) programs!: DashboardMdfProgramDto[];
  @ApiProperty({ type: [DashboardMdfPartnerDto], description: 'across those programs in `currency`: the 10 partners that used the most (reserved + settled)' }) topPartners!: DashboardMdfPartnerDto[];
}

export class DashboardTtfdBucketDto {
  @ApiProperty({ example: '15–30 days' }) label!: string;
  @ApiProperty() minDays!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'included; null for the open-ended last bucket' }) maxDays!: number | null;
  @ApiProperty() partners!: number;
}

export class DashboardTtfdDto {
  @ApiProperty({ type: [DashboardTtfdBucketDto], description: 'signed partners by days from signing to their first registered deal' }) buckets!: DashboardTtfdBucketDto[];
  @ApiProperty({ nullable: true, type: Number }) medianDays!: number | null;
  @ApiProperty({ description: 'signed partners without a registered deal since signing' }) withoutDeal!: number;
  @ApiProperty({ description: 'of those, signed more than 45 days ago (past the activation gate)' }) withoutDealPastGate!: number;
}

export class DashboardDto {
  @ApiProperty({ example: '2026-08-31' }) from!: string;
  @ApiProperty({ example: '2026-11-21' }) to!: string;
  @ApiProperty({ nullable: true, type: String }) kitId!: string | null;
  @ApiProperty({ type: [DashboardKitDto], description: 'published and retired kits, by name, for choosing one' }) kits!: DashboardKitDto[];
  @ApiProperty({ type: [DashboardWeekDto], description: 'every ISO week overlapping the range, oldest first; partial weeks count only the days in the range' }) weeks!: DashboardWeekDto[];
  @ApiProperty({ type: [DashboardTierAdoptionDto], description: 'by tier rank' }) adoption!: DashboardTierAdoptionDto[];
  @ApiProperty({ type: DashboardFunnelDto }) funnel!: DashboardFunnelDto;
  @ApiProperty({ type: DashboardMdfDto }) mdf!: DashboardMdfDto;
  @ApiProperty({ type: DashboardTtfdDto, description: 'every signed partner, whatever the range' }) timeToFirstDeal!: DashboardTtfdDto;
}
