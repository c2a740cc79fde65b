import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiPropertyOptional, ApiTags, ApiUnprocessableEntityResponse, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CoBrandDto, CoBrandService, CreateTemplateDto, EmailPreview, LandingPagePreview, SocialPostPreview, TEMPLATE_KINDS, TEMPLATE_STATUSES, TemplateInvalidErrorBody, TemplatePageView, TemplateService, templateState, TemplateVersionView, TemplateView, UpdateTemplateDto, ValidationView } from '@app/brand';
import type { TemplateKind, TemplateStatus } from '@app/brand';
import { isPartnerRole, PageQuery, Principal, UuidPipe } from '@app/core';
import { Can, CurrentUser } from '../auth/auth.decorators';
import { readSingleFile } from '../http/multipart';

const BACKGROUND_MAX_BYTES = 10 * 1024 * 1024;

export class ListTemplatesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: TEMPLATE_KINDS })
  @IsOptional()
  @IsIn(TEMPLATE_KINDS)
  kind?: TemplateKind;

  @ApiPropertyOptional({ enum: TEMPLATE_STATUSES, description: 'published: has a published version; draft: never published' })
  @IsOptional()
  @IsIn(TEMPLATE_STATUSES)
  status?: TemplateStatus;

  @ApiPropertyOptional({ description: 'name or key contains (case-insensitive)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}

/**
 * Templates: vendors author drafts and publish versions; everyone previews a template co-branded
 * for a partner (partner users: their own), validates edits, and sends a test email to themselves.
 */
@ApiTags('templates')
@ApiBearerAuth()
@Controller('api/v1/templates')
export class TemplatesController {
  constructor(
    private readonly templates: TemplateService,
    private readonly cobrand: CoBrandService,
  ) {}

  @Can('use-templates')
  @Get()
  @ApiOkResponse({ type: TemplatePageView, description: 'by key, each with its status and versions (not the versions themselves); partners see templates with a published version only' })
  async list(@CurrentUser() principal: Principal, @Query() query: ListTemplatesQuery): Promise<TemplatePageView> {
    const page = await this.templates.list(principal, query);
    return { items: page.items.map(({ template, state }) => TemplateView.of(template, state)), nextCursor: page.nextCursor };
  }

  @Can('author-brand')
  @Post()
  @ApiCreatedResponse({ type: TemplateView, description: 'the template with its first draft; publish it to use it' })
  async create(@CurrentUser() principal: Principal, @Body() body: CreateTemplateDto): Promise<TemplateView> {
    const { template, versions } = await this.templates.create(principal, body);
    return TemplateView.of(template, templateState(versions), versions.map((v) => TemplateVersionView.of(v, true)));
  }

  @Can('use-templates')
  @Get(':id')
  @ApiOkResponse({ type: TemplateView, description: 'with its versions, newest first (partners: published versions, no source)' })
  async get(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<TemplateView> {
    const { template, versions } = await this.templates.get(principal, id);
    return TemplateView.of(template, templateState(versions), versions.map((v) => TemplateVersionView.of(v, !isPartnerRole(principal.role))));
  }

  @Can('author-brand')
  @Patch(':id')
  @ApiOkResponse({ type: TemplateVersionView, description: 'the draft; editing a published template starts a new draft version' })
  async update(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: UpdateTemplateDto): Promise<TemplateVersionView> {
    return TemplateVersionView.of(await this.templates.updateDraft(principal, id, body), true);
  }

  @Can('author-brand')
  @Post(':id/publish')
  @HttpCode(200)
  @ApiOkResponse({ type: TemplateVersionView, description: 'the draft, now the published version' })
  @ApiUnprocessableEntityResponse({ type: TemplateInvalidErrorBody, description: 'TEMPLATE_INVALID: details.problems lists every problem, with the body line or the path of each' })
  async publish(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string): Promise<TemplateVersionView> {
    return TemplateVersionView.of(await this.templates.publish(principal, id), true);
  }

  @Can('author-brand')
  @Put(':id/background')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: TemplateVersionView, description: 'banners: the base image of the draft' })
  async background(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Req() request: FastifyRequest): Promise<TemplateVersionView> {
    return TemplateVersionView.of(await this.templates.setBackground(principal, id, await readSingleFile(request, BACKGROUND_MAX_BYTES)), true);
  }

  @Can('use-templates')
  @Post(':id/preview')
  @HttpCode(200)
  @ApiExtraModels(EmailPreview, LandingPagePreview, SocialPostPreview)
  @ApiOkResponse({
    description: 'emails: subject, preheader, html, text; landing pages: html; social posts: text and lengths; banners: the image (x-launch-blockers counts its blockers). Nothing is saved.',
    content: {
      'application/json': {
        schema: {
          oneOf: [{ $ref: getSchemaPath(EmailPreview) }, { $ref: getSchemaPath(LandingPagePreview) }, { $ref: getSchemaPath(SocialPostPreview) }],
          discriminator: { propertyName: 'kind', mapping: { email: getSchemaPath(EmailPreview), landing_page: getSchemaPath(LandingPagePreview), social_post: getSchemaPath(SocialPostPreview) } },
        },
      },
      'image/jpeg': { schema: { type: 'string', format: 'binary' } },
      'image/png': { schema: { type: 'string', format: 'binary' } },
      'image/webp': { schema: { type: 'string', format: 'binary' } },
    },
  })
  async preview(
    @CurrentUser() principal: Principal,
    @Param('id', UuidPipe) id: string,
    @Body() body: CoBrandDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const preview = await this.cobrand.preview(principal, id, { ...body, edits: body.edits ?? {} });
    if (preview.kind === 'banner') {
      void reply.header('content-type', preview.image.contentType);
      void reply.header('x-launch-blockers', String(preview.launchBlockers.length));
      return preview.image.data;
    }
    return preview;
  }

  @Can('use-templates')
  @Post(':id/validate')
  @HttpCode(200)
  @ApiOkResponse({ type: ValidationView })
  async validate(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: CoBrandDto): Promise<ValidationView> {
    return this.cobrand.validate(principal, id, { ...body, edits: body.edits ?? {} });
  }

  @Can('use-templates')
  @Post(':id/test-send')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'the preview is on its way to your own email address' })
  async testSend(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: CoBrandDto): Promise<{ to: string }> {
    return this.cobrand.testSend(principal, id, { ...body, edits: body.edits ?? {} });
  }

  @Can('use-templates')
  @Post(':id/renditions')
  @HttpCode(200)
  @ApiOkResponse({ description: 'banners: a stored co-branded image (rendered once, then reused) and a short-lived download URL' })
  async rendition(@CurrentUser() principal: Principal, @Param('id', UuidPipe) id: string, @Body() body: CoBrandDto): Promise<{ url: string; width: number; height: number; contentType: string; cached: boolean }> {
    const { rendition, url, cached } = await this.cobrand.bannerRendition(principal, id, { ...body, edits: body.edits ?? {} });
    return { url, width: rendition.width, height: rendition.height, contentType: rendition.contentType, cached };
  }
}
