import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import {
  APP_CONFIG,
  AppConfig,
  AuditService,
  Clock,
  ConflictError,
  decodeCursor,
  DomainError,
  ImageService,
  isPartnerRole,
  NotFoundError,
  Page,
  Principal,
  StorageService,
  toPage,
  uniqueViolation,
  containsPattern,
} from '@app/core';
import { AssetResolver, assetRefId, AssetUsageService } from '@app/assets';
import { BrandKitService } from './brand-kit.service';
import { analyseTemplate, SourceProblem } from './handlebars-engine';
import { BannerSpec, Manifest } from './manifest';
import { ManifestProblem, validateBanner, validateManifest, validateSocial } from './manifest-validator';
import { checkDeclarations, compileMjml, TemplateKind } from './template-compiler';
import { CreateTemplateDto, TemplatePublishProblem, TemplateStatus, UpdateTemplateDto } from './template.dto';
import { TemplateEntity } from './template.entity';
import { TemplateVersionEntity } from './template-version.entity';
import { TemplateWithVersion } from './template.view';

export class TemplateInvalidError extends DomainError {
  constructor(problems: TemplatePublishProblem[]) {
    super(
      'TEMPLATE_INVALID',
      `The template cannot be published: ${problems
        .slice(0, 5)
        .map((p) => (p.line ? `line ${p.line}: ${p.message}` : p.path ? `${p.path}: ${p.message}` : p.message))
        .join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`,
      422,
      { problems },
    );
  }
}

/** A library asset a template version refers to, and the file it stands for now. */
export interface TemplateAssetUse {
  assetId: string;
  versionId: string;
}

export interface TemplateWithVersions {
  template: TemplateEntity;
  versions: TemplateVersionEntity[];
}

/** Where a template stands, as the caller may see it (partners: its published version only). */
export interface TemplateState {
  status: TemplateStatus;
  /** The newest version: the draft being worked on, or the published one. */
  currentVersion: number | null;
  publishedVersion: number | null;
  /** A draft with changes not yet published. */
  hasDraft: boolean;
}

export interface TemplateListItem {
  template: TemplateEntity;
  state: TemplateState;
}

export interface TemplateListQuery {
  limit?: number;
  cursor?: string;
  kind?: TemplateKind;
  status?: TemplateStatus;
  /** Name or key contains (case-insensitive). */
  q?: string;
}

/** The state of a template from the versions the caller may see. */
export function templateState(versions: Pick<TemplateVersionEntity, 'version' | 'status'>[]): TemplateState {
  const newest = (status?: TemplateVersionEntity['status']) =>
    versions.filter((v) => !status || v.status === status).reduce<number | null>((max, v) => (max === null || v.version > max ? v.version : max), null);
  const publishedVersion = newest('published');
  return { status: publishedVersion === null ? 'draft' : 'published', currentVersion: newest(), publishedVersion, hasDraft: versions.some((v) => v.status === 'draft') };
}


/** Templates and their versions: drafts the vendor edits, published versions nobody can change. */
@Injectable()
export class TemplateService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(TemplateEntity) private readonly templates: Repository<TemplateEntity>,
    @InjectRepository(TemplateVersionEntity) private readonly versions: Repository<TemplateVersionEntity>,
    private readonly brand: BrandKitService,
    private readonly images: ImageService,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly resolver: AssetResolver,
    private readonly usage: AssetUsageService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Vendors see every template; partners only those with a published version. Ordered by key, with
   * each template's state from one query over the page's versions.
   */
  async list(principal: Principal, query: TemplateListQuery): Promise<Page<TemplateListItem>> {
    const limit = query.limit ?? 25;
    const after = decodeCursor(query.cursor, 1, ([key]) => typeof key === 'string');
    const partner = isPartnerRole(principal.role);
    const published = `EXISTS (SELECT 1 FROM template_versions v WHERE v.template_id = t.id AND v.status = 'published')`;
    const q = this.templates.createQueryBuilder('t');
    if (partner || query.status === 'published') q.andWhere(published);
    if (query.status === 'draft') q.andWhere(`NOT ${published}`);
    if (query.kind) q.andWhere('t.kind = :kind', { kind: query.kind });
    if (query.q?.trim()) q.andWhere(`(t.name ILIKE :search ESCAPE '\\' OR t.key ILIKE :search ESCAPE '\\')`, { search: containsPattern(query.q) });
    if (after) q.andWhere('t.key > :after', { after: after[0] });
    const rows = await q.orderBy('t.key', 'ASC').limit(limit + 1).getMany();
    const page = toPage(rows, limit, (t) => [t.key]);
    const states = await this.states(page.items.map((t) => t.id), partner);
    return { items: page.items.map((template) => ({ template, state: states.get(template.id) ?? templateState([]) })), nextCursor: page.nextCursor };
  }

  /** The state of each template in one query (partners: from published versions only). */
  private async states(templateIds: string[], publishedOnly: boolean): Promise<Map<string, TemplateState>> {
    if (templateIds.length === 0) return new Map();
    const rows = await this.dataSource.query<{ template_id: string; current: number | null; published: number | null; has_draft: boolean }[]>(
      `SELECT template_id,
              max(version) FILTER (WHERE status = 'published' OR NOT $2::boolean) AS current,
              max(version) FILTER (WHERE status = 'published') AS published,
              bool_or(status = 'draft') AND NOT $2::boolean AS has_draft
         FROM template_versions
        WHERE template_id = ANY($1::uuid[])
        GROUP BY template_id`,
      [templateIds, publishedOnly],
    );
    return new Map(
      rows.map((r) => [
        r.template_id,
        { status: r.published === null ? 'draft' : 'published', currentVersion: r.current, publishedVersion: r.published, hasDraft: r.has_draft } satisfies TemplateState,
      ]),
    );
  }

  /** A template with the versions the caller may see (partners: published only). */
  async get(principal: Principal, id: string): Promise<TemplateWithVersions> {
    const template = await this.templates.findOneBy({ id });
    if (!template) throw new NotFoundError('Template');
    const versions = await this.versions.find({ where: { templateId: id }, order: { version: 'DESC' }, take: 100 });
    const visible = isPartnerRole(principal.role) ? versions.filter((v) => v.status === 'published') : versions;
    if (visible.length === 0 && isPartnerRole(principal.role)) throw new NotFoundError('Template');
    return { template, versions: visible };
  }

  findByKey(key: string): Promise<TemplateEntity | null> {
    return this.templates.findOneBy({ key });
  }

  /** The version to render: the latest published one, or (vendors) the draft when asked. */
  async versionFor(principal: Principal, templateId: string, which: 'published' | 'draft' = 'published'): Promise<{ template: TemplateEntity; version: TemplateVersionEntity }> {
    const template = await this.templates.findOneBy({ id: templateId });
    if (!template) throw new NotFoundError('Template');
    const status = which === 'draft' && !isPartnerRole(principal.role) ? 'draft' : 'published';
    const version = await this.versions.findOne({ where: { templateId, status }, order: { version: 'DESC' } });
    if (!version) throw new NotFoundError(status === 'draft' ? 'Draft version' : 'Published version');
    return { template, version };
  }

  async compiledHtml(versionId: string): Promise<string> {
    const row = await this.versions.createQueryBuilder('v').addSelect('v.compiledHtml').where('v.id = :versionId', { versionId }).getOne();
    return row?.compiledHtml ?? '';
  }

  async create(actor: Principal, dto: CreateTemplateDto): Promise<TemplateWithVersions> {
    const manifest = await this.shapeManifest(dto.manifest);
    try {
      return await this.dataSource.transaction(async (manager) => {
        const template = await manager.save(manager.create(TemplateEntity, { key: dto.key, name: dto.name.trim(), kind: dto.kind, createdBy: actor.userId }));
        const version = await manager.save(
          manager.create(TemplateVersionEntity, {
            templateId: template.id,
            version: 1,
            status: 'draft',
            subject: dto.subject ?? null,
            preheader: dto.preheader ?? null,
            body: dto.body ?? '',
            manifest,
            banner: (dto.banner as unknown as TemplateVersionEntity['banner']) ?? null,
            social: (dto.social as unknown as TemplateVersionEntity['social']) ?? null,
            createdBy: actor.userId,
          }),
        );
        await this.audit.record({ actorUserId: actor.userId, action: 'template.created', entityType: 'template', entityId: template.id, after: { key: dto.key, kind: dto.kind } }, manager);
        return { template, versions: [version] };
      });
    } catch (error) {
      if (uniqueViolation(error, 'templates_key_key')) {
        throw new ConflictError('TEMPLATE_KEY_TAKEN', 'Another template already uses this key', { field: 'key' });
      }
      throw error;
    }
  }

  /**
   * Edits the draft. When the latest version is published, the edit starts a new draft from it:
   * published versions never change.
   */
  async updateDraft(actor: Principal, id: string, dto: UpdateTemplateDto, internal: { backgroundKey?: string } = {}): Promise<TemplateVersionEntity> {
    const manifest = dto.manifest === undefined ? undefined : await this.shapeManifest(dto.manifest);
    return this.dataSource.transaction(async (manager) => {
      const template = await manager.createQueryBuilder(TemplateEntity, 't').setLock('pessimistic_write').where('t.id = :id', { id }).getOne();
      if (!template) throw new NotFoundError('Template');
      if (dto.name !== undefined) await manager.update(TemplateEntity, { id }, { name: dto.name.trim() });
      const latest = await manager.findOne(TemplateVersionEntity, { where: { templateId: id }, order: { version: 'DESC' } });
      const changes = {
        ...(dto.subject !== undefined ? { subject: dto.subject } : {}),
        ...(dto.preheader !== undefined ? { preheader: dto.preheader } : {}),
        ...(dto.body !== undefined ? { body: dto.body } : {}),
        ...(manifest !== undefined ? { manifest } : {}),
        ...(dto.banner !== undefined ? { banner: dto.banner as unknown as TemplateVersionEntity['banner'] } : {}),
        ...(dto.social !== undefined ? { social: dto.social as unknown as TemplateVersionEntity['social'] } : {}),
        ...(internal.backgroundKey !== undefined ? { backgroundKey: internal.backgroundKey } : {}),
      };
      // Renaming a published template, or saving nothing, does not start an identical draft.
      if (latest?.status === 'published' && Object.keys(changes).length === 0) return latest;
      let draft: TemplateVersionEntity;
      if (latest && latest.status === 'draft') {
        Object.assign(latest, changes);
        draft = await manager.save(latest);
      } else {
        draft = await manager.save(
          manager.create(TemplateVersionEntity, {
            templateId: id,
            version: (latest?.version ?? 0) + 1,
            status: 'draft',
            subject: latest?.subject ?? null,
            preheader: latest?.preheader ?? null,
            body: latest?.body ?? '',
            manifest: latest?.manifest ?? { fields: [] },
            banner: latest?.banner ?? null,
            social: latest?.social ?? null,
            backgroundKey: latest?.backgroundKey ?? null,
            createdBy: actor.userId,
            ...changes,
          }),
        );
      }
      await this.audit.record({ actorUserId: actor.userId, action: 'template.draft_saved', entityType: 'template', entityId: id, after: { version: draft.version, fields: Object.keys(changes) } }, manager);
      return draft;
    });
  }

  /** Banners: the base image of the draft, checked by content and sized to the banner. */
  async setBackground(actor: Principal, id: string, upload: Buffer): Promise<TemplateVersionEntity> {
    const { template } = await this.get(actor, id);
    if (template.kind !== 'banner') throw new DomainError('TEMPLATE_NOT_BANNER', 'Only banner templates have a background', 409);
    const image = await this.images.normaliseBackground(upload, { maxInputPixels: this.config.uploads.maxInputPixels, field: 'file' });
    const key = `templates/${id}/background-${createHash('sha256').update(image.data).digest('hex').slice(0, 16)}.png`;
    await this.storage.put(key, image.data, image.contentType);
    return this.updateDraft(actor, id, {}, { backgroundKey: key });
  }

  /** Validates the draft completely and makes it the published version. */
  async publish(actor: Principal, id: string): Promise<TemplateVersionEntity> {
    const template = await this.templates.findOneBy({ id });
    if (!template) throw new NotFoundError('Template');
    const draft = await this.versions.findOne({ where: { templateId: id, status: 'draft' } });
    if (!draft) throw new DomainError('NOTHING_TO_PUBLISH', 'There is no draft to publish; edit the template first', 409);
    const { compiledHtml, problems, assets } = await this.check(template.kind, draft);
    if (problems.length > 0) throw new TemplateInvalidError(problems);
    await this.dataSource.transaction(async (manager) => {
      // Under updateDraft's lock, the draft must still be the one just checked: a concurrent publish
      // got there first (its UPDATE would hit the immutability trigger), or an edit would go out unchecked.
      await manager.createQueryBuilder(TemplateEntity, 't').setLock('pessimistic_write').where('t.id = :id', { id }).getOne();
      const current = await manager.findOneBy(TemplateVersionEntity, { id: draft.id });
      if (current?.status !== 'draft') throw new DomainError('NOTHING_TO_PUBLISH', 'There is no draft to publish; edit the template first', 409);
      const content = (v: TemplateVersionEntity) => JSON.stringify([v.subject, v.preheader, v.body, v.manifest, v.banner, v.social, v.backgroundKey]);
      if (content(current) !== content(draft)) throw new ConflictError('TEMPLATE_DRAFT_CHANGED', 'The draft changed while it was being published; publish again', { version: draft.version });
      await manager.update(TemplateVersionEntity, { id: draft.id }, { status: 'published', compiledHtml, publishedBy: actor.userId, publishedAt: this.clock.now() });
      await manager.update(TemplateEntity, { id }, { updatedAt: this.clock.now() });
      // The usage graph: kits and sequences that freeze this version inherit its assets from here.
      await this.usage.record(
        assets.map((a) => ({ assetId: a.assetId, assetVersionId: a.versionId, kind: 'template' as const, refId: draft.id, templateVersionId: draft.id })),
        manager,
      );
      await this.audit.record({ actorUserId: actor.userId, action: 'template.published', entityType: 'template', entityId: id, after: { version: draft.version } }, manager);
    });
    return { ...draft, status: 'published', publishedAt: this.clock.now(), publishedBy: actor.userId };
  }

  /**
   * Every publish rule for one version; returns the compiled HTML for MJML kinds and the library
   * assets the version refers to (each usable now).
   */
  async check(kind: TemplateKind, version: TemplateVersionEntity): Promise<{ compiledHtml: string | null; problems: (SourceProblem | ManifestProblem)[]; assets: TemplateAssetUse[] }> {
    const kit = await this.brand.current();
    const { manifest, problems: manifestProblems } = validateManifest(version.manifest, this.brand.palette(kit));
    const problems: (SourceProblem | ManifestProblem)[] = [...manifestProblems];
    if (problems.length > 0) return { compiledHtml: null, problems, assets: [] };
    const { assets, problems: assetProblems } = await this.checkAssets(manifest, kind === 'banner' ? version.banner : null);
    problems.push(...assetProblems);
    return { ...(await this.checkContent(kind, version, manifest, problems)), assets };
  }

  private async checkContent(
    kind: TemplateKind,
    version: TemplateVersionEntity,
    manifest: Manifest,
    problems: (SourceProblem | ManifestProblem)[],
  ): Promise<{ compiledHtml: string | null; problems: (SourceProblem | ManifestProblem)[] }> {
    switch (kind) {
      case 'email':
      case 'landing_page': {
        const extra = kind === 'email' ? [['subject', version.subject], ['preheader', version.preheader]] as const : [];
        const extraUses = [];
        for (const [name, text] of extra) {
          if (!text?.trim()) {
            problems.push({ path: name, message: 'is required for emails' });
            continue;
          }
          const analysis = analyseTemplate(text);
          problems.push(...analysis.problems.map((p) => ({ path: name, message: p.message })));
          extraUses.push(...analysis.uses);
        }
        const compiled = await compileMjml(version.body, manifest, kind, extraUses);
        problems.push(...compiled.problems);
        return { compiledHtml: compiled.html, problems };
      }
      case 'social_post': {
        const analysis = analyseTemplate(version.body);
        problems.push(...analysis.problems, ...checkDeclarations(analysis.uses, manifest, kind));
        problems.push(...validateSocial(version.social).problems);
        if (version.social?.bannerTemplate && !(await this.findByKey(version.social.bannerTemplate))) {
          problems.push({ path: 'social.bannerTemplate', message: `no template with key "${version.social.bannerTemplate}"` });
        }
        return { compiledHtml: null, problems };
      }
      case 'banner': {
        problems.push(...validateBanner(version.banner, manifest).problems);
        if (!version.backgroundKey && !assetRefId(version.banner?.background)) problems.push({ path: 'banner.background', message: 'upload the background image first' });
        return { compiledHtml: null, problems };
      }
    }
  }

  /**
   * Library assets referred to by locked values, defaults and a banner's background: each must
   * exist and resolve to a usable file now (its own, or a successor's); image slots need images.
   */
  private async checkAssets(manifest: Manifest, banner: BannerSpec | null): Promise<{ assets: TemplateAssetUse[]; problems: ManifestProblem[] }> {
    const refs: { path: string; assetId: string; image: boolean }[] = [];
    manifest.fields.forEach((field, i) => {
      if (field.source === 'partner' || (field.type !== 'url' && field.type !== 'image')) return;
      const assetId = assetRefId(field.source === 'locked' ? field.value : field.default);
      if (assetId) refs.push({ path: `manifest.fields[${i}].${field.source === 'locked' ? 'value' : 'default'}`, assetId, image: field.type === 'image' });
    });
    const background = assetRefId(banner?.background);
    if (background) refs.push({ path: 'banner.background', assetId: background, image: true });
    if (refs.length === 0) return { assets: [], problems: [] };
    // Read through (not from the resolver's cache): publishing must see the library as it is now.
    const resolved = await this.resolver.resolve(refs.map((r) => r.assetId), this.dataSource.manager);
    const problems: ManifestProblem[] = [];
    const assets = new Map<string, TemplateAssetUse>();
    for (const ref of refs) {
      const resolution = resolved.get(ref.assetId)!;
      if (resolution.state === 'unknown') problems.push({ path: ref.path, message: `asset ${ref.assetId} does not exist in the library` });
      else if (!resolution.target) problems.push({ path: ref.path, message: `asset ${ref.assetId} is withdrawn (expired or archived, with no successor)` });
      else if (ref.image && resolution.target.type !== 'image') problems.push({ path: ref.path, message: `must be an image asset (asset ${ref.assetId} is a ${resolution.target.type})` });
      else assets.set(ref.assetId, { assetId: ref.assetId, versionId: resolution.target.versionId });
    }
    return { assets: [...assets.values()], problems };
  }

  private async shapeManifest(input: Record<string, unknown>): Promise<Manifest> {
    const kit = await this.brand.current();
    const { manifest, problems } = validateManifest(input, this.brand.palette(kit));
    if (problems.length > 0) {
      throw new DomainError('MANIFEST_INVALID', `Invalid manifest: ${problems.slice(0, 5).map((p) => `${p.path} ${p.message}`).join('; ')}`, 422, {
        fields: problems.map((p) => ({ field: p.path, problems: [p.message] })),
      });
    }
    return manifest;
  }

  // For campaigns: the templates of a kit version with their frozen versions, and which version publishing freezes.

  /** Each (template, version) pair with both rows, in the order given (two queries, no loop). */
  async withVersions(refs: { templateId: string; templateVersionId: string }[]): Promise<TemplateWithVersion[]> {
    const [templates, versions] = await Promise.all([
      this.templates.findBy({ id: In(refs.map((r) => r.templateId)) }),
      this.versions.findBy({ id: In(refs.map((r) => r.templateVersionId)) }),
    ]);
    return refs.map(({ templateId, templateVersionId }) => ({
      template: templates.find((t) => t.id === templateId)!,
      templateVersion: versions.find((v) => v.id === templateVersionId)!,
    }));
  }

  /** The newest published version of each template that has one (template id → version id), in the caller's transaction if given. */
  async latestPublishedVersionIds(templateIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, string>> {
    if (templateIds.length === 0) return new Map();
    const rows = await manager
      .createQueryBuilder(TemplateVersionEntity, 'v')
      .where('v.templateId IN (:...templateIds)', { templateIds })
      .andWhere("v.status = 'published'")
      .orderBy('v.version', 'DESC')
      .getMany();
    const latest = new Map<string, string>();
    for (const v of rows) if (!latest.has(v.templateId)) latest.set(v.templateId, v.id);
    return latest;
  }

  /** The landing page among these template versions, with its template, or null. */
  async landingPageOf(versionIds: string[]): Promise<TemplateWithVersion | null> {
    if (versionIds.length === 0) return null;
    const templateVersion = await this.versions
      .createQueryBuilder('v')
      .innerJoin(TemplateEntity, 't', 't.id = v.templateId')
      .where('v.id IN (:...versionIds)', { versionIds })
      .andWhere("t.kind = 'landing_page'")
      .getOne();
    if (!templateVersion) return null;
    const template = await this.templates.findOneBy({ id: templateVersion.templateId });
    return template ? { template, templateVersion } : null;
  }

  // For nurture: what a sequence's email steps name.

  /** Template id → kind, for those of `templateIds` that exist, in one query. */
  async kindsOf(templateIds: string[]): Promise<Map<string, TemplateKind>> {
    if (templateIds.length === 0) return new Map();
    const rows = await this.templates.find({ where: { id: In(templateIds) }, select: { id: true, kind: true } });
    return new Map(rows.map((t) => [t.id, t.kind]));
  }
}
