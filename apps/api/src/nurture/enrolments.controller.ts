import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ownPartnerScope, Principal, UuidPipe } from '@app/core';
import { CONTACT_ENROLMENTS_REFUSAL, ENROL_LIMITS, EnrolDto, EnrolmentDetailView, EnrolmentMessageView, EnrolmentPageView, EnrolmentService, EnrolmentView, EnrolReportView, EnrolResultView, ListEnrolmentsQuery } from '@app/nurture';
import { Can, CurrentUser } from '../auth/auth.decorators';
import { readSingleFile } from '../http/multipart';


/**
 * Enrolments. A partner's of its own contacts (contact lists are the partner's, and another
 * partner's sequence, contact, audience or enrolment answers 404); the vendor's of partner users in
 * its partner-facing sequences (vendors never read a partner's contact enrolments).
 */
@ApiTags('nurture')
@ApiBearerAuth()
@Controller('api/v1')
export class EnrolmentsController {
  constructor(private readonly enrolments: EnrolmentService) {}

  @Can('manage-enrolments')
  @Post('sequences/:id/enrolments')
  @HttpCode(200)
  @ApiOkResponse({
    type: EnrolReportView,
    description:
      'partners: contacts (or a saved audience’s sendable contacts) join a kit sequence; vendors: partner users (by user, partner or tier) join a partner-facing sequence. ' +
      'Each recipient at most once at a time; one outcome per recipient',
  })
  async enrol(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: EnrolDto): Promise<EnrolReportView> {
    const report = await this.enrolments.enrol(principal, id, body);
    return { enrolled: report.enrolled, results: report.results.map((r) => EnrolResultView.of(r)) };
  }

  @Can('enrol-own-contacts')
  @Post('sequences/:id/enrolments/csv')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: EnrolReportView, description: `UTF-8 CSV with an "email" column (or one column of addresses) of your existing contacts, at most ${ENROL_LIMITS.csvRows} rows; one outcome per row` })
  async enrolCsv(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Req() request: FastifyRequest): Promise<EnrolReportView> {
    ownPartnerScope(principal, CONTACT_ENROLMENTS_REFUSAL);
    const file = await readSingleFile(request, ENROL_LIMITS.csvBytes);
    const report = await this.enrolments.enrolCsv(principal, id, file);
    return { enrolled: report.enrolled, results: report.results.map((r) => EnrolResultView.of(r)) };
  }

  @Can('manage-enrolments')
  @Get('enrolments')
  @ApiOkResponse({ type: EnrolmentPageView, description: 'partners: their own; vendors: those of the partner-facing sequence given as sequenceId' })
  async list(@CurrentUser() principal: Principal, @Query() query: ListEnrolmentsQuery): Promise<EnrolmentPageView> {
    const page = await this.enrolments.list(principal, query);
    return { items: page.items.map((e) => EnrolmentView.of(e)), nextCursor: page.nextCursor };
  }

  @Can('manage-enrolments')
  @Get('enrolments/:id')
  @ApiOkResponse({ type: EnrolmentDetailView, description: 'with its messages and each message’s status history' })
  async get(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<EnrolmentDetailView> {
    const { enrolment, messages } = await this.enrolments.get(principal, id);
    return { ...EnrolmentView.of(enrolment), messages: messages.map((m) => EnrolmentMessageView.of(m)) };
  }

  @Can('enrol-own-contacts')
  @Post('enrolments/:id/replied')
  @HttpCode(200)
  @ApiOkResponse({ type: EnrolmentView, description: 'the contact replied: the enrolment ends when the sequence exits on replies' })
  async replied(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<EnrolmentView> {
    return EnrolmentView.of(await this.enrolments.markReplied(principal, id));
  }

  @Can('manage-enrolments')
  @Post('enrolments/:id/unenrol')
  @HttpCode(200)
  @ApiOkResponse({ type: EnrolmentView, description: 'takes the contact (vendors: the partner user) out; emails not yet sent are cancelled' })
  async unenrol(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<EnrolmentView> {
    return EnrolmentView.of(await this.enrolments.unenrol(principal, id));
  }
}
