import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';

/**
 * The field manifest: every variable a template uses, and who may set it.
 *
 * - `locked`: the vendor's value; no partner can change it.
 * - `partner`: filled from the partner's profile (logo, name, phone, …).
 * - `editable`: the partner may set it, within the declared constraints.
 *
 * Templates refer to fields as `{{key}}`. Built-in values need no declaration: `brand.*` (the brand
 * kit), and in emails `recipient.*` and `links.*` (filled per send).
 */
export const FIELD_TYPES = ['text', 'multiline', 'url', 'image', 'choice', 'colour', 'date'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const PROFILE_FIELDS = ['logo', 'name', 'phone', 'address', 'website', 'disclaimer', 'colour'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

/** The value type each profile field fills. */
export const PROFILE_FIELD_TYPES: Record<ProfileField, FieldType> = {
  logo: 'image',
  name: 'text',
  phone: 'text',
  address: 'multiline',
  website: 'url',
  disclaimer: 'multiline',
  colour: 'colour',
};

class FieldBase {
  @ApiProperty({ example: 'headline' }) key!: string;
  @ApiPropertyOptional() label?: string;
}

export class LockedField extends FieldBase {
  @ApiProperty({ enum: ['locked'] }) source!: 'locked';
  @ApiProperty({ enum: FIELD_TYPES }) type!: FieldType;
  @ApiProperty() value!: string;
}

export class PartnerField extends FieldBase {
  @ApiProperty({ enum: ['partner'] }) source!: 'partner';
  @ApiProperty({ enum: PROFILE_FIELDS }) profile!: ProfileField;
  @ApiPropertyOptional({ description: 'used when the partner’s profile has no value for it' }) fallback?: string;
}

export class EditableField extends FieldBase {
  @ApiProperty({ enum: ['editable'] }) source!: 'editable';
  @ApiProperty({ enum: FIELD_TYPES }) type!: FieldType;
  @ApiPropertyOptional() help?: string;
  @ApiPropertyOptional() required?: boolean;
  @ApiPropertyOptional({ description: 'the default is a placeholder the partner must replace before launch' }) mustChange?: boolean;
  @ApiPropertyOptional() default?: string;
  @ApiPropertyOptional() maxLength?: number;
  @ApiPropertyOptional({ description: 'a regular expression the whole value must match (text, multiline)' }) pattern?: string;
  @ApiPropertyOptional() patternMessage?: string;
  @ApiPropertyOptional({ type: [String], description: 'choice: the allowed values' }) options?: string[];
  @ApiPropertyOptional({ type: [String], description: 'url and image: the host must be one of these or a subdomain of one' }) allowedDomains?: string[];
}

export type ManifestField = LockedField | PartnerField | EditableField;

/** `fields` is described for the OpenAPI document as a union told apart by `source`. */
@ApiExtraModels(LockedField, PartnerField, EditableField)
export class Manifest {
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [{ $ref: getSchemaPath(LockedField) }, { $ref: getSchemaPath(PartnerField) }, { $ref: getSchemaPath(EditableField) }],
      discriminator: { propertyName: 'source', mapping: { locked: getSchemaPath(LockedField), partner: getSchemaPath(PartnerField), editable: getSchemaPath(EditableField) } },
    },
  })
  fields!: ManifestField[];
}

export const FIELD_KEY = /^[a-z][a-zA-Z0-9_]{0,39}$/;

/** Namespaces filled by the platform, usable without a manifest entry. */
export const BUILT_IN_NAMESPACES = ['brand', 'recipient', 'links'] as const;

export const BRAND_TOKENS = ['primary', 'secondary', 'accent', 'text', 'background', 'logoUrl', 'legalFooter', 'name', 'fontHeading', 'fontBody'] as const;
export const RECIPIENT_TOKENS = ['firstName', 'lastName', 'email', 'company'] as const;
/** `links.leadForm` is the landing page's form action. */
export const LINK_TOKENS = ['unsubscribe', 'viewInBrowser', 'leadForm'] as const;

export function fieldType(field: ManifestField): FieldType {
  return field.source === 'partner' ? PROFILE_FIELD_TYPES[field.profile] : field.type;
}

/** A rectangle of a banner, in pixels from its top-left corner. */
export class ZoneBox {
  @ApiProperty({ minimum: 0, maximum: 4096 }) x!: number;
  @ApiProperty({ minimum: 0, maximum: 4096 }) y!: number;
  @ApiProperty({ minimum: 0, maximum: 4096 }) width!: number;
  @ApiProperty({ minimum: 0, maximum: 4096 }) height!: number;
}

export class LogoZone extends ZoneBox {
  @ApiProperty({ enum: ['logo'] }) type!: 'logo';
  /** An `image` field (usually the partner's logo). */
  @ApiProperty({ description: 'a partner field with profile logo' }) field!: string;
  /** Space kept clear inside the zone on every side. */
  @ApiPropertyOptional({ description: 'pixels kept clear inside the zone on every side' }) padding?: number;
  /** A background plate behind the logo for contrast: a colour (#RRGGBB or brand.*), or none. */
  @ApiPropertyOptional({ example: '#FFFFFF', description: 'a plate behind the logo for contrast: #RRGGBB or a brand colour (brand.background)' }) plate?: string;
  @ApiPropertyOptional() plateRadius?: number;
}

export class TextZone extends ZoneBox {
  @ApiProperty({ enum: ['text'] }) type!: 'text';
  @ApiProperty({ description: 'a text, multiline, choice or date field' }) field!: string;
  @ApiProperty({ enum: ['heading', 'body'] }) font!: 'heading' | 'body';
  /** Largest font size in pixels; the text is shrunk down to `minFontSize` to fit, then refused. */
  @ApiProperty({ description: 'the largest size in pixels; longer text is shrunk down to minFontSize, then refused' }) fontSize!: number;
  @ApiPropertyOptional() minFontSize?: number;
  /** #RRGGBB or a brand token (brand.primary). */
  @ApiProperty({ example: 'brand.primary', description: '#RRGGBB or a brand colour' }) colour!: string;
  @ApiPropertyOptional({ enum: ['left', 'centre', 'right'] }) align?: 'left' | 'centre' | 'right';
}

export type BannerZone = LogoZone | TextZone;

/**
 * Banner: a base image with zones the partner's values are drawn into. Coordinates in pixels.
 * `zones` is described for the OpenAPI document as a union told apart by `type`.
 */
@ApiExtraModels(LogoZone, TextZone)
export class BannerSpec {
  @ApiProperty({ minimum: 16, maximum: 4096 }) width!: number;
  @ApiProperty({ minimum: 16, maximum: 4096 }) height!: number;
  /** Storage key (or, in templates/, a file name beside template.json) of the base image. */
  @ApiPropertyOptional({ description: 'a library image (asset:<uuid>) or a file name; none when the base image was uploaded to the template' })
  background?: string;
  @ApiProperty({ enum: ['jpeg', 'png', 'webp'] }) format!: 'jpeg' | 'png' | 'webp';
  @ApiProperty({
    type: 'array',
    items: {
      oneOf: [{ $ref: getSchemaPath(LogoZone) }, { $ref: getSchemaPath(TextZone) }],
      discriminator: { propertyName: 'type', mapping: { logo: getSchemaPath(LogoZone), text: getSchemaPath(TextZone) } },
    },
  })
  zones!: BannerZone[];
}

export const SOCIAL_NETWORKS = { linkedin: 3000, x: 280, facebook: 63206, instagram: 2200 } as const;
export type SocialNetwork = keyof typeof SOCIAL_NETWORKS;

export class SocialSpec {
  @ApiProperty({ enum: Object.keys(SOCIAL_NETWORKS), isArray: true }) networks!: SocialNetwork[];
  /** Key of a banner template shown with the post, if any. */
  @ApiPropertyOptional({ description: 'the key of a banner template shown with the post' }) bannerTemplate?: string;
}
