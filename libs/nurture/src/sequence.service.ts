import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AssetResolver, AssetUsageService } from '@app/assets';
import { TemplateService } from '@app/brand';
import { KitService, LaunchService } from '@app/campaigns';
import { AuditService, Clock, decodeCursor, FieldProblem, isCreatedAtCursor, NotFoundError, Page, partnerScope, PartnerScope, Principal, toPage, ValidationFailedError } from '@app/core';
import { MessageOutbox } from '@app/mailing';
import { EnrolmentRepository } from './enrolment.repository';
import type { QuietHours } from '@app/core';
import { SequenceInUseError, SequenceStatusError } from './nurture.errors';
import { Sequence, SequenceResults, SequenceVersion } from './nurture.types';
import { SequenceRepository } from './sequence.repository';
import { EXIT_CRITERIA, ExitCriterion, parseQuietHours, parseSteps, SequenceStep } from './sequence-steps';

export interface SequenceInput {
  name?: string;
  kitId?: string | null;
  steps?: unknown;
  quietHours?: unknown;
  exitOn?: unknown;
}

export interface SequenceWithVersion {
  sequence: Sequence;
  version: SequenceVersion | null;
}

const DEFAULT_PAGE = 25;

/**
 * Sequences as the vendor authors them: a draft of steps, published into immutable versions
 * (email steps freeze the template's published version), paused and resumed as a whole.
 */
@Injectable()
export class SequenceService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sequences: SequenceRepository,
    private readonly enrolments: EnrolmentRepository,
    private readonly outbox: MessageOutbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly resolver: AssetResolver,
    private readonly usage: AssetUsageService,
    private readonly templates: TemplateService,
    private readonly kits: KitService,
    private readonly launches: LaunchService,
  ) {}

  async create(actor: Principal, input: SequenceInput & { key?: string }): Promise<SequenceWithVersion> {
    const kitId = input.kitId ?? null;
    const problems: FieldProblem[] = [];
    if (kitId && !(await this.kits.findKit(kitId))) problems.push({ field: 'kitId', problems: ['is not a kit'] });
    const content = await this.checkContent({ steps: input.steps, quietHours: input.quietHours ?? null, exitOn: input.exitOn ?? [...EXIT_CRITERIA] }, problems);
    if (problems.length > 0) throw new ValidationFailedError(problems);
    const sequence = await this.dataSource.transaction(async (manager) => {
      const created = await this.sequences.insert(
        { key: input.key ?? null, kitId, audience: kitId ? 'contacts' : 'partner_users', name: (input.name ?? '').trim(), ...content, createdBy: actor.userId },
        this.clock.now(),
        manager,
      );
      if (!created) throw new SequenceStatusError(`A sequence with key ${input.key} exists`);
      await this.audit.record({ actorUserId: actor.userId, action: 'sequence.created', entityType: 'sequence', entityId: created.id, after: { name: created.name, kitId } }, manager);
      return created;
    });
    return { sequence, version: null };
  }

  async list(principal: Principal, query: { limit?: number; cursor?: string; kitId?: string }): Promise<Page<SequenceWithVersion>> {
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = decodeCursor(query.cursor, 2, isCreatedAtCursor) as [string, string] | undefined;
    const scope = partnerScope(principal);
    const rows = await this.sequences.list(scope, await this.launchedKits(scope), { limit: limit + 1, ...(after ? { after } : {}), ...(query.kitId ? { kitId: query.kitId } : {}) });
    const page = toPage(rows, limit, (s) => [s.createdAt.toISOString(), s.id]);
    const versions = await this.sequences.versions(page.items.map((s) => s.currentVersionId).filter((id): id is string => id !== null));
    return { items: page.items.map((sequence) => ({ sequence, version: sequence.currentVersionId ? (versions.get(sequence.currentVersionId) ?? null) : null })), nextCursor: page.nextCursor };
  }

  /** Vendors see every sequence; a partner only the published sequences of kits it launched (else 404). */
  async get(principal: Principal, id: string): Promise<SequenceWithVersion> {
    const scope = partnerScope(principal);
    const sequence = await this.sequences.findVisible(scope, id, await this.launchedKits(scope));
    if (!sequence) throw new NotFoundError('Sequence');
    return { sequence, version: sequence.currentVersionId ? await this.sequences.version(sequence.currentVersionId) : null };
  }

  async update(actor: Principal, id: string, input: SequenceInput): Promise<SequenceWithVersion> {
    const { sequence } = await this.get(actor, id);
    const problems: FieldProblem[] = [];
    const content = await this.checkContent({ steps: input.steps ?? sequence.steps, quietHours: input.quietHours === undefined ? sequence.quietHours : input.quietHours, exitOn: input.exitOn ?? sequence.exitOn }, problems);
    if (problems.length > 0) throw new ValidationFailedError(problems);
    await this.dataSource.transaction(async (manager) => {
      await this.sequences.updateDraft(id, { ...(input.name !== undefined ? { name: input.name.trim() } : {}), ...content }, this.clock.now(), manager);
      await this.audit.record({ actorUserId: actor.userId, action: 'sequence.draft_saved', entityType: 'sequence', entityId: id, after: { fields: Object.keys(input) } }, manager);
    });
    return this.get(actor, id);
  }

  async remove(actor: Principal, id: string): Promise<void> {
    const { sequence } = await this.get(actor, id);
    if (sequence.key) throw new SequenceStatusError('A built-in program cannot be deleted; pause it instead');
    if (await this.sequences.hasEnrolments(id)) throw new SequenceInUseError();
    await this.sequences.delete(id);
    await this.audit.record({ actorUserId: actor.userId, action: 'sequence.deleted', entityType: 'sequence', entityId: id, after: null });
  }

  /**
   * Publishes the draft as a new version, freezing each email step's template at its published
   * version; publishing an unchanged sequence (same steps, same template versions) keeps the
   * current version. Running enrolments stay on the version they started with.
   */
  async publish(actor: Principal | null, id: string): Promise<SequenceWithVersion & { created: boolean }> {
    const current = await this.sequences.find(id);
    if (!current) throw new NotFoundError('Sequence');
    const frozen = await this.freeze(current.steps);
    return this.dataSource.transaction(async (manager) => {
      const sequence = (await this.sequences.find(id, manager, 'update'))!;
      const existing = sequence.currentVersionId ? await this.sequences.version(sequence.currentVersionId, manager) : null;
      const content = { steps: frozen, quietHours: sequence.quietHours, exitOn: sequence.exitOn };
      if (existing && JSON.stringify({ steps: existing.steps, quietHours: existing.quietHours, exitOn: existing.exitOn }) === JSON.stringify(content)) {
        return { sequence, version: existing, created: false };
      }
      const version = await this.sequences.insertVersion(id, content, actor?.userId ?? null, this.clock.now(), manager);
      await this.recordAssets(version.id, frozen, manager);
      await this.audit.record({ actorUserId: actor?.userId ?? null, action: 'sequence.published', entityType: 'sequence', entityId: id, after: { version: version.version } }, manager);
      return { sequence: (await this.sequences.find(id, manager))!, version, created: true };
    });
  }

  /** Pausing holds the sequence: no step runs and its pending messages are held; resuming releases them. */
  async setPaused(actor: Principal, id: string, paused: boolean): Promise<SequenceWithVersion> {
    await this.get(actor, id);
    await this.dataSource.transaction(async (manager) => {
      const sequence = (await this.sequences.find(id, manager, 'update'))!;
      if (sequence.status === 'draft') throw new SequenceStatusError('Publish the sequence first');
      if (paused !== (sequence.status === 'active')) throw new SequenceStatusError(`The sequence is already ${sequence.status}`);
      const now = this.clock.now();
      await this.sequences.setStatus(id, paused ? 'paused' : 'active', now, manager);
      await this.enrolments.setHeld(manager, id, paused, now);
      if (!paused) {
        for (const enrolmentId of await this.enrolments.withHeldMessages(id, manager)) await this.outbox.release({ enrolmentId }, manager);
      }
      await this.audit.record({ actorUserId: actor.userId, action: paused ? 'sequence.paused' : 'sequence.resumed', entityType: 'sequence', entityId: id, after: null }, manager);
    });
    return this.get(actor, id);
  }

  /** Counts per sequence and per step; a partner sees its own enrolments only. */
  async results(principal: Principal, id: string): Promise<SequenceResults> {
    const { sequence, version } = await this.get(principal, id);
    const raw = await this.sequences.results(id, partnerScope(principal));
    const steps = version?.steps ?? sequence.steps;
    return { ...raw, steps: raw.steps.filter((s) => s.stepIndex !== null).map((s) => ({ ...s, type: steps[s.stepIndex]?.type ?? 'email' })) };
  }

  private async checkContent(input: { steps: unknown; quietHours: unknown; exitOn: unknown }, problems: FieldProblem[]): Promise<{ steps: SequenceStep[]; quietHours: QuietHours | null; exitOn: ExitCriterion[] }> {
    const { steps, problems: stepProblems } = parseSteps(input.steps);
    problems.push(...stepProblems);
    const { quietHours, problems: quietProblems } = parseQuietHours(input.quietHours);
    problems.push(...quietProblems);
    const exitOn = input.exitOn;
    if (!Array.isArray(exitOn) || exitOn.some((e) => !(EXIT_CRITERIA as readonly unknown[]).includes(e))) {
      problems.push({ field: 'exitOn', problems: [`must be a list of ${EXIT_CRITERIA.join(', ')}`] });
    }
    const templateIds = [...new Set(steps.flatMap((s) => (s.type === 'email' ? [s.templateId] : [])))];
    const found = await this.templates.kindsOf(templateIds);
    steps.forEach((s, i) => {
      if (s.type !== 'email' || stepProblems.some((p) => p.field === `steps[${i}].templateId`)) return;
      const kind = found.get(s.templateId);
      if (kind === undefined) problems.push({ field: `steps[${i}].templateId`, problems: ['is not a template'] });
      else if (kind !== 'email') problems.push({ field: `steps[${i}].templateId`, problems: ['must be an email template'] });
    });
    return { steps, quietHours, exitOn: Array.isArray(exitOn) ? EXIT_CRITERIA.filter((e) => exitOn.includes(e)) : [...EXIT_CRITERIA] };
  }

  /** The usage graph: each email step uses the library assets its frozen template version refers to. */
  private async recordAssets(sequenceVersionId: string, steps: SequenceStep[], manager: EntityManager): Promise<void> {
    const emails = steps.flatMap((s, i) => (s.type === 'email' && s.templateVersionId ? [{ index: i, templateVersionId: s.templateVersionId }] : []));
    if (emails.length === 0) return;
    const assets = await this.usage.assetsOfTemplateVersions(emails.map((e) => e.templateVersionId), manager);
    const refs = emails.flatMap((e) =>
      (assets.get(e.templateVersionId) ?? []).map((assetId) => ({ assetId, kind: 'nurture_step' as const, refId: `${sequenceVersionId}:${e.index}`, templateVersionId: e.templateVersionId })),
    );
    if (refs.length === 0) return;
    const resolved = await this.resolver.resolve(refs.map((r) => r.assetId), manager);
    await this.usage.record(refs.map((r) => ({ ...r, assetVersionId: resolved.get(r.assetId)?.target?.versionId ?? null })), manager);
  }

  private async freeze(steps: SequenceStep[]): Promise<SequenceStep[]> {
    const templateIds = [...new Set(steps.flatMap((s) => (s.type === 'email' ? [s.templateId] : [])))];
    const published = await this.templates.latestPublishedVersionIds(templateIds);
    const problems: FieldProblem[] = [];
    const frozen = steps.map((s, i): SequenceStep => {
      if (s.type !== 'email') return s;
      const versionId = published.get(s.templateId);
      if (!versionId) {
        problems.push({ field: `steps[${i}].templateId`, problems: ['has no published version'] });
        return s;
      }
      return { type: 'email', templateId: s.templateId, templateVersionId: versionId };
    });
    if (steps.length === 0) problems.push({ field: 'steps', problems: ['must have at least one step'] });
    if (problems.length > 0) throw new ValidationFailedError(problems, 422);
    return frozen;
  }

  /** The kits a partner launched (whose published sequences it sees); none needed for all partners. */
  private async launchedKits(scope: PartnerScope): Promise<string[]> {
    return scope.partnerId === null ? [] : this.launches.kitIdsLaunchedBy(scope.partnerId);
  }
}
