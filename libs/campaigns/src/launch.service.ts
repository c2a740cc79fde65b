import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CoBrandService, FieldRuleProblem, stringEdits, TemplateService, TemplateWithVersion } from '@app/brand';
import {
  AuditService,
  CacheInvalidation,
  Clock,
  ConflictError,
  decodeCursor,
  DomainError,
  isVendor,
  NotFoundError,
  Page,
  partnerScope,
  Principal,
  scopeCovers,
  SystemScope,
  toPage,
  uniqueViolation,
  ValidationFailedError,
} from '@app/core';
import { isEligible, Partner, PartnerService } from '@app/partners';
import { BlastRequest, BlastService } from './blast.service';
import { isAvailable } from './eligibility';
import { LAUNCHES_TOPIC } from './campaign-topics';
import { KitEntity } from './kit.entity';
import { KitService } from './kit.service';
import { KitVersionEntity } from './kit-version.entity';
import { LaunchEntity, LaunchMode } from './launch.entity';
import { LaunchBlockedError } from './launch.errors';
import { LaunchLinkService } from './launch-links.service';
import { LaunchRepository } from './launch.repository';
import { frozenRefs, LaunchUsageService } from './launch-usage.service';

export interface LaunchRequest extends BlastRequest {
  /** Vendors launching on a partner's behalf (concierge) say which partner. */
  partnerId?: string;
  /** Template id → field key → value. */
  edits?: Record<string, Record<string, unknown>>;
}

/**
 * Launches: a partner's running instance of a kit version. One click (partner), on the partner's
 * behalf (concierge), or automatically for opted-in partners; the same Idempotency-Key, a retried
 * job or a second click never makes a second launch. The link fan-out, library usage and banners
 * (`LaunchLinkService`, `LaunchUsageService`), the blast (`BlastService`) and status changes
 * (`LaunchStatusService`) are their own services.
 */
@Injectable()
export class LaunchService {
  private readonly logger = new Logger(LaunchService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly launches: LaunchRepository,
    private readonly kits: KitService,
    private readonly partners: PartnerService,
    private readonly templates: TemplateService,
    private readonly cobrand: CoBrandService,
    private readonly links: LaunchLinkService,
    private readonly usage: LaunchUsageService,
    private readonly blasts: BlastService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly invalidation: CacheInvalidation,
  ) {}

  async launch(principal: Principal, kitId: string, request: LaunchRequest, idempotencyKey: string | null): Promise<{ launch: LaunchEntity; created: boolean }> {
    const { partnerId } = partnerScope(principal, request.partnerId);
    if (request.partnerId !== undefined && request.partnerId !== partnerId) throw new NotFoundError('Kit');
    if (!partnerId) throw ValidationFailedError.field('partnerId', 'say which partner you launch for', 422);
    const partner = await this.partners.get(principal, partnerId);
    const mode: LaunchMode = isVendor(principal) ? 'concierge' : 'partner';
    return this.launchFor(principal.userId, partner, kitId, request, idempotencyKey, mode);
  }

  /** The auto-launch job: once per (kit version, partner), whatever retries or republishes happen. */
  async autoLaunch(kitVersionId: string, partnerId: string): Promise<LaunchEntity | null> {
    const version = await this.kits.findVersion(kitVersionId);
    const partner = await this.partners.find(SystemScope.partner(partnerId, 'the auto-launch job of this partner'), partnerId);
    if (!version || !partner) return null;
    const latest = await this.kits.latestPublished(version.kitId);
    if (latest?.id !== version.id) return null; // superseded before the job ran
    try {
      const { launch } = await this.launchFor(null, partner, version.kitId, {}, `auto.${version.id}`, 'auto');
      return launch;
    } catch (error) {
      if (error instanceof DomainError && ['KIT_ALREADY_LAUNCHED', 'LAUNCH_BLOCKED', 'KIT_NOT_AVAILABLE', 'KIT_ASSET_WITHDRAWN'].includes(error.code)) {
        this.logger.log(`auto-launch of ${version.id} for ${partnerId} skipped: ${error.message}`);
        return null;
      }
      throw error;
    }
  }

  private async launchFor(
    actorUserId: string | null,
    partner: Partner,
    kitId: string,
    request: LaunchRequest,
    idempotencyKey: string | null,
    mode: LaunchMode,
  ): Promise<{ launch: LaunchEntity; created: boolean }> {
    if (idempotencyKey) {
      const existing = await this.launches.findByIdempotencyKey(partner.id, idempotencyKey);
      if (existing) {
        if (existing.kitId !== kitId) throw new ConflictError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another kit', { field: 'Idempotency-Key' });
        return { launch: existing, created: false };
      }
    }
    const kit = await this.kits.findKit(kitId);
    const version = kit ? await this.kits.latestPublished(kitId) : null;
    // Not published or not eligible: the kit does not exist for this partner.
    if (!kit || kit.status !== 'published' || !version || !isEligible(version.eligibility, partner)) throw new NotFoundError('Kit');
    const now = this.clock.now();
    if (!isAvailable(version, now)) {
      throw new DomainError(
        'KIT_NOT_AVAILABLE',
        version.startsAt && now < version.startsAt
          ? `This kit can be launched from ${version.startsAt.toISOString()}`
          : `This kit could be launched until ${version.endsAt!.toISOString()}; it has ended`,
        422,
        { startsAt: version.startsAt?.toISOString() ?? null, endsAt: version.endsAt?.toISOString() ?? null },
      );
    }
    const templates = await this.templates.withVersions(frozenRefs(version));
    const edits = await this.checkEdits(templates, partner, request.edits ?? {});
    const assets = await this.usage.checkAssets(version, templates, edits);
    const blast = await this.blasts.plan(partner, templates, request, now, mode);

    let launch: LaunchEntity;
    try {
      launch = await this.dataSource.transaction(async (manager) => {
        const saved = await this.launches.insert(manager, {
          kitId,
          kitVersionId: version.id,
          partnerId: partner.id,
          status: 'active',
          mode,
          edits,
          launchedBy: actorUserId,
          idempotencyKey,
          audienceId: blast?.audienceId ?? null,
          sendAt: blast?.sendAt ?? null,
          blastTemplateId: blast?.templateId ?? null,
          blastStatus: blast ? 'scheduled' : 'none',
          endedAt: null,
        });
        const assetLinks = await this.links.createLinks(saved, version, templates, partner, kit, manager);
        await this.usage.recordLaunch(saved, version, templates, assetLinks, assets, manager);
        await this.audit.record(
          {
            actorUserId,
            onBehalfOfPartnerId: mode === 'partner' ? null : partner.id,
            action: `launch.created.${mode}`,
            entityType: 'launch',
            entityId: saved.id,
            after: { kitId, kitVersion: version.version, partnerId: partner.id },
          },
          manager,
        );
        // The kit's landing page at this partner's address now shows this launch, in every process.
        await this.invalidation.publish(LAUNCHES_TOPIC, [saved.id], manager);
        return saved;
      });
    } catch (error) {
      if (uniqueViolation(error, 'launches_idempotency_key') && idempotencyKey) {
        // Two requests with the same key at once: the other one won; answer with its launch.
        const winner = await this.launches.findByIdempotencyKey(partner.id, idempotencyKey);
        if (!winner) throw error;
        return { launch: winner, created: false };
      }
      if (uniqueViolation(error, 'launches_one_live')) {
        const live = await this.launches.latestOf(kitId, partner.id);
        throw new ConflictError('KIT_ALREADY_LAUNCHED', 'This partner already has a live launch of this kit', { launchId: live?.id ?? null });
      }
      throw error;
    }
    await this.usage.renderBanners(launch, templates, partner);
    return { launch, created: true };
  }

  /** Checks every template's edits against its frozen version; launch blockers refuse the launch. */
  private async checkEdits(templates: TemplateWithVersion[], partner: Partner, edits: Record<string, Record<string, unknown>>): Promise<Record<string, Record<string, string>>> {
    const known = new Set(templates.map((t) => t.template.id));
    const unknown = Object.keys(edits).filter((id) => !known.has(id));
    if (unknown.length > 0) throw ValidationFailedError.field(`edits.${unknown[0]}`, 'is not a template of this kit', 422);
    const problems: (FieldRuleProblem & { templateId: string })[] = [];
    const blockers: (FieldRuleProblem & { templateId: string })[] = [];
    const frozen: Record<string, Record<string, string>> = {};
    for (const { template, templateVersion } of templates) {
      const templateId = template.id;
      const given = edits[templateId] ?? {};
      const result = await this.cobrand.checkForLaunch(template.kind, templateVersion, partner, given);
      problems.push(...result.problems.map((p) => ({ ...p, templateId })));
      blockers.push(...result.launchBlockers.map((p) => ({ ...p, templateId })));
      frozen[templateId] = stringEdits(given);
    }
    if (problems.length > 0) {
      throw new DomainError('EDIT_INVALID', problems.map((p) => p.message).join('; '), 422, {
        fields: problems.map((p) => ({ field: `edits.${p.templateId}.${p.field}`, rule: p.rule, problems: [p.message] })),
      });
    }
    if (blockers.length > 0) throw new LaunchBlockedError(blockers);
    return frozen;
  }

  async list(principal: Principal, query: { limit?: number; cursor?: string; kitId?: string; partnerId?: string }): Promise<Page<LaunchEntity>> {
    const limit = query.limit ?? 25;
    const after = decodeCursor(query.cursor, 2, ([at, id]) => typeof at === 'string' && typeof id === 'string');
    const scope = partnerScope(principal, query.partnerId);
    const rows = await this.launches.page({ partnerId: scope.partnerId, ...(query.kitId ? { kitId: query.kitId } : {}), ...(after ? { after } : {}) }, limit);
    return toPage(rows, limit, (l) => [l.createdAt.toISOString(), l.id]);
  }

  /** A launch the caller may see (partners: their own; 404 otherwise), with whether an update exists. */
  async get(principal: Principal, id: string): Promise<{ launch: LaunchEntity; kit: KitEntity; version: KitVersionEntity; updateAvailable: boolean }> {
    const launch = await this.launches.findById(id);
    if (!launch || !scopeCovers(partnerScope(principal), launch.partnerId)) throw new NotFoundError('Launch');
    const kit = (await this.kits.findKit(launch.kitId))!;
    const version = (await this.kits.findVersion(launch.kitVersionId))!;
    const latest = await this.kits.latestPublished(launch.kitId);
    return { launch, kit, version, updateAvailable: launch.status !== 'ended' && kit.status === 'published' && latest !== null && latest.id !== version.id };
  }

  // For nurture: a partner sees the published sequences of the kits it launched.

  /** The kits the partner has launched (any status), in one query. */
  kitIdsLaunchedBy(partnerId: string): Promise<string[]> {
    return this.launches.kitIdsLaunchedBy(partnerId);
  }
}
