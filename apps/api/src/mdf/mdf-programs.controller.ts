import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Principal, UuidPipe } from '@app/core';
import {
  AdjustmentDto,
  AllocateDto,
  AllocationListDto,
  CreateProgramDto,
  FundAccount,
  FundAccountLedger,
  FundBalanceListDto,
  ListAccountsQuery,
  MetricsService,
  PartnerProgramMetrics,
  Program,
  ProgramListDto,
  ProgramMetrics,
  ProgramService,
} from '@app/mdf';
import { Can, CurrentUser, RequestId } from '../auth/auth.decorators';


/** MDF programs and fund balances: vendor admins configure and allocate; partners see only their own funds. */
@ApiTags('mdf')
@ApiBearerAuth()
@Controller('api/v1/mdf')
export class MdfProgramsController {
  constructor(
    private readonly programs: ProgramService,
    private readonly metrics: MetricsService,
  ) {}

  @Can('manage-mdf-programs')
  @Post('programs')
  @ApiCreatedResponse({ type: Program, description: 'the program with its allocation rules' })
  create(@CurrentUser() principal: Principal, @Body() body: CreateProgramDto, @RequestId() requestId: string): Promise<Program> {
    return this.programs.create(principal, body, requestId);
  }

  @Can('read-mdf')
  @Get('programs')
  @ApiOkResponse({ type: ProgramListDto, description: 'every program, newest period first' })
  async list(): Promise<ProgramListDto> {
    return { items: await this.programs.list() };
  }

  @Can('read-mdf')
  @Get('programs/:id')
  @ApiOkResponse({ type: Program })
  get(@Param('id', UuidPipe) id: string): Promise<Program> {
    return this.programs.get(id);
  }

  @Can('manage-mdf-programs')
  @Post('programs/:id/allocate')
  @HttpCode(200)
  @ApiOkResponse({ type: AllocationListDto, description: 'per partner what this run allocated; a partner allocated before gets nothing more' })
  async allocate(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: AllocateDto, @RequestId() requestId: string): Promise<AllocationListDto> {
    return { items: await this.programs.allocate(principal, id, body.partnerIds, requestId) };
  }

  @Can('manage-mdf-programs')
  @Post('programs/:id/adjustments')
  @ApiCreatedResponse({ type: FundAccount, description: 'the partner’s fund account after the adjustment' })
  adjust(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: AdjustmentDto, @RequestId() requestId: string): Promise<FundAccount> {
    return this.programs.adjust(principal, id, body, requestId);
  }

  @Can('read-mdf-program-metrics')
  @Get('programs/:id/metrics')
  @ApiOkResponse({ type: ProgramMetrics, description: 'per partner funds, utilisation and return; time-to-first-deal, active partner rate, partner-sourced pipeline' })
  programMetrics(@Param('id', UuidPipe) id: string): Promise<ProgramMetrics> {
    return this.metrics.forProgram(id);
  }

  @Can('read-mdf')
  @Get('programs/:id/partners/:partnerId/metrics')
  @ApiOkResponse({ type: PartnerProgramMetrics, description: 'one partner’s funds, claims, paid, utilisation and return per MDF dollar (partners: their own)' })
  partnerMetrics(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Param('partnerId', UuidPipe) partnerId: string): Promise<PartnerProgramMetrics> {
    return this.metrics.forPartner(principal, id, partnerId);
  }

  @Can('read-mdf')
  @Get('accounts')
  @ApiOkResponse({ type: FundBalanceListDto, description: 'fund accounts with what is available (partners: their own)' })
  async accounts(@CurrentUser() principal: Principal, @Query() query: ListAccountsQuery): Promise<FundBalanceListDto> {
    return { items: await this.programs.balances(principal, query) };
  }

  @Can('read-mdf')
  @Get('accounts/:id')
  @ApiOkResponse({ type: FundAccountLedger, description: 'one fund account with its ledger' })
  account(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<FundAccountLedger> {
    return this.programs.account(principal, id);
  }
}
