import { Body, Controller, Get, Inject, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { BrandKitDto, BrandKitService, BrandKitView } from '@app/brand';
import { APP_CONFIG, Principal } from '@app/core';
import type { AppConfig } from '@app/core';
import { Can, CurrentUser } from '../auth/auth.decorators';
import { readSingleFile } from '../http/multipart';

@ApiTags('brand kit')
@ApiBearerAuth()
@Controller('api/v1/brand-kit')
export class BrandKitController {
  constructor(
    private readonly brand: BrandKitService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Can('use-templates')
  @Get()
  @ApiOkResponse({ type: BrandKitView, description: 'the current brand kit (every template sees it as brand.*)' })
  async get(): Promise<BrandKitView> {
    const kit = await this.brand.current();
    return BrandKitView.of(kit, kit.logoKey ? this.brand.mediaUrl(kit.logoKey) : null);
  }

  @Can('author-brand')
  @Put()
  @ApiOkResponse({ type: BrandKitView, description: 'saves a new version of the brand kit' })
  async update(@CurrentUser() principal: Principal, @Body() body: BrandKitDto): Promise<BrandKitView> {
    const kit = await this.brand.update(principal, body);
    return BrandKitView.of(kit, kit.logoKey ? this.brand.mediaUrl(kit.logoKey) : null);
  }

  @Can('author-brand')
  @Put('logo')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: BrandKitView })
  async logo(@CurrentUser() principal: Principal, @Req() request: FastifyRequest): Promise<BrandKitView> {
    const kit = await this.brand.setLogo(principal, await readSingleFile(request, this.config.uploads.logoMaxBytes));
    return BrandKitView.of(kit, kit.logoKey ? this.brand.mediaUrl(kit.logoKey) : null);
  }
}
