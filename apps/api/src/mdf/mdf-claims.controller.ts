import { Body, Controller, Get, Header, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PageQuery, Principal, UuidPipe } from '@app/core';
import {
  ApproveClaimDto,
  Claim,
  ClaimDetail,
  ClaimListingPageDto,
  ClaimService,
  DecisionNoteDto,
  ListClaimsQuery,
  MarkPaidDto,
  ProofPackLinkDto,
  ReviewQueuePageDto,
  SubmitClaimDto,
  UpdateClaimDto,
} from '@app/mdf';
import { Can, CurrentUser, RequestId } from '../auth/auth.decorators';


/** Claims with proof of performance; only finance decides and pays them. */
@ApiTags('mdf')
@ApiBearerAuth()
@Controller('api/v1/mdf')
export class MdfClaimsController {
  constructor(private readonly claims: ClaimService) {}

  @Can('submit-mdf-claims')
  @Post('claims')
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'the same key returns the same claim, never a second one' })
  @ApiCreatedResponse({ type: Claim, description: '201 submitted (with its proof-of-performance pack); 200 when the Idempotency-Key was seen before (the same claim)' })
  async submit(
    @CurrentUser() principal: Principal,
    @Body() body: SubmitClaimDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
    @RequestId() requestId: string,
  ): Promise<Claim> {
    const { claim, created } = await this.claims.submit(principal, body, idempotencyKey, requestId);
    void reply.status(created ? 201 : 200);
    return claim;
  }

  @Can('read-mdf')
  @Get('claims')
  @ApiOkResponse({ type: ClaimListingPageDto, description: 'claims, oldest submission first (partners: their own)' })
  list(@CurrentUser() principal: Principal, @Query() query: ListClaimsQuery): Promise<ClaimListingPageDto> {
    return this.claims.list(principal, query);
  }

  @Can('read-mdf-finance')
  @Get('claims/review-queue')
  @ApiOkResponse({ type: ReviewQueuePageDto, description: 'claims waiting for finance, oldest first, with linked deals, cap and return' })
  queue(@Query() query: PageQuery): Promise<ReviewQueuePageDto> {
    return this.claims.reviewQueue(query);
  }

  @Can('read-mdf')
  @Get('claims/:id')
  @ApiOkResponse({ type: ClaimDetail, description: 'the claim with its request, proof files (download URLs), linked deals, reimbursement cap and return' })
  detail(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<ClaimDetail> {
    return this.claims.detail(principal, id);
  }

  @Can('read-mdf')
  @Get('claims/:id/proof-pack')
  @ApiOkResponse({ type: ProofPackLinkDto, description: 'a short-lived download URL of the proof-of-performance pack (HTML)' })
  proofPack(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<ProofPackLinkDto> {
    return this.claims.proofPackUrl(principal, id);
  }

  @Can('submit-mdf-claims')
  @Patch('claims/:id')
  @ApiOkResponse({ type: Claim, description: 'resubmits a claim finance asked more information about' })
  resubmit(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateClaimDto, @RequestId() requestId: string): Promise<Claim> {
    return this.claims.resubmit(principal, id, body, requestId);
  }

  @Can('review-mdf-claims')
  @Post('claims/:id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: Claim, description: 'settles the amount and releases the rest of the reservation; 422 MDF_REIMBURSEMENT_OVER_CAP above the cap' })
  approve(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: ApproveClaimDto, @RequestId() requestId: string): Promise<Claim> {
    return this.claims.approve(principal, id, body, requestId);
  }

  @Can('review-mdf-claims')
  @Post('claims/:id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: Claim, description: 'rejects the claim and releases its reservation' })
  reject(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: DecisionNoteDto, @RequestId() requestId: string): Promise<Claim> {
    return this.claims.reject(principal, id, body.note, requestId);
  }

  @Can('review-mdf-claims')
  @Post('claims/:id/request-info')
  @HttpCode(200)
  @ApiOkResponse({ type: Claim, description: 'the claim waits for the partner to resubmit it' })
  requestInfo(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: DecisionNoteDto, @RequestId() requestId: string): Promise<Claim> {
    return this.claims.requestInfo(principal, id, body.note, requestId);
  }

  @Can('review-mdf-claims')
  @Post('claims/:id/mark-paid')
  @HttpCode(200)
  @ApiOkResponse({ type: Claim, description: 'records the payment of an approved claim' })
  markPaid(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: MarkPaidDto, @RequestId() requestId: string): Promise<Claim> {
    return this.claims.markPaid(principal, id, body, requestId);
  }

  @Can('read-mdf-finance')
  @Get('payables.csv')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="mdf-payables.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'approved and paid claims, one row each' })
  payables(): Promise<string> {
    return this.claims.payablesCsv();
  }
}
