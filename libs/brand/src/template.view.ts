import type { BannerSpec, Manifest, SocialSpec } from './manifest';
import type { TemplateKind } from './template-compiler';

/** A template as other libs see it, without the TypeORM entity. */
export interface Template {
  id: string;
  key: string;
  name: string;
  kind: TemplateKind;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A version of a template as other libs see it (published versions are immutable). */
export interface TemplateVersion {
  id: string;
  templateId: string;
  version: number;
  status: 'draft' | 'published';
  subject: string | null;
  preheader: string | null;
  body: string;
  manifest: Manifest;
  banner: BannerSpec | null;
  social: SocialSpec | null;
  backgroundKey: string | null;
  /** Not loaded unless asked for (`TemplateService.compiledHtml`). */
  compiledHtml: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  publishedBy: string | null;
  publishedAt: Date | null;
}

/** A template with one of its versions (a kit's frozen version, say). */
export interface TemplateWithVersion {
  template: Template;
  templateVersion: TemplateVersion;
}
