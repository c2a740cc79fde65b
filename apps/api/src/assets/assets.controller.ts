import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Principal, UuidPipe } from '@app/core';
import {
  AssetDetailDto,
  AssetOwnerDto,
  AssetPageDto,
  AssetService,
  AssetUploadService,
  AssetVersionDto,
  BulkExtendDto,
  BulkExtendReportDto,
  CreateAssetDto,
  EligibilityImpactDto,
  EligibilityImpactQueryDto,
  ListAssetsQuery,
  UpdateAssetDto,
  WhoUses,
} from '@app/assets';
import { Can, CurrentUser, RequestId } from '../auth/auth.decorators';
import { streamSingleFile } from './asset-multipart';

/** The vendor's asset library: metadata, dates, successors, files, archive and bulk extension. */
@ApiTags('assets')
@ApiBearerAuth()
@Controller('api/v1/assets')
export class AssetsController {
  constructor(
    private readonly assets: AssetService,
    private readonly uploads: AssetUploadService,
  ) {}

  @Can('manage-assets')
  @Post()
  @ApiCreatedResponse({ type: AssetDetailDto, description: 'the asset (no file yet: upload one to POST /api/v1/assets/{id}/versions); 422 naming the field for a bad owner, dates or successor' })
  create(@CurrentUser() principal: Principal, @Body() body: CreateAssetDto, @RequestId() requestId: string): Promise<AssetDetailDto> {
    return this.assets.create(principal, body, requestId);
  }

  @Can('read-assets')
  @Get()
  @ApiOkResponse({ type: AssetPageDto, description: 'every asset, newest first, filtered by q (title, description, tags), type, tag, status (now) and owner' })
  list(@Query() query: ListAssetsQuery): Promise<AssetPageDto> {
    return this.assets.list(query);
  }

  @Can('manage-assets')
  @Post('bulk-extend')
  @HttpCode(200)
  @ApiOkResponse({ type: BulkExtendReportDto, description: 'each asset extended, or why not (not found, archived, already later, published later)' })
  bulkExtend(@CurrentUser() principal: Principal, @Body() body: BulkExtendDto, @RequestId() requestId: string): Promise<BulkExtendReportDto> {
    return this.assets.bulkExtend(principal, body, requestId);
  }

  @Can('read-assets')
  @Get('owners')
  @ApiOkResponse({ type: [AssetOwnerDto], description: 'who may own an asset: the active vendor users, by name' })
  owners(): Promise<AssetOwnerDto[]> {
    return this.assets.owners();
  }

  @Can('read-assets')
  @Get(':id')
  @ApiOkResponse({ type: AssetDetailDto, description: 'the asset with its versions (newest first), successor and thumbnail URL' })
  detail(@Param('id', UuidPipe) id: string): Promise<AssetDetailDto> {
    return this.assets.detail(id);
  }

  @Can('manage-assets')
  @Patch(':id')
  @ApiOkResponse({
    type: AssetDetailDto,
    description:
      'changes what is sent, leaves the rest. expiresAt null: never expires; successorId null: no successor; 400 naming a malformed or null field; 422 naming a bad owner, tier, partner, date or successor; 409 ASSET_ARCHIVED for an archived asset',
  })
  update(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateAssetDto, @RequestId() requestId: string): Promise<AssetDetailDto> {
    return this.assets.update(principal, id, body, requestId);
  }

  @Can('manage-assets')
  @Post(':id/eligibility-impact')
  @HttpCode(200)
  @ApiOkResponse({
    type: EligibilityImpactDto,
    description:
      'changes nothing: the partners who would lose the asset from their library under this eligibility, and those of them whose live launches use it (the launches keep it)',
  })
  eligibilityImpact(@Param('id', UuidPipe) id: string, @Body() body: EligibilityImpactQueryDto): Promise<EligibilityImpactDto> {
    return this.assets.eligibilityImpact(id, body.eligibility);
  }

  @Can('manage-assets')
  @Post(':id/archive')
  @HttpCode(200)
  @ApiOkResponse({ type: AssetDetailDto, description: 'withdraws the asset for good: what uses it moves to its successor or is held' })
  archive(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @RequestId() requestId: string): Promise<AssetDetailDto> {
    return this.assets.archive(principal, id, requestId);
  }

  @Can('read-assets')
  @Get(':id/usage')
  @ApiOkResponse({ type: WhoUses, description: 'who uses this asset: live launches, partners, references by kind, and each reference' })
  usage(@Param('id', UuidPipe) id: string): Promise<WhoUses> {
    return this.assets.whoUses(id);
  }

  @Can('read-assets')
  @Get(':id/versions')
  @ApiOkResponse({ type: [AssetVersionDto], description: 'the asset’s files, newest first' })
  versions(@Param('id', UuidPipe) id: string): Promise<AssetVersionDto[]> {
    return this.assets.versions(id);
  }

  @Can('manage-assets')
  @Post(':id/versions')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiCreatedResponse({
    type: AssetVersionDto,
    description:
      'a new file, which becomes the current one. Its type is read from its content: image PNG/JPEG/WebP/GIF; video MP4/MOV/WebM; deck PDF/PPTX; datasheet PDF/DOCX/TXT; legal and document also XLSX. 415 naming `file` when the content is not allowed or the name’s extension disagrees with it; 413 above the size limit of the asset’s type',
  })
  async upload(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Req() request: FastifyRequest, @RequestId() requestId: string): Promise<AssetVersionDto> {
    // The asset first: an unknown or archived asset is refused before the upload is read.
    const { maxBytes } = await this.uploads.limitFor(id);
    const file = await streamSingleFile(request, maxBytes);
    return this.uploads.upload(principal, id, file, requestId);
  }
}
