import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { LEAD_STATUSES, LeadDirectoryService, LeadService, LeadStatus, LeadView as Lead } from '@app/campaigns';
import { PageQuery, Principal, UuidPipe } from '@app/core';
import { Can, CurrentUser } from '../auth/auth.decorators';

export class LeadStatusDto {
  @ApiProperty({ enum: LEAD_STATUSES })
  @IsIn(LEAD_STATUSES)
  status!: LeadStatus;
}

export class LeadStatusView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: LEAD_STATUSES }) status!: string;
  @ApiProperty({ nullable: true, type: String }) statusChangedAt!: string | null;
}

export class LeadsQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() launchId?: string;
  @ApiPropertyOptional({ enum: LEAD_STATUSES }) @IsOptional() @IsIn(LEAD_STATUSES) status?: LeadStatus;
  @ApiPropertyOptional({ description: 'only leads shared with the vendor (true) or not yet (false)' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  shared?: boolean;
}

export class LeadContactView {
  @ApiProperty() email!: string;
  @ApiProperty({ nullable: true, type: String }) firstName!: string | null;
  @ApiProperty({ nullable: true, type: String }) lastName!: string | null;
  @ApiProperty({ nullable: true, type: String }) company!: string | null;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
}

export class LeadView {
  @ApiProperty() id!: string;
  @ApiProperty() partnerId!: string;
  @ApiProperty() partnerName!: string;
  @ApiProperty() launchId!: string;
  @ApiProperty() kitId!: string;
  @ApiProperty() kitName!: string;
  @ApiProperty({ example: 'landing_page' }) source!: string;
  @ApiProperty({ enum: LEAD_STATUSES }) status!: string;
  @ApiProperty({ enum: ['granted', 'unknown'] }) consent!: string;
  @ApiProperty({ nullable: true, type: String, description: 'the click that brought the visitor' }) clickId!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the asset (template.destination) of that click' }) assetKey!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ nullable: true, type: String }) statusChangedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) sharedWithVendorAt!: string | null;
  @ApiProperty({ type: LeadContactView, nullable: true, description: 'null for vendor users until the partner shares the lead' }) contact!: LeadContactView | null;

  static of(l: Lead): LeadView {
    return { ...l, createdAt: l.createdAt.toISOString(), statusChangedAt: l.statusChangedAt?.toISOString() ?? null, sharedWithVendorAt: l.sharedWithVendorAt?.toISOString() ?? null };
  }
}

export class LeadPageView {
  @ApiProperty({ type: [LeadView] }) items!: LeadView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** Leads in the partner's pipeline; a converted lead leaves its nurture sequences. */
@ApiTags('leads')
@ApiBearerAuth()
@Controller('api/v1/leads')
export class LeadsController {
  constructor(
    private readonly leads: LeadService,
    private readonly directory: LeadDirectoryService,
  ) {}

  @Can('read-leads')
  @Get()
  @ApiOkResponse({ type: LeadPageView, description: "partners: their own leads; vendor users: every lead, the contact only once the partner shared it" })
  async list(@CurrentUser() principal: Principal, @Query() query: LeadsQuery): Promise<LeadPageView> {
    const page = await this.directory.list(principal, query);
    return { items: page.items.map((l) => LeadView.of(l)), nextCursor: page.nextCursor };
  }

  @Can('read-leads')
  @Get(':id')
  @ApiOkResponse({ type: LeadView })
  async get(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<LeadView> {
    return LeadView.of(await this.directory.get(principal, id));
  }

  @Can('share-leads')
  @Post(':id/share')
  @HttpCode(200)
  @ApiOkResponse({ type: LeadView, description: 'shares the lead and its contact with the vendor (channel managers see the contact from now on)' })
  async share(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<LeadView> {
    return LeadView.of(await this.directory.share(principal, id));
  }

  @Can('set-lead-status')
  @Patch(':id')
  @ApiOkResponse({ type: LeadStatusView, description: 'partners set their own leads; the vendor only leads shared with it' })
  async setStatus(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: LeadStatusDto): Promise<LeadStatusView> {
    const lead = await this.leads.setStatus(principal, id, body.status);
    return { id: lead.id, status: lead.status, statusChangedAt: lead.statusChangedAt?.toISOString() ?? null };
  }
}
