import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { LEAD_STATUSES, LeadService, LeadStatus } from '@app/campaigns';
import { Principal, UuidPipe } from '@app/core';
import { CurrentUser, Roles } from '../auth/auth.decorators';

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

/** Leads in the partner's pipeline; a converted lead leaves its nurture sequences. */
@ApiTags('leads')
@ApiBearerAuth()
@Controller('api/v1/leads')
export class LeadsController {
  constructor(private readonly leads: LeadService) {}

  @Roles('partner_admin', 'partner_user', 'vendor_admin', 'channel_manager')
  @Patch(':id')
  @ApiOkResponse({ type: LeadStatusView, description: 'partners set their own leads; the vendor only leads shared with it' })
  async setStatus(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: LeadStatusDto): Promise<LeadStatusView> {
    const lead = await this.leads.setStatus(principal, id, body.status);
    return { id: lead.id, status: lead.status, statusChangedAt: lead.statusChangedAt?.toISOString() ?? null };
  }
}
