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

interface FieldBase {
  key: string;
  label?: string;
}

export interface LockedField extends FieldBase {
  source: 'locked';
  type: FieldType;
  value: string;
}

export interface PartnerField extends FieldBase {
  source: 'partner';
  profile: ProfileField;
  /** Used when the partner's profile has no value for it (e.g. no phone). */
  fallback?: string;
}

export interface EditableField extends FieldBase {
  source: 'editable';
  type: FieldType;
  help?: string;
  required?: boolean;
  /** The default is a placeholder the partner must replace before launch. */
  mustChange?: boolean;
  default?: string;
  maxLength?: number;
  /** A regular expression the whole value must match (text, multiline). */
  pattern?: string;
  patternMessage?: string;
  /** `choice`: the allowed values. */
  options?: string[];
  /** `url`/`image`: when set, the host must be one of these or a subdomain of one. */
  allowedDomains?: string[];
}

export type ManifestField = LockedField | PartnerField | EditableField;

export interface Manifest {
  fields: ManifestField[];
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

/** Banner: a base image with zones the partner's values are drawn into. Coordinates in pixels. */
export interface BannerSpec {
  width: number;
  height: number;
  /** Storage key (or, in templates/, a file name beside template.json) of the base image. */
  background: string;
  format: 'jpeg' | 'png' | 'webp';
  zones: BannerZone[];
}

export interface ZoneBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LogoZone extends ZoneBox {
  type: 'logo';
  /** An `image` field (usually the partner's logo). */
  field: string;
  /** Space kept clear inside the zone on every side. */
  padding?: number;
  /** A background plate behind the logo for contrast: a colour (#RRGGBB or brand.*), or none. */
  plate?: string;
  plateRadius?: number;
}

export interface TextZone extends ZoneBox {
  type: 'text';
  field: string;
  font: 'heading' | 'body';
  /** Largest font size in pixels; the text is shrunk down to `minFontSize` to fit, then refused. */
  fontSize: number;
  minFontSize?: number;
  /** #RRGGBB or a brand token (brand.primary). */
  colour: string;
  align?: 'left' | 'centre' | 'right';
}

export type BannerZone = LogoZone | TextZone;

export const SOCIAL_NETWORKS = { linkedin: 3000, x: 280, facebook: 63206, instagram: 2200 } as const;
export type SocialNetwork = keyof typeof SOCIAL_NETWORKS;

export interface SocialSpec {
  networks: SocialNetwork[];
  /** Key of a banner template shown with the post, if any. */
  bannerTemplate?: string;
}
