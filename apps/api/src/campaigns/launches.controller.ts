import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import {
  AutoLaunchDto,
  AutoLaunchOptInService,
  LaunchDetailView,
  LaunchLinkService,
  LaunchPageView,
  LaunchResults,
  LaunchService,
  LaunchStatusService,
  LaunchUsageService,
  LaunchView,
  ResultsService,
} from '@app/campaigns';
import { PageQuery, Principal, UuidPipe } from '@app/core';
import { Can, CurrentUser } from '../auth/auth.decorators';


export class ListLaunchesQuery extends PageQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  kitId?: string;

  @ApiPropertyOptional({ description: 'vendors only; partner users always see their own' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;
}

/** Launches: partners see and operate their own; vendors see all and operate on a partner's behalf. */
@ApiTags('launches')
@ApiBearerAuth()
@Controller('api/v1')
export class LaunchesController {
  constructor(
    private readonly launches: LaunchService,
    private readonly links: LaunchLinkService,
    private readonly usage: LaunchUsageService,
    private readonly statuses: LaunchStatusService,
    private readonly optInsOf: AutoLaunchOptInService,
    private readonly results: ResultsService,
  ) {}

  @Can('read-launches')
  @Get('launches')
  @ApiOkResponse({ type: LaunchPageView })
  async list(@CurrentUser() principal: Principal, @Query() query: ListLaunchesQuery): Promise<LaunchPageView> {
    const page = await this.launches.list(principal, query);
    return { items: page.items.map((l) => LaunchView.of(l)), nextCursor: page.nextCursor };
  }

  @Can('read-launches')
  @Get('launches/:id')
  @ApiOkResponse({ type: LaunchDetailView, description: 'with its trackable links and its banners' })
  async get(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<LaunchDetailView> {
    const { launch, updateAvailable } = await this.launches.get(principal, id);
    const links = (await this.links.linksOf(launch.id)).map((l) => ({ assetKey: l.assetKey, medium: l.medium, url: l.url, destinationUrl: l.destinationUrl, assetId: l.assetId, status: l.status }));
    return { ...LaunchView.of(launch, updateAvailable), links, renditions: await this.usage.renditionsOf(launch) };
  }

  @Can('read-launches')
  @Get('launches/:id/results')
  @ApiOkResponse({ type: LaunchResults, description: 'clicks (raw, filtered, unique, bots, scanners), approximate opens, leads, click-to-lead rate, per link' })
  async launchResults(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<LaunchResults> {
    return this.results.forLaunch(principal, id);
  }

  @Can('manage-launches')
  @Post('launches/:id/pause')
  @HttpCode(200)
  @ApiOkResponse({ type: LaunchView })
  async pause(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<LaunchView> {
    return LaunchView.of(await this.statuses.setStatus(principal, id, 'paused'));
  }

  @Can('manage-launches')
  @Post('launches/:id/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: LaunchView })
  async resume(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<LaunchView> {
    return LaunchView.of(await this.statuses.setStatus(principal, id, 'active'));
  }

  @Can('manage-launches')
  @Post('launches/:id/end')
  @HttpCode(200)
  @ApiOkResponse({ type: LaunchView, description: 'stops sending; links go to their fallback; the landing page says the campaign ended' })
  async end(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<LaunchView> {
    return LaunchView.of(await this.statuses.setStatus(principal, id, 'ended'));
  }

  @Can('read-launches')
  @Get('partners/:id/auto-launch')
  @ApiOkResponse({ type: AutoLaunchDto, description: 'the kit categories this partner launches automatically' })
  async optIns(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<AutoLaunchDto> {
    return { categories: await this.optInsOf.optIns(principal, id) };
  }

  @Can('set-auto-launch')
  @Put('partners/:id/auto-launch')
  @ApiOkResponse({ type: AutoLaunchDto })
  async setOptIns(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: AutoLaunchDto): Promise<AutoLaunchDto> {
    return { categories: await this.optInsOf.setOptIns(principal, id, body.categories) };
  }
}
