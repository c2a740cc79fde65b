import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssetsModule } from '@app/assets';
import { PartnersModule } from '@app/partners';
import { BrandKitEntity } from './brand-kit.entity';
import { BrandKitService } from './brand-kit.service';
import { CoBrandService } from './cobrand.service';
import { RenditionEntity } from './rendition.entity';
import { RenditionRepository } from './rendition.repository';
import { TemplateEntity } from './template.entity';
import { TemplateLoaderService } from './template-loader.service';
import { TemplateVersionEntity } from './template-version.entity';
import { TemplateService } from './template.service';

export const BRAND_ENTITIES = [BrandKitEntity, TemplateEntity, TemplateVersionEntity, RenditionEntity];

/** The locked-brand template and co-branding engine. */
@Module({
  imports: [TypeOrmModule.forFeature(BRAND_ENTITIES), PartnersModule, AssetsModule],
  providers: [BrandKitService, TemplateService, CoBrandService, TemplateLoaderService, RenditionRepository],
  exports: [BrandKitService, TemplateService, CoBrandService, TemplateLoaderService],
})
export class BrandModule {}
