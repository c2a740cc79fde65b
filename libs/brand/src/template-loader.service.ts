import { Injectable, Logger } from '@nestjs/common';
import fs from 'node:fs/promises';
import path from 'node:path';
import { assetRefId } from '@app/assets';
import { Principal } from '@app/core';
import { TemplateService } from './template.service';
import { CreateTemplateDto } from './template.dto';

const CONTENT_MARKER = '<!-- ck:content -->';

interface TemplateFile extends Omit<CreateTemplateDto, 'body'> {
  layout?: string;
  banner?: Record<string, unknown> & { background?: string };
}

/** A template folder of templates/, with its layout composed in: what the loader publishes. */
export interface TemplateFolder {
  content: CreateTemplateDto;
  /** Banners: the background image file. */
  backgroundFile: string | null;
}

/** Reads one folder of templates/ (pure: no database), composing the layout into the body. */
export async function readTemplateFolder(root: string, dir: string): Promise<TemplateFolder> {
  const spec = JSON.parse(await fs.readFile(path.join(dir, 'template.json'), 'utf8')) as TemplateFile;
  let body = '';
  if (spec.kind === 'email' || spec.kind === 'landing_page') body = await fs.readFile(path.join(dir, 'body.mjml'), 'utf8');
  if (spec.kind === 'social_post') body = await fs.readFile(path.join(dir, 'body.txt'), 'utf8');
  if (spec.layout) {
    const layout = await fs.readFile(path.join(root, 'layouts', `${spec.layout}.mjml`), 'utf8');
    if (!layout.includes(CONTENT_MARKER)) throw new Error(`layout ${spec.layout} has no ${CONTENT_MARKER}`);
    body = layout.replace(CONTENT_MARKER, body);
  }
  const { layout: _layout, banner, ...rest } = spec;
  // A library image as the background (`asset:<uuid>`) is stored by reference: there is no file to upload.
  const assetBackground = banner?.background !== undefined && assetRefId(banner.background) !== null;
  return {
    content: { ...rest, body, ...(banner ? { banner: { ...banner, background: assetBackground ? banner.background! : 'background.png' } } : {}) },
    backgroundFile: spec.kind === 'banner' && !assetBackground ? path.join(dir, banner?.background ?? 'background.png') : null,
  };
}

/** The folders of templates/ that hold a template, in load order. */
export async function listTemplateFolders(root: string): Promise<string[]> {
  const folders: string[] = [];
  for (const group of ['banners', 'emails', 'landing-pages', 'social']) {
    const dir = path.join(root, group);
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    folders.push(...entries.filter((e) => e.isDirectory()).map((e) => path.join(dir, e.name)).sort());
  }
  return folders;
}

/**
 * Loads the shipped content in templates/ (layouts composed, banner backgrounds uploaded) and
 * publishes it. Safe to run again: an unchanged template is left alone, a changed one gets a new
 * published version.
 */
@Injectable()
export class TemplateLoaderService {
  private readonly logger = new Logger(TemplateLoaderService.name);

  constructor(private readonly templates: TemplateService) {}

  async loadDirectory(root: string, actor: Principal): Promise<string[]> {
    const loaded: string[] = [];
    for (const dir of await listTemplateFolders(root)) {
      if (await this.loadOne(await readTemplateFolder(root, dir), actor)) loaded.push(path.basename(dir));
    }
    return loaded;
  }

  /** Loads one template; returns whether it published a new version. */
  private async loadOne({ content, backgroundFile }: TemplateFolder, actor: Principal): Promise<boolean> {
    const spec = content;
    const body = content.body ?? '';

    const existing = await this.templates.findByKey(spec.key);
    const template = existing ?? (await this.templates.create(actor, content)).template;
    const { versions } = await this.templates.get(actor, template.id);
    const latest = versions[0];
    const same =
      latest?.status === 'published' &&
      latest.body === body &&
      (latest.subject ?? undefined) === spec.subject &&
      (latest.preheader ?? undefined) === spec.preheader &&
      JSON.stringify(latest.manifest) === JSON.stringify(spec.manifest) &&
      JSON.stringify(latest.banner) === JSON.stringify(content.banner ?? null) &&
      JSON.stringify(latest.social) === JSON.stringify(spec.social ?? null);
    if (same) return false;
    if (existing) await this.templates.updateDraft(actor, template.id, { name: spec.name, subject: spec.subject, preheader: spec.preheader, body, manifest: spec.manifest, banner: content.banner, social: spec.social });
    if (backgroundFile) await this.templates.setBackground(actor, template.id, await fs.readFile(backgroundFile));
    await this.templates.publish(actor, template.id);
    this.logger.log(`published template ${spec.key}`);
    return true;
  }
}
