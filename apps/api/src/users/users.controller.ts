import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { decodeCursor, InviteService, InviteVendorUserDto, isCreatedAtCursor, PageQuery, Principal, SystemStateService, toPage, UserRepository, UserView } from '@app/core';
import { Can, CurrentUser, RequestId } from '../auth/auth.decorators';

export class UserPageView {
  @ApiProperty({ type: [UserView] }) items!: UserView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

/** Vendor staff accounts. Partner users are managed under /partners/:id/users. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1/users')
export class UsersController {
  constructor(
    private readonly users: UserRepository,
    private readonly invites: InviteService,
    private readonly state: SystemStateService,
  ) {}

  @Can('manage-vendor-users')
  @Get()
  @ApiOkResponse({ type: UserPageView })
  async list(@Query() query: PageQuery): Promise<UserPageView> {
    const limit = query.limit ?? 25;
    const after = decodeCursor(query.cursor, 2, isCreatedAtCursor);
    const rows = await this.users.listMembers(null, {
      limit: limit + 1,
      ...(after ? { after: { createdAt: new Date(String(after[0])), id: String(after[1]) } } : {}),
    });
    const page = toPage(rows, limit, (u) => [u.createdAt.toISOString(), u.id]);
    return { items: page.items.map((u) => UserView.of(u)), nextCursor: page.nextCursor };
  }

  @Can('manage-vendor-users')
  @Post()
  @ApiCreatedResponse({ type: UserView, description: 'the invited user; the invitation email is on its way' })
  async invite(@CurrentUser() principal: Principal, @Body() body: InviteVendorUserDto, @RequestId() requestId: string): Promise<UserView> {
    const vendor = await this.state.get<{ name: string }>('vendor');
    const user = await this.invites.invite({ ...body, partnerId: null, organisationName: vendor?.value.name ?? 'ChannelKit' }, principal, requestId);
    return UserView.of(user);
  }
}
