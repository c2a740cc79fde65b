import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CreateKitDto, KitPageView, KitResults, KitService, KitVersionView, KitView, LaunchDto, LaunchService, LaunchView, ListKitsQuery, ResultsService, UpdateKitDto } from '@app/campaigns';
import { isPartnerRole, Principal, UuidPipe, ValidationFailedError } from '@app/core';
import { Can, CurrentUser } from '../auth/auth.decorators';

const IDEMPOTENCY_KEY = /^[\w.:-]{1,100}$/;

/**
 * Campaign kits. Vendors see every kit; partners see a catalog of the published kits they are
 * eligible for and that are available now. Any other kit answers 404 to a partner, not 403.
 */
@ApiTags('kits')
@ApiBearerAuth()
@Controller('api/v1/kits')
export class KitsController {
  constructor(
    private readonly kits: KitService,
    private readonly launches: LaunchService,
    private readonly results: ResultsService,
  ) {}

  @Can('read-kit-results')
  @Get(':id/results')
  @ApiOkResponse({ type: KitResults, description: 'adoption by tier (launched of eligible partners) and totals: launches, sends, raw/filtered/unique clicks, opens, leads, click-to-lead rate' })
  async kitResults(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<KitResults> {
    return this.results.forKit(principal, id);
  }

  @Can('read-kits')
  @Get()
  @ApiOkResponse({ type: KitPageView, description: 'by slug; partners: the catalog (published kits they are eligible for, available now)' })
  async list(@CurrentUser() principal: Principal, @Query() query: ListKitsQuery): Promise<KitPageView> {
    const page = await this.kits.list(principal, query);
    return { items: page.items.map(({ kit, version, publishedVersion }) => KitView.of(kit, version, publishedVersion)), nextCursor: page.nextCursor };
  }

  @Can('author-kits')
  @Post()
  @ApiCreatedResponse({ type: KitView })
  async create(@CurrentUser() principal: Principal, @Body() body: CreateKitDto): Promise<KitView> {
    const { kit, version } = await this.kits.create(principal, body);
    return KitView.of(kit, version, null);
  }

  @Can('read-kits')
  @Get(':id')
  @ApiOkResponse({ type: KitView, description: 'with its library assets and the referenced assets that are withdrawn or replaced' })
  async get(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<KitView> {
    const { kit, version } = await this.kits.get(principal, id);
    const [publication, assets] = await Promise.all([isPartnerRole(principal.role) ? undefined : this.kits.publication(kit), this.kits.assetSummary(version)]);
    return KitView.of(kit, version, publication ? publication.publishedVersion : version.version, publication?.autoLaunch, assets);
  }

  @Can('author-kits')
  @Patch(':id')
  @ApiOkResponse({ type: KitVersionView, description: 'the draft; editing a published kit starts its next version (running launches keep theirs)' })
  async update(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateKitDto): Promise<KitVersionView> {
    return KitVersionView.of(await this.kits.updateDraft(principal, id, body));
  }

  @Can('author-kits')
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: KitView, description: 'publishes the draft and auto-launches it for opted-in eligible partners' })
  async publish(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<KitView> {
    const { kit, version, autoLaunch } = await this.kits.publish(principal, id);
    return KitView.of(kit, version, version.version, autoLaunch);
  }

  @Can('author-kits')
  @Post(':id/retire')
  @HttpCode(200)
  @ApiOkResponse({ type: KitView, description: 'no new launches; live launches end' })
  async retire(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<KitView> {
    await this.kits.retire(principal, id);
    const { kit, version } = await this.kits.get(principal, id);
    return KitView.of(kit, version, await this.kits.publishedVersionOf(kit.id));
  }

  @Can('launch-kits')
  @Post(':id/launches')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key returns the same launch, never a second one' })
  @ApiCreatedResponse({ type: LaunchView, description: '201 launched; 200 when the Idempotency-Key was seen before (the same launch)' })
  async launch(
    @CurrentUser() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: LaunchDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LaunchView> {
    if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
      throw ValidationFailedError.field('Idempotency-Key', 'must be 1 to 100 letters, digits, _ . : or -');
    }
    const { launch, created } = await this.launches.launch(principal, id, body, idempotencyKey ?? null);
    void reply.status(created ? 201 : 200);
    return LaunchView.of(launch);
  }
}
