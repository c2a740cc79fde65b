import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { TemplateKind } from './template-compiler';
import { SLUG_PATTERN } from '@app/core';
import { FieldRuleProblem } from './field-values';

export const TEMPLATE_KINDS = ['email', 'landing_page', 'banner', 'social_post'] as const;

/** Where a template stands for partners: `published` once a version is published, `draft` until then. */
export const TEMPLATE_STATUSES = ['draft', 'published'] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

/** One reason a draft cannot be published: an MJML line, or the path of a value (`manifest.fields[2].maxLength`). */
export class TemplatePublishProblem {
  @ApiPropertyOptional({ description: 'the line of the body the problem is on, from 1 (0: the body as a whole, no one line)' }) line?: number;
  @ApiPropertyOptional({ example: 'banner.zones[0].field', description: 'the value the problem is in, when it is not a line of the body' }) path?: string;
  @ApiProperty() message!: string;
}

export class UpdateTemplateDto {
  @ApiPropertyOptional({ maxLength: 120 })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ description: 'emails: Handlebars text', maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  subject?: string;

  @ApiPropertyOptional({ description: 'emails: the inbox preview line', maxLength: 300 })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  preheader?: string;

  @ApiPropertyOptional({ description: 'MJML with Handlebars (email, landing page) or text (social post)', maxLength: 200_000 })
  @IsOptional()
  @IsString()
  @MaxLength(200_000)
  body?: string;

  @ApiPropertyOptional({ description: 'the field manifest: { fields: [...] } (see templates/README.md)', type: Object })
  @IsOptional()
  @IsObject()
  manifest?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'banners: { width, height, format, zones }', type: Object })
  @IsOptional()
  @IsObject()
  banner?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'social posts: { networks, bannerTemplate? }', type: Object })
  @IsOptional()
  @IsObject()
  social?: Record<string, unknown>;
}

export class CreateTemplateDto extends UpdateTemplateDto {
  @ApiProperty({ example: 'product-launch' })
  @Matches(SLUG_PATTERN, { message: 'key must be lower-case letters and digits separated by single hyphens' })
  @MaxLength(60)
  key!: string;

  @ApiProperty({ maxLength: 120 })
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  declare name: string;

  @ApiProperty({ enum: TEMPLATE_KINDS })
  @IsIn(TEMPLATE_KINDS)
  kind!: TemplateKind;

  @ApiProperty({ type: Object })
  @IsObject()
  declare manifest: Record<string, unknown>;
}

/** Answers of `POST /templates/:id/preview` as JSON (a banner answers with its image). */
class PreviewBase {
  @ApiProperty({ type: [FieldRuleProblem], description: 'what still blocks a launch (required, mustChange)' }) launchBlockers!: FieldRuleProblem[];
}

export class EmailPreview extends PreviewBase {
  @ApiProperty({ enum: ['email'] }) kind!: 'email';
  @ApiProperty() subject!: string;
  @ApiProperty() preheader!: string;
  @ApiProperty() html!: string;
  @ApiProperty({ description: 'the plain-text part' }) text!: string;
}

export class LandingPagePreview extends PreviewBase {
  @ApiProperty({ enum: ['landing_page'] }) kind!: 'landing_page';
  @ApiProperty() html!: string;
}

export class SocialPostLength {
  @ApiProperty({ description: 'characters, as the network counts them' }) length!: number;
  @ApiProperty() limit!: number;
}

@ApiExtraModels(SocialPostLength)
export class SocialPostPreview extends PreviewBase {
  @ApiProperty({ enum: ['social_post'] }) kind!: 'social_post';
  @ApiProperty() text!: string;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(SocialPostLength) }, description: 'per network of the template' }) lengths!: Record<string, SocialPostLength>;
}
