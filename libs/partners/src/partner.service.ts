import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  APP_CONFIG,
  AppConfig,
  AuditService,
  CacheInvalidation,
  Clock,
  ConflictError,
  decodeCursor,
  DomainError,
  FieldProblem,
  ImageService,
  InviteService,
  isCreatedAtCursor,
  isPartnerRole,
  isUuid,
  NotFoundError,
  onBehalfOfPartner,
  Page,
  PartnerRole,
  PartnerScope,
  partnerScope,
  Principal,
  StorageService,
  toPage,
  uniqueViolation,
  User,
  UserRepository,
  ValidationFailedError,
} from '@app/core';
import { Eligibility } from './eligibility';
import { CreatePartnerDto, CreateTierDto, ListPartnersQuery, UpdatePartnerDto, UpdateTierDto, VENDOR_ONLY_FIELDS } from './partner.dto';
import { PartnerEntity } from './partner.entity';
import { PartnerInTier, PartnerMdfTerms, PartnerRepository, SignedPartner } from './partner.repository';
import { PartnerEligibilityFacts, TierCount } from './partner.view';
import { TierEntity } from './tier.entity';

const LOGO_MAX_SIDE = 1024;
const DEFAULT_PAGE = 25;

/** The invalidation topic a partner's profile changes (name, slug, logo, colours…) are announced on; keys: partner ids. */
export const PARTNER_PROFILE_TOPIC = 'partner-profiles';

/** Partner organisations, their tiers, profiles, logos and users. Every read is scoped by the caller. */
@Injectable()
export class PartnerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly partners: PartnerRepository,
    private readonly users: UserRepository,
    private readonly invites: InviteService,
    private readonly images: ImageService,
    private readonly storage: StorageService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly invalidation: CacheInvalidation,
  ) {}

  async list(principal: Principal, query: ListPartnersQuery): Promise<Page<PartnerEntity>> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = decodeCursor(query.cursor, 2, ([name, id]) => typeof name === 'string' && isUuid(id)) as [string, string] | undefined;
    const rows = await this.partners.listVisible(partnerScope(principal), query, { limit: limit + 1, ...(after ? { after } : {}) });
    return toPage(rows, limit, (p) => [p.name.toLowerCase(), p.id]);
  }

  /** What is wrong with an eligibility a vendor gives a kit or an asset: tiers or partners that do not exist. */
  async eligibilityProblems(eligibility: Eligibility, manager?: EntityManager): Promise<FieldProblem[]> {
    const problems: FieldProblem[] = [];
    const tierIds = eligibility.tierIds ?? [];
    if (tierIds.length > 0 && (await this.partners.countTiers(tierIds, manager)) !== new Set(tierIds).size) problems.push({ field: 'eligibility.tierIds', problems: ['names a tier that does not exist'] });
    const partnerIds = eligibility.partnerIds ?? [];
    if (partnerIds.length > 0 && (await this.partners.countPartners(partnerIds, manager)) !== new Set(partnerIds).size) problems.push({ field: 'eligibility.partnerIds', problems: ['names a partner that does not exist'] });
    return problems;
  }

  /** A partner in the scope, or null: for work no caller asks for (a job names its `SystemScope`). */
  find(scope: PartnerScope, id: string): Promise<PartnerEntity | null> {
    return this.partners.findVisible(scope, id);
  }

  /** A partner the caller may see; another partner's id answers 404, as if it did not exist. */
  async get(principal: Principal, id: string): Promise<PartnerEntity> {
    const partner = await this.partners.findVisible(partnerScope(principal), id);
    if (!partner) throw new NotFoundError('Partner');
    return partner;
  }

  async create(principal: Principal, dto: CreatePartnerDto, requestId?: string): Promise<PartnerEntity> {
    await this.requireTier(dto.tierId);
    return this.uniqueSlug(() =>
      this.dataSource.transaction(async (manager) => {
        const partner = await this.partners.insert(manager, {
          name: dto.name.trim(),
          slug: dto.slug,
          tierId: dto.tierId,
          region: dto.region,
          website: dto.website ?? null,
          phone: dto.phone ?? null,
          address: dto.address ?? null,
          timeZone: dto.timeZone ?? 'UTC',
          brandColour: dto.brandColour?.toUpperCase() ?? null,
          legalDisclaimer: dto.legalDisclaimer ?? null,
          status: dto.status ?? 'prospect',
          signedAt: dto.signedAt ?? null,
        });
        await this.audit.record(
          { actorUserId: principal.userId, action: 'partner.created', entityType: 'partner', entityId: partner.id, after: partner, requestId },
          manager,
        );
        return partner;
      }),
    );
  }

  /**
   * Vendor managers change anything; a partner admin changes its own profile fields only, and
   * naming a vendor-managed field is refused with that field named.
   */
  async update(principal: Principal, id: string, dto: UpdatePartnerDto, requestId?: string): Promise<PartnerEntity> {
    await this.get(principal, id);
    if (isPartnerRole(principal.role)) {
      const refused = VENDOR_ONLY_FIELDS.filter((field) => dto[field] !== undefined);
      if (refused.length > 0) {
        throw new DomainError('FORBIDDEN', `Only the vendor can change ${refused.join(', ')}`, 403, {
          fields: refused.map((field) => ({ field, problems: ['can only be changed by the vendor'] })),
        });
      }
    }
    if (dto.tierId) await this.requireTier(dto.tierId);
    return this.uniqueSlug(() =>
      this.dataSource.transaction(async (manager) => {
        const partner = await this.partners.lockForUpdate(manager, id);
        if (!partner) throw new NotFoundError('Partner');
        const before = { ...partner };
        const changes = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined)) as Partial<PartnerEntity>;
        if (typeof changes.name === 'string') changes.name = changes.name.trim();
        if (typeof changes.brandColour === 'string') changes.brandColour = changes.brandColour.toUpperCase();
        // Values equal to the current ones are not changes: no new profile version, no audit row.
        for (const key of Object.keys(changes) as (keyof PartnerEntity)[]) {
          if (changes[key] === partner[key]) delete changes[key];
        }
        if (Object.keys(changes).length === 0) return partner;
        Object.assign(partner, changes, { profileVersion: partner.profileVersion + 1 });
        const saved = await this.partners.save(manager, partner);
        await this.invalidation.publish(PARTNER_PROFILE_TOPIC, [id], manager);
        await this.audit.record(
          {
            actorUserId: principal.userId,
            onBehalfOfPartnerId: onBehalfOfPartner(principal, id),
            action: 'partner.updated',
            entityType: 'partner',
            entityId: id,
            before: pick(before, Object.keys(changes)),
            after: pick(saved, Object.keys(changes)),
            requestId,
          },
          manager,
        );
        return saved;
      }),
    );
  }

  /** Validates and normalises the upload, stores it, and points the profile at it. */
  async setLogo(principal: Principal, id: string, upload: Buffer, requestId?: string): Promise<PartnerEntity> {
    await this.get(principal, id);
    const image = await this.images.normaliseLogo(upload, {
      maxInputPixels: this.config.uploads.maxInputPixels,
      maxSide: LOGO_MAX_SIDE,
      field: 'file',
    });
    const key = `partners/${id}/logo-${createHash('sha256').update(image.data).digest('hex').slice(0, 16)}.png`;
    await this.storage.put(key, image.data, image.contentType);
    const { partner, previousKey } = await this.dataSource.transaction(async (manager) => {
      const partner = await this.partners.lockForUpdate(manager, id);
      if (!partner) throw new NotFoundError('Partner');
      const previousKey = partner.logoKey;
      Object.assign(partner, { logoKey: key, logoWidth: image.width, logoHeight: image.height, profileVersion: partner.profileVersion + 1 });
      const saved = await this.partners.save(manager, partner);
      await this.invalidation.publish(PARTNER_PROFILE_TOPIC, [id], manager);
      await this.audit.record(
        {
          actorUserId: principal.userId,
          onBehalfOfPartnerId: onBehalfOfPartner(principal, id),
          action: 'partner.logo_changed',
          entityType: 'partner',
          entityId: id,
          before: { logoKey: previousKey },
          after: { logoKey: key, width: image.width, height: image.height },
          requestId,
        },
        manager,
      );
      return { partner: saved, previousKey };
    });
    // The old file goes only once nothing points at it; the same picture keeps the same key.
    if (previousKey && previousKey !== key) await this.storage.delete(previousKey).catch(() => undefined);
    return partner;
  }

  async logoUrl(principal: Principal, id: string): Promise<{ url: string; partner: PartnerEntity }> {
    const partner = await this.get(principal, id);
    if (!partner.logoKey) throw new NotFoundError('Logo');
    return { url: await this.storage.presignGet(partner.logoKey), partner };
  }

  async listUsers(principal: Principal, partnerId: string, query: { limit?: number; cursor?: string }): Promise<Page<User>> {
    await this.get(principal, partnerId);
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = decodeCursor(query.cursor, 2, isCreatedAtCursor);
    const rows = await this.users.listMembers(partnerId, {
      limit: limit + 1,
      ...(after ? { after: { createdAt: new Date(String(after[0])), id: String(after[1]) } } : {}),
    });
    return toPage(rows, limit, (u) => [u.createdAt.toISOString(), u.id]);
  }

  async inviteUser(
    principal: Principal,
    partnerId: string,
    invite: { email: string; name: string; role: PartnerRole },
    requestId?: string,
  ): Promise<User> {
    const partner = await this.get(principal, partnerId);
    return this.invites.invite({ ...invite, partnerId, organisationName: partner.name }, principal, requestId);
  }

  /**
   * Disables a user of the partner: signed out everywhere at once, no further logins. Nobody disables
   * their own account (an organisation could lock its last admin out).
   */
  async disableUser(principal: Principal, partnerId: string, userId: string, requestId?: string): Promise<User> {
    await this.get(principal, partnerId);
    if (userId === principal.userId) throw new DomainError('USER_CANNOT_DISABLE_SELF', 'You cannot disable your own account', 409);
    return this.dataSource.transaction(async (manager) => {
      const disabled = await this.users.disableMember(manager, partnerId, userId, this.clock.now());
      if (!disabled) throw new NotFoundError('User');
      if (disabled.previousStatus !== 'disabled') {
        await this.audit.record(
          {
            actorUserId: principal.userId,
            onBehalfOfPartnerId: onBehalfOfPartner(principal, partnerId),
            action: 'user.disabled',
            entityType: 'user',
            entityId: userId,
            before: { status: disabled.previousStatus },
            after: { status: 'disabled' },
            requestId,
          },
          manager,
        );
      }
      return disabled.user;
    });
  }

  listTiers(): Promise<TierEntity[]> {
    return this.partners.listTiers();
  }

  async createTier(principal: Principal, dto: CreateTierDto): Promise<TierEntity> {
    return this.uniqueTier(async () => {
      const tier = await this.partners.saveTier({ ...dto, name: dto.name.trim(), attributes: dto.attributes ?? {} });
      await this.audit.record({ actorUserId: principal.userId, action: 'tier.created', entityType: 'tier', entityId: tier.id, after: tier });
      return tier;
    });
  }

  async updateTier(principal: Principal, id: string, dto: UpdateTierDto): Promise<TierEntity> {
    const tier = await this.partners.findTier(id);
    if (!tier) throw new NotFoundError('Tier');
    const before = { ...tier };
    return this.uniqueTier(async () => {
      const saved = await this.partners.saveTier(Object.assign(tier, dto));
      await this.audit.record({ actorUserId: principal.userId, action: 'tier.updated', entityType: 'tier', entityId: id, before, after: saved });
      return saved;
    });
  }

  private async requireTier(id: string): Promise<TierEntity> {
    const tier = await this.partners.findTier(id);
    if (!tier) throw ValidationFailedError.field('tierId', 'no such tier', 422);
    return tier;
  }

  private async uniqueSlug<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (uniqueViolation(error, 'partners_slug_key')) {
        throw new ConflictError('PARTNER_SLUG_TAKEN', 'Another partner already uses this slug', { field: 'slug' });
      }
      throw error;
    }
  }

  private async uniqueTier<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (uniqueViolation(error, 'tiers_name_key')) throw new ConflictError('TIER_NAME_TAKEN', 'Another tier has this name', { field: 'name' });
      if (uniqueViolation(error, 'tiers_rank_key')) throw new ConflictError('TIER_RANK_TAKEN', 'Another tier has this rank', { field: 'rank' });
      throw error;
    }
  }

  /** Name, tier, region and time zone of these partners, for system work that already holds their ids (asset usage, notices, reports). */
  briefs(ids: string[], manager?: EntityManager): Promise<Pick<PartnerEntity, 'id' | 'name' | 'tierId' | 'region' | 'timeZone'>[]> {
    return this.partners.briefs(ids, manager);
  }

  /** How many partners may see something under eligibility `current` and would not under `next` (an eligibility change's impact). */
  countLosingEligibility(current: Eligibility, next: Eligibility): Promise<number> {
    return this.partners.countLosingEligibility(current, next);
  }

  // For campaigns (auto-launch, adoption by tier, lead lists): reads that serve no caller's scope.

  /** Id, tier and region of the partners that can launch (active or onboarding), of `ids` when given, by id. */
  eligibilityFactsOfActive(ids: string[] | null, manager?: EntityManager): Promise<PartnerEligibilityFacts[]> {
    return this.partners.eligibilityFactsOfActive(ids, manager);
  }

  /** Every tier (by rank) with how many of `partnerIds` are in it. */
  tiersOf(partnerIds: string[]): Promise<TierCount[]> {
    return this.partners.tiersCounting([...new Set(partnerIds)]);
  }

  /**
   * Name, signing date and tier reimbursement percentage of each of these partners, in one query,
   * in name order (then id); a missing partner is left out. In the caller's transaction when given.
   */
  async mdfTerms(ids: string[], manager?: EntityManager): Promise<Map<string, PartnerMdfTerms>> {
    const rows = await this.partners.mdfTerms([...new Set(ids)], manager);
    return new Map(rows.map(({ id, ...terms }) => [id, terms]));
  }

  /** The tier of each of these partners, or (null) of every onboarding or active partner, by id (MDF allocation). */
  tierOfEach(ids: string[] | null): Promise<{ partnerId: string; tierId: string }[]> {
    return this.partners.tiersOf(ids);
  }

  /** The partner id each of `refs` (a slug or an id) names, keyed by both, in one query (a deal CSV import's partner column). */
  idsBySlugOrId(refs: string[]): Promise<Map<string, string>> {
    return this.partners.idsBySlugOrId(refs);
  }

  /** The name of each of these partners, in one query (a missing partner is left out); in the caller's transaction when given. */
  async namesOf(ids: string[], manager?: EntityManager): Promise<Map<string, string>> {
    const rows = await this.partners.mdfTerms([...new Set(ids)], manager);
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  // For nurture's activation program.

  /** Up to `limit` partners (not inactive) signed on or before `signedBy` (YYYY-MM-DD), in signing order (then id), after `after`. */
  signedBy(signedBy: string, after: SignedPartner | null, limit: number): Promise<SignedPartner[]> {
    return this.partners.signedBy(signedBy, after, limit);
  }

  /** The status of each partner among `ids`, or of each partner of the tiers among `tierIds` (a tier without partners: one row, partner null), in one query. */
  statusesOf(where: { ids: string[] } | { tierIds: string[] }): Promise<PartnerInTier[]> {
    return this.partners.statusesOf(where);
  }
}


function pick(source: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, (source as Record<string, unknown>)[key]]));
}
