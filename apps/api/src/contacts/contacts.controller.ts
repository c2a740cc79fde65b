import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ownPartnerScope, Principal, UuidPipe } from '@app/core';
import {
  CONTACT_IMPORT_LIMITS,
  ContactImportService,
  ContactPageView,
  ContactService,
  ContactView,
  CONTACT_LISTS_REFUSAL,
  ImportCreatedView,
  ImportReportQuery,
  ImportReportView,
  ImportRowView,
  ImportSummaryView,
  ListContactsQuery,
  UpdateContactDto,
} from '@app/contacts';
import { Can, CurrentUser, RequestId } from '../auth/auth.decorators';
import { readSingleFile } from '../http/multipart';

/**
 * A partner's contacts and their CSV imports. Partner users only, scoped to their own partner:
 * contact lists are the partner's, so vendor users get 403 here (see ContactEntity.sharedWithVendorAt
 * for the lead/deal hook), and another partner's contact or import answers 404.
 */
@ApiTags('contacts')
@ApiBearerAuth()
@Controller('api/v1/contacts')
export class ContactsController {
  constructor(
    private readonly contacts: ContactService,
    private readonly imports: ContactImportService,
  ) {}

  @Can('manage-contacts')
  @Post('imports')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({
    type: ImportCreatedView,
    description: `UTF-8 CSV with a header row, at most ${CONTACT_IMPORT_LIMITS.maxBytes} bytes and ${CONTACT_IMPORT_LIMITS.maxRows} rows; bad rows are reported, not fatal`,
  })
  async import(@CurrentUser() principal: Principal, @Req() request: FastifyRequest, @RequestId() requestId: string): Promise<ImportCreatedView> {
    ownPartnerScope(principal, CONTACT_LISTS_REFUSAL);
    const file = await readSingleFile(request, CONTACT_IMPORT_LIMITS.maxBytes);
    const { summary, firstRejected } = await this.imports.import(principal, file, null, requestId);
    return {
      ...ImportSummaryView.of(summary),
      firstRejected: firstRejected.map((r) => ({ row: r.rowNumber, outcome: r.outcome, email: r.email, contactId: r.contactId, errors: r.errors })),
    };
  }

  @Can('manage-contacts')
  @Get('imports/:id')
  @ApiOkResponse({ type: ImportReportView, description: 'the summary and one page of per-row outcomes, in file order' })
  async report(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Query() query: ImportReportQuery): Promise<ImportReportView> {
    const { summary, rows, nextCursor } = await this.imports.report(principal, id, query);
    return { ...ImportSummaryView.of(summary), rows: rows.map((r) => ImportRowView.of(r)), nextCursor };
  }

  @Can('manage-contacts')
  @Get()
  @ApiOkResponse({ type: ContactPageView })
  async list(@CurrentUser() principal: Principal, @Query() query: ListContactsQuery): Promise<ContactPageView> {
    const page = await this.contacts.list(principal, query);
    return { items: page.items.map((c) => ContactView.of(c)), nextCursor: page.nextCursor };
  }

  @Can('manage-contacts')
  @Get(':id')
  @ApiOkResponse({ type: ContactView })
  async get(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<ContactView> {
    return ContactView.of(await this.contacts.get(principal, id));
  }

  @Can('manage-contacts')
  @Patch(':id')
  @ApiOkResponse({ type: ContactView })
  async update(
    @CurrentUser() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateContactDto,
    @RequestId() requestId: string,
  ): Promise<ContactView> {
    return ContactView.of(await this.contacts.update(principal, id, body, requestId));
  }

  @Can('manage-contacts')
  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'deleted; a suppression of the address, if any, is kept' })
  async remove(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @RequestId() requestId: string): Promise<void> {
    await this.contacts.remove(principal, id, requestId);
  }
}
