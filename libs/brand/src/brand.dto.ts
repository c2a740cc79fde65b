import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { BrandKitEntity } from './brand-kit.entity';
import { FieldRuleProblem } from './field-values';
import { BannerSpec, Manifest, SocialSpec } from './manifest';
import { TEMPLATE_KINDS, TEMPLATE_STATUSES, TemplatePublishProblem } from './template.dto';
import { TemplateEntity } from './template.entity';
import { TemplateVersionEntity } from './template-version.entity';
import { TemplateState } from './template.service';

const HEX = /^#[0-9A-Fa-f]{6}$/;
const hex = (name: string) => Matches(HEX, { message: `${name} must be a hex colour like #0B5FFF` });

export class BrandColoursDto {
  @ApiProperty({ example: '#0B5FFF' }) @hex('primary') primary!: string;
  @ApiProperty({ example: '#00C2A8' }) @hex('secondary') secondary!: string;
  @ApiProperty({ example: '#FFB020' }) @hex('accent') accent!: string;
  @ApiProperty({ example: '#1B1F24' }) @hex('text') text!: string;
  @ApiProperty({ example: '#FFFFFF' }) @hex('background') background!: string;
}

export class BrandFontsDto {
  @ApiProperty({ example: 'Inter' })
  @Matches(/^[A-Za-z0-9 -]{1,60}$/, { message: 'heading must be a font family name (letters, digits, spaces, hyphens)' })
  heading!: string;

  @ApiProperty({ example: 'Inter' })
  @Matches(/^[A-Za-z0-9 -]{1,60}$/, { message: 'body must be a font family name (letters, digits, spaces, hyphens)' })
  body!: string;
}

export class BrandKitDto {
  @ApiProperty({ example: 'Acme Cloud' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ type: BrandColoursDto })
  @ValidateNested()
  @Type(() => BrandColoursDto)
  colours!: BrandColoursDto;

  @ApiProperty({ type: BrandFontsDto })
  @ValidateNested()
  @Type(() => BrandFontsDto)
  fonts!: BrandFontsDto;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  legalFooter!: string;
}

export class BrandKitView {
  @ApiProperty() version!: number;
  @ApiProperty() name!: string;
  @ApiProperty({ type: BrandColoursDto }) colours!: BrandColoursDto;
  @ApiProperty({ type: BrandFontsDto }) fonts!: BrandFontsDto;
  @ApiProperty() legalFooter!: string;
  @ApiProperty({ nullable: true, type: String, description: 'public URL of the logo' }) logoUrl!: string | null;

  static of(kit: BrandKitEntity, logoUrl: string | null): BrandKitView {
    return { version: kit.version, name: kit.name, colours: kit.colours, fonts: kit.fonts, legalFooter: kit.legalFooter, logoUrl };
  }
}

export class CoBrandDto {
  @ApiPropertyOptional({ description: 'vendors: the partner to render for (partner users always get their own)' })
  @IsOptional()
  @IsUUID()
  partnerId?: string;

  @ApiPropertyOptional({ description: 'values of editable fields, by field key', type: 'object', additionalProperties: true, example: { headline: 'Back up everything in 5 minutes' } })
  @IsOptional()
  @IsObject()
  edits?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: ['published', 'draft'], description: 'vendors may preview the draft' })
  @IsOptional()
  @IsIn(['published', 'draft'])
  version?: 'published' | 'draft';
}

export class TemplateVersionView {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['draft', 'published'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) subject!: string | null;
  @ApiProperty({ nullable: true, type: String }) preheader!: string | null;
  @ApiPropertyOptional({ description: 'template source (vendors only)' }) body?: string;
  @ApiProperty({ type: Manifest }) manifest!: Manifest;
  @ApiProperty({ nullable: true, type: BannerSpec, description: 'banners: canvas and zones (a draft holds what was saved; publishing checks it)' }) banner!: BannerSpec | null;
  @ApiProperty({ nullable: true, type: SocialSpec, description: 'social posts: networks and the banner shown with the post (a draft holds what was saved; publishing checks it)' }) social!: SocialSpec | null;
  @ApiProperty({ nullable: true, type: String }) publishedAt!: string | null;
  @ApiProperty() updatedAt!: string;

  static of(v: TemplateVersionEntity, withBody: boolean): TemplateVersionView {
    return {
      id: v.id,
      version: v.version,
      status: v.status,
      subject: v.subject,
      preheader: v.preheader,
      ...(withBody ? { body: v.body } : {}),
      manifest: v.manifest,
      banner: v.banner,
      social: v.social,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      updatedAt: v.updatedAt.toISOString(),
    };
  }
}

export class TemplateView {
  @ApiProperty() id!: string;
  @ApiProperty() key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: TEMPLATE_KINDS }) kind!: string;
  @ApiProperty({ enum: TEMPLATE_STATUSES, description: 'published: partners can use its published version; draft: never published' }) status!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'the newest version (the draft when there is one); partners: the published one' }) currentVersion!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'the newest published version' }) publishedVersion!: number | null;
  @ApiProperty({ description: 'a draft holds changes not yet published (always false for partners)' }) hasDraft!: boolean;
  @ApiProperty() updatedAt!: string;
  @ApiPropertyOptional({ type: [TemplateVersionView] }) versions?: TemplateVersionView[];

  static of(t: TemplateEntity, state: TemplateState, versions?: TemplateVersionView[]): TemplateView {
    return { id: t.id, key: t.key, name: t.name, kind: t.kind, ...state, updatedAt: t.updatedAt.toISOString(), ...(versions ? { versions } : {}) };
  }
}

export class TemplatePageView {
  @ApiProperty({ type: [TemplateView] }) items!: TemplateView[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class ValidationView {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ description: 'constraint problems: each names the field and the rule', type: [FieldRuleProblem] }) problems!: FieldRuleProblem[];
  @ApiProperty({ description: 'what still blocks a launch (required, mustChange)', type: [FieldRuleProblem] }) launchBlockers!: FieldRuleProblem[];
}

export class TemplateInvalidDetails {
  @ApiProperty({ type: [TemplatePublishProblem], description: 'every problem, in the order found' }) problems!: TemplatePublishProblem[];
}

/** The 422 of a publish that finds problems: the error body every endpoint answers with, its details typed. */
export class TemplateInvalidErrorBody {
  @ApiProperty({ example: 422 }) statusCode!: number;
  @ApiProperty({ enum: ['TEMPLATE_INVALID'] }) code!: string;
  @ApiProperty({ description: 'the first problems, in words' }) message!: string;
  @ApiProperty({ type: TemplateInvalidDetails }) details!: TemplateInvalidDetails;
  @ApiProperty() requestId!: string;
}
