import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AcceptInviteDto, ApiTokenView, AuthService, CreateApiTokenDto, CreatedApiTokenView, InviteService, LoginDto, NotFoundError, Principal, SessionView, UserRepository, UserView, UuidPipe } from '@app/core';
import { Can, CurrentUser, Public } from './auth.decorators';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly invites: InviteService,
    private readonly users: UserRepository,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionView, description: 'a session token; 401 on bad credentials, 429 when rate-limited' })
  async login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<SessionView> {
    const { session, user } = await this.auth.login(body.email, body.password, request.ip);
    return { token: session.token, expiresAt: session.expiresAt!.toISOString(), user: UserView.of(user) };
  }

  @Public()
  @Post('invites/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: SessionView, description: 'sets the password and logs in; 410 when the link is used or expired' })
  async acceptInvite(@Body() body: AcceptInviteDto): Promise<SessionView> {
    const { session, user } = await this.invites.accept(body.token, body.password);
    return { token: session.token, expiresAt: session.expiresAt!.toISOString(), user: UserView.of(user) };
  }

  @Can('use-account')
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'revokes the token used for this request' })
  async logout(@CurrentUser() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  @Can('use-account')
  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: UserView })
  async me(@CurrentUser() principal: Principal): Promise<UserView> {
    const user = await this.users.findById(principal.userId);
    if (!user) throw new NotFoundError('User');
    return UserView.of(user);
  }

  @Can('use-account')
  @ApiBearerAuth()
  @Post('tokens')
  @ApiCreatedResponse({ type: CreatedApiTokenView })
  async createToken(@CurrentUser() principal: Principal, @Body() body: CreateApiTokenDto): Promise<CreatedApiTokenView> {
    const issued = await this.auth.createApiToken(principal, body.name, body.expiresInDays ?? null);
    return { ...ApiTokenView.of(issued.record), token: issued.token };
  }

  @Can('use-account')
  @ApiBearerAuth()
  @Get('tokens')
  @ApiOkResponse({ type: [ApiTokenView], description: 'your personal API tokens (never their secrets)' })
  async listTokens(@CurrentUser() principal: Principal): Promise<ApiTokenView[]> {
    return (await this.auth.listApiTokens(principal)).map((t) => ApiTokenView.of(t));
  }

  @Can('use-account')
  @ApiBearerAuth()
  @Delete('tokens/:id')
  @HttpCode(204)
  async revokeToken(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<void> {
    await this.auth.revokeApiToken(principal, id);
  }
}
