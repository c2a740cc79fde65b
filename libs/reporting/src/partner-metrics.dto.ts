import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ListPartnersQuery, PARTNER_STATUSES, type PartnerStatus, REGIONS, type Region } from '@app/partners';

export const PARTNER_METRICS_SORTS = ['name', 'lastActivity', 'timeToFirstDeal'] as const;
export type PartnerMetricsSort = (typeof PARTNER_METRICS_SORTS)[number];

export const PARTNER_ACTIVITY_KINDS = ['deal', 'lead', 'click', 'launch', 'mdf_request', 'mdf_claim', 'sign_in'] as const;
export type PartnerActivityKind = (typeof PARTNER_ACTIVITY_KINDS)[number];

/** The partners list's filters (search, tier, region, status), sorted by a figure. */
export class PartnerMetricsQuery extends ListPartnersQuery {
  @ApiPropertyOptional({
    enum: PARTNER_METRICS_SORTS,
    default: 'name',
    description: 'name: A to Z; lastActivity: most recent first; timeToFirstDeal: fastest first. Partners without the figure come last, then by name',
  })
  @IsOptional()
  @IsIn(PARTNER_METRICS_SORTS)
  sort?: PartnerMetricsSort;
}

export class PartnerMetricsTierDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

/** One partner of the program with how fast it activated and when it was last active. */
export class PartnerMetricsDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: PartnerMetricsTierDto }) tier!: PartnerMetricsTierDto;
  @ApiProperty({ enum: REGIONS }) region!: Region;
  @ApiProperty({ enum: PARTNER_STATUSES }) status!: PartnerStatus;
  @ApiProperty({ nullable: true, type: String, example: '2026-09-01', description: 'the day the partner joined (its agreement was signed); null while it is not signed' })
  signedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'when its first deal was registered (any status)' })
  firstDealAt!: string | null;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'whole days from the signing day (midnight UTC) to the first deal registered on or after it, as the dashboard’s time-to-first-deal counts; null when not signed or without such a deal',
  })
  timeToFirstDealDays!: number | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description:
      'the latest of: a launch of a kit (by the partner, for it, or automatically), a click on its trackable links (bots and mail scanners left out), a lead captured, a deal registered, an MDF pre-approval request or claim submitted, a sign-in of one of its users; null when none is recorded',
  })
  lastActivityAt!: string | null;
  @ApiProperty({ nullable: true, enum: PARTNER_ACTIVITY_KINDS, description: 'what that latest activity was' })
  lastActivity!: PartnerActivityKind | null;
  @ApiProperty({ description: 'launches not ended (active or paused)' }) liveLaunches!: number;
  @ApiProperty({ description: 'deal registrations, any status' }) deals!: number;
}

export class PartnerMetricsPageDto {
  @ApiProperty({ type: [PartnerMetricsDto] }) items!: PartnerMetricsDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  @ApiProperty({ description: 'partners matching the search and filters, over every page' }) total!: number;
}
