import { Body, Controller, Get, Header, HttpCode, Param, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { PageQuery, Principal, UuidPipe } from '@app/core';
import {
  ApproveDealDto,
  ConflictQueueItemView,
  ConflictQueuePageView,
  DEAL_IMPORT_LIMITS,
  DealCsvService,
  DealDetailView,
  DealImportReportView,
  DealPageView,
  DealService,
  DealView,
  DEFAULT_PROTECTION_DAYS,
  ExtendDealDto,
  ListDealsQuery,
  RegisterDealDto,
  RejectDealDto,
  WonDealDto,
} from '@app/deals';
import { Can, CurrentUser, RequestId } from '../auth/auth.decorators';
import { readSingleFile } from '../http/multipart';


/**
 * Deal registrations. Partner users see and act on their own partner's deals only (another
 * partner's answers 404); vendor users see all, channel managers decide and see conflicts.
 */
@ApiTags('deals')
@ApiBearerAuth()
@Controller('api/v1/deals')
export class DealsController {
  constructor(
    private readonly deals: DealService,
    private readonly csv: DealCsvService,
  ) {}

  @Can('register-deals')
  @Post()
  @ApiCreatedResponse({ type: DealDetailView, description: 'submitted; checked for conflicts with other partners and vendor opportunities' })
  async register(@CurrentUser() principal: Principal, @Body() body: RegisterDealDto, @RequestId() requestId: string): Promise<DealDetailView> {
    return DealDetailView.ofDetail(await this.deals.register(principal, body, requestId));
  }

  @Can('read-deals')
  @Get()
  @ApiOkResponse({ type: DealPageView, description: 'newest first' })
  async list(@CurrentUser() principal: Principal, @Query() query: ListDealsQuery): Promise<DealPageView> {
    const page = await this.deals.list(principal, query);
    return { items: page.items.map((d) => DealView.of(d)), nextCursor: page.nextCursor };
  }

  @Can('decide-deals')
  @Get('conflicts')
  @ApiOkResponse({ type: ConflictQueuePageView, description: 'submitted registrations with a conflict, oldest first, beside what they collide with' })
  async conflicts(@Query() query: PageQuery): Promise<ConflictQueuePageView> {
    const page = await this.deals.conflictQueue(query);
    return { items: page.items.map((i) => ConflictQueueItemView.of(i)), nextCursor: page.nextCursor };
  }

  @Can('read-deals')
  @Get('export.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="deal-registrations.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'one row per registration (a partner its own, vendor users all), columns mapped to a CRM opportunity' })
  exportCsv(@CurrentUser() principal: Principal): StreamableFile {
    return new StreamableFile(Readable.from(this.csv.export(principal)));
  }

  @Can('import-crm-deals')
  @Post('imports')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({
    type: DealImportReportView,
    description: `UTF-8 CSV with a header row (the export's columns work), at most ${DEAL_IMPORT_LIMITS.maxBytes} bytes and ${DEAL_IMPORT_LIMITS.maxRows} rows; bad rows are reported, not fatal`,
  })
  async import(@CurrentUser() principal: Principal, @Req() request: FastifyRequest, @RequestId() requestId: string): Promise<DealImportReportView> {
    const file = await readSingleFile(request, DEAL_IMPORT_LIMITS.maxBytes);
    return this.csv.import(principal, file, requestId);
  }

  @Can('read-deals')
  @Get(':id')
  @ApiOkResponse({ type: DealDetailView })
  async get(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<DealDetailView> {
    return DealDetailView.ofDetail(await this.deals.get(principal, id));
  }

  @Can('decide-deals')
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: DealView, description: `protected from conflict for protectionDays (default ${DEFAULT_PROTECTION_DAYS}), then expired unless extended` })
  async approve(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: ApproveDealDto, @RequestId() requestId: string): Promise<DealView> {
    return DealView.of(await this.deals.approve(principal, id, body, requestId));
  }

  @Can('decide-deals')
  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: DealView })
  async reject(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: RejectDealDto, @RequestId() requestId: string): Promise<DealView> {
    return DealView.of(await this.deals.reject(principal, id, body.reason, requestId));
  }

  @Can('decide-deals')
  @Post(':id/extend')
  @HttpCode(200)
  @ApiOkResponse({ type: DealView, description: `adds days (default ${DEFAULT_PROTECTION_DAYS}) to the end of an approved deal's protection` })
  async extend(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: ExtendDealDto, @RequestId() requestId: string): Promise<DealView> {
    return DealView.of(await this.deals.extend(principal, id, body.days ?? DEFAULT_PROTECTION_DAYS, requestId));
  }

  @Can('close-deals')
  @Post(':id/won')
  @HttpCode(200)
  @ApiOkResponse({ type: DealView })
  async won(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: WonDealDto, @RequestId() requestId: string): Promise<DealView> {
    return DealView.of(await this.deals.won(principal, id, body.finalAmountCents, requestId));
  }

  @Can('close-deals')
  @Post(':id/lost')
  @HttpCode(200)
  @ApiOkResponse({ type: DealView })
  async lost(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @RequestId() requestId: string): Promise<DealView> {
    return DealView.of(await this.deals.lost(principal, id, requestId));
  }
}
