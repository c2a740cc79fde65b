import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Principal, UuidPipe } from '@app/core';
import {
  ApproveRequestDto,
  ClaimFileListDto,
  ClaimService,
  CreateRequestDto,
  DecisionNoteDto,
  ListRequestsQuery,
  MDF_FILE_MAX_BYTES,
  MdfFile,
  MdfRequest,
  MdfRequestPageDto,
  RequestService,
  UpdateRequestDto,
  UploadFileQuery,
} from '@app/mdf';
import { Can, CurrentUser, RequestId } from '../auth/auth.decorators';
import { readSingleUpload } from '../http/multipart';

/** Pre-approval requests: partners submit, channel managers approve (reserving the funds), ask for more, or reject. */
@ApiTags('mdf')
@ApiBearerAuth()
@Controller('api/v1/mdf/requests')
export class MdfRequestsController {
  constructor(
    private readonly requests: RequestService,
    private readonly claims: ClaimService,
  ) {}

  @Can('submit-mdf-requests')
  @Post()
  @ApiCreatedResponse({ type: MdfRequest, description: 'the submitted request' })
  create(@CurrentUser() principal: Principal, @Body() body: CreateRequestDto, @RequestId() requestId: string): Promise<MdfRequest> {
    return this.requests.create(principal, body, requestId);
  }

  @Can('read-mdf')
  @Get()
  @ApiOkResponse({ type: MdfRequestPageDto, description: 'requests, oldest submission first (partners: their own); ?status=submitted is the approval queue' })
  list(@CurrentUser() principal: Principal, @Query() query: ListRequestsQuery): Promise<MdfRequestPageDto> {
    return this.requests.list(principal, query);
  }

  @Can('read-mdf')
  @Get(':id')
  @ApiOkResponse({ type: MdfRequest })
  get(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<MdfRequest> {
    return this.requests.get(principal, id);
  }

  @Can('submit-mdf-requests')
  @Patch(':id')
  @ApiOkResponse({ type: MdfRequest, description: 'resubmits a request the channel manager asked more information about' })
  resubmit(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateRequestDto, @RequestId() requestId: string): Promise<MdfRequest> {
    return this.requests.resubmit(principal, id, body, requestId);
  }

  @Can('decide-mdf-requests')
  @Post(':id/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: MdfRequest, description: 'approved (all or part); the amount is reserved. 409 MDF_FUND_INSUFFICIENT when the balance is short; 403 MDF_MAKER_CHECKER for its submitter' })
  approve(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: ApproveRequestDto, @RequestId() requestId: string): Promise<MdfRequest> {
    return this.requests.approve(principal, id, body, requestId);
  }

  @Can('decide-mdf-requests')
  @Post(':id/request-info')
  @HttpCode(200)
  @ApiOkResponse({ type: MdfRequest, description: 'the request waits for the partner to resubmit it' })
  requestInfo(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: DecisionNoteDto, @RequestId() requestId: string): Promise<MdfRequest> {
    return this.requests.requestInfo(principal, id, body.note, requestId);
  }

  @Can('decide-mdf-requests')
  @Post(':id/reject')
  @HttpCode(200)
  @ApiOkResponse({ type: MdfRequest })
  reject(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: DecisionNoteDto, @RequestId() requestId: string): Promise<MdfRequest> {
    return this.requests.reject(principal, id, body.note, requestId);
  }

  @Can('submit-mdf-claims')
  @Post(':id/files')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({ type: MdfFile, description: 'an invoice or proof file (PDF, PNG, JPEG or WebP, read from its content) for the claim of an approved request' })
  async upload(
    @CurrentUser() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Query() query: UploadFileQuery,
    @Req() request: FastifyRequest,
    @RequestId() requestId: string,
  ): Promise<MdfFile> {
    // Scope first: another partner's request is not found before the upload is read.
    const mdfRequest = await this.claims.requestForUpload(principal, id);
    const { data, fileName } = await readSingleUpload(request, MDF_FILE_MAX_BYTES);
    return this.claims.uploadFile(principal, mdfRequest, query.kind, { data, fileName }, requestId);
  }

  @Can('read-mdf')
  @Get(':id/files')
  @ApiOkResponse({ type: ClaimFileListDto, description: 'files uploaded for the request that no claim was submitted with yet, with short-lived download URLs' })
  async files(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<ClaimFileListDto> {
    return { items: await this.claims.unclaimedFiles(principal, id) };
  }

  @Can('submit-mdf-claims')
  @Delete(':id/files/:fileId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the file and its stored copy are deleted; 409 MDF_FILE_CLAIMED when a claim was submitted with it' })
  deleteFile(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Param('fileId', UuidPipe) fileId: string, @RequestId() requestId: string): Promise<void> {
    return this.claims.deleteFile(principal, id, fileId, requestId);
  }
}
