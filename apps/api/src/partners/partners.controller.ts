import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, InvitePartnerUserDto, PageQuery, Principal, UserView, UuidPipe } from '@app/core';
import type { AppConfig } from '@app/core';
import { CreatePartnerDto, ListPartnersQuery, LogoView, PartnerPageView, PartnerService, PartnerView, UpdatePartnerDto } from '@app/partners';
import { Can, CurrentUser, RequestId } from '../auth/auth.decorators';
import { readSingleFile } from '../http/multipart';
import { UserPageView } from '../users/users.controller';

/**
 * Partner organisations. Vendor users see every partner; partner users only their own, and any
 * other id answers 404.
 */
@ApiTags('partners')
@ApiBearerAuth()
@Controller('api/v1/partners')
export class PartnersController {
  constructor(
    private readonly partners: PartnerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Can('read-partners')
  @Get()
  @ApiOkResponse({ type: PartnerPageView })
  async list(@CurrentUser() principal: Principal, @Query() query: ListPartnersQuery): Promise<PartnerPageView> {
    const page = await this.partners.list(principal, query);
    return { items: page.items.map((p) => PartnerView.of(p)), nextCursor: page.nextCursor };
  }

  @Can('create-partners')
  @Post()
  @ApiCreatedResponse({ type: PartnerView })
  async create(@CurrentUser() principal: Principal, @Body() body: CreatePartnerDto, @RequestId() requestId: string): Promise<PartnerView> {
    return PartnerView.of(await this.partners.create(principal, body, requestId));
  }

  @Can('read-partners')
  @Get(':id')
  @ApiOkResponse({ type: PartnerView })
  async get(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<PartnerView> {
    return PartnerView.of(await this.partners.get(principal, id));
  }

  @Can('edit-partner-profile')
  @Patch(':id')
  @ApiOkResponse({ type: PartnerView, description: 'partner admins may change profile fields of their own partner only' })
  async update(
    @CurrentUser() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdatePartnerDto,
    @RequestId() requestId: string,
  ): Promise<PartnerView> {
    return PartnerView.of(await this.partners.update(principal, id, body, requestId));
  }

  @Can('edit-partner-profile')
  @Put(':id/logo')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: PartnerView, description: 'PNG, JPEG, WebP or plain SVG; normalised to a trimmed PNG' })
  async uploadLogo(
    @CurrentUser() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Req() request: FastifyRequest,
    @RequestId() requestId: string,
  ): Promise<PartnerView> {
    // Scope first: a partner admin learns nothing about another partner, not even upload limits.
    await this.partners.get(principal, id);
    const upload = await readSingleFile(request, this.config.uploads.logoMaxBytes);
    return PartnerView.of(await this.partners.setLogo(principal, id, upload, requestId));
  }

  @Can('read-partners')
  @Get(':id/logo')
  @ApiOkResponse({ type: LogoView })
  async logo(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<LogoView> {
    const { url, partner } = await this.partners.logoUrl(principal, id);
    return { url, width: partner.logoWidth ?? 0, height: partner.logoHeight ?? 0, profileVersion: partner.profileVersion };
  }

  @Can('read-partners')
  @Get(':id/users')
  @ApiOkResponse({ type: UserPageView })
  async users(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Query() query: PageQuery): Promise<UserPageView> {
    const page = await this.partners.listUsers(principal, id, query);
    return { items: page.items.map((u) => UserView.of(u)), nextCursor: page.nextCursor };
  }

  @Can('manage-partner-users')
  @Post(':id/users')
  @ApiCreatedResponse({ type: UserView, description: 'the invited user; the invitation email is on its way' })
  async invite(
    @CurrentUser() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: InvitePartnerUserDto,
    @RequestId() requestId: string,
  ): Promise<UserView> {
    return UserView.of(await this.partners.inviteUser(principal, id, body, requestId));
  }

  @Can('manage-partner-users')
  @Post(':id/users/:userId/disable')
  @HttpCode(200)
  @ApiOkResponse({ type: UserView, description: 'signed out at once and refused at login; 409 USER_CANNOT_DISABLE_SELF for your own account' })
  async disableUser(
    @CurrentUser() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Param('userId', UuidPipe) userId: string,
    @RequestId() requestId: string,
  ): Promise<UserView> {
    return UserView.of(await this.partners.disableUser(principal, id, userId, requestId));
  }
}
