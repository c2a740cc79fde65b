import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PageQuery, Principal, UuidPipe } from '@app/core';
import { AudiencePageView, AudienceService, AudienceView, ContactPageView, ContactView, CreateAudienceDto, UpdateAudienceDto } from '@app/contacts';
import { Can, CurrentUser } from '../auth/auth.decorators';

/** Saved filters over the caller's partner's contacts. Partner users only; other partners' audiences answer 404. */
@ApiTags('audiences')
@ApiBearerAuth()
@Controller('api/v1/audiences')
export class AudiencesController {
  constructor(private readonly audiences: AudienceService) {}

  @Can('manage-audiences')
  @Get()
  @ApiOkResponse({ type: AudiencePageView })
  async list(@CurrentUser() principal: Principal, @Query() query: PageQuery): Promise<AudiencePageView> {
    const page = await this.audiences.list(principal, query);
    return { items: page.items.map((a) => AudienceView.of(a, null)), nextCursor: page.nextCursor };
  }

  @Can('manage-audiences')
  @Post()
  @ApiCreatedResponse({ type: AudienceView })
  async create(@CurrentUser() principal: Principal, @Body() body: CreateAudienceDto): Promise<AudienceView> {
    const audience = await this.audiences.create(principal, body);
    return AudienceView.of(audience, await this.audiences.counts(audience));
  }

  @Can('manage-audiences')
  @Get(':id')
  @ApiOkResponse({ type: AudienceView })
  async get(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<AudienceView> {
    const audience = await this.audiences.get(principal, id);
    return AudienceView.of(audience, await this.audiences.counts(audience));
  }

  @Can('manage-audiences')
  @Patch(':id')
  @ApiOkResponse({ type: AudienceView })
  async update(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateAudienceDto): Promise<AudienceView> {
    const audience = await this.audiences.update(principal, id, body);
    return AudienceView.of(audience, await this.audiences.counts(audience));
  }

  @Can('manage-audiences')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.audiences.remove(principal, id);
  }

  @Can('manage-audiences')
  @Get(':id/contacts')
  @ApiOkResponse({ type: ContactPageView, description: 'sendable contacts (consent granted, not suppressed), keyset-paginated by id' })
  async contacts(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Query() query: PageQuery): Promise<ContactPageView> {
    const page = await this.audiences.sendableContactsOf(principal, id, query);
    return { items: page.items.map((c) => ContactView.of(c)), nextCursor: page.nextCursor };
  }
}
