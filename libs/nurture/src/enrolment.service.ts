import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LaunchService, LeadService } from '@app/campaigns';
import { AudienceService, CsvParser, CsvSyntaxError, isEmail, normaliseEmail } from '@app/contacts';
import { AuditService, Clock, decodeCursor, DomainError, FieldProblem, ForbiddenError, isCreatedAtCursor, isVendor, NotFoundError, OnePartnerScope, ownPartnerScope, Page, Principal, SystemScope, toPage, ValidationFailedError } from '@app/core';
import { MessageOutbox, MessageStatus, PROGRAM_LIST, SuppressionService } from '@app/mailing';
import { PartnerService } from '@app/partners';
import { EnrolmentRepository, EnrolmentScope } from './enrolment.repository';
import { CONTACT_ENROLMENTS_REFUSAL, ContactEnrolmentForbiddenError, EnrolmentCsvError, EnrolmentStatusError, NoLiveLaunchError, ProgramEnrolmentForbiddenError, SequenceStatusError } from './nurture.errors';
import { Enrolment, EnrolmentSource, EnrolmentStatus, EnrolResult, ExitReason, PartnerUserEnrolInput, Sequence } from './nurture.types';
import { SequenceRepository } from './sequence.repository';

export const ENROL_LIMITS = { contactIds: 1_000, userIds: 1_000, partnerIds: 500, tierIds: 100, csvRows: 10_000, csvBytes: 2 * 1024 * 1024, audienceBatch: 1_000, userBatch: 1_000 } as const;
const PARTNER_USER_FIELDS = ['userIds', 'partnerIds', 'tierIds'] as const;

export interface ContactEnrolInput {
  contactIds?: string[];
  audienceId?: string;
}
const DEFAULT_PAGE = 25;

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

interface Candidate {
  id: string;
  emailNormalised: string;
  consent: string;
}

interface UserCandidate {
  id: string;
  partnerId: string;
  emailNormalised: string;
}

export interface EnrolmentMessage {
  id: string;
  stepIndex: number;
  status: MessageStatus;
  sentAt: Date | null;
  history: { type: string; at: Date; detail: Record<string, unknown> | null }[];
}

/**
 * Who runs through a sequence: a partner's contacts (by hand, a saved audience, a CSV of addresses,
 * the API, or a captured lead), or partner users the vendor enrols into its partner-facing programs,
 * each at most once per sequence at a time; and the ways an enrolment ends early (a reply, being
 * taken out, a registered deal).
 */
@Injectable()
export class EnrolmentService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sequences: SequenceRepository,
    private readonly enrolments: EnrolmentRepository,
    private readonly audiences: AudienceService,
    private readonly suppression: SuppressionService,
    private readonly outbox: MessageOutbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly launches: LaunchService,
    private readonly partners: PartnerService,
    private readonly leads: LeadService,
  ) {}

  /**
   * Partners enrol their contacts by id, or a saved audience's sendable contacts (another partner's
   * ids are `not_found`); vendors enrol partner users into a partner-facing sequence.
   */
  async enrol(principal: Principal, sequenceId: string, input: ContactEnrolInput & PartnerUserEnrolInput): Promise<{ enrolled: number; results: EnrolResult[] }> {
    if (isVendor(principal)) return this.enrolPartnerUsers(principal, sequenceId, input);
    const wrong = [...PARTNER_USER_FIELDS, 'roles' as const].filter((f) => input[f] !== undefined);
    if (wrong.length > 0) throw new ValidationFailedError(wrong.map((field) => ({ field, problems: ['partner users are enrolled by the vendor; give contactIds or an audienceId'] })));
    const scope = ownPartnerScope(principal, CONTACT_ENROLMENTS_REFUSAL);
    const partnerId = scope.partnerId;
    const { sequence, launchId } = await this.target(scope, sequenceId);
    if (!input.contactIds?.length && !input.audienceId) throw ValidationFailedError.field('contactIds', 'give contactIds or an audienceId');
    const results: EnrolResult[] = [];
    const enrolledBy = principal.userId;
    if (input.contactIds?.length) {
      const ids = [...new Set(input.contactIds.map((id) => id.toLowerCase()))];
      const source: EnrolmentSource = principal.tokenKind === 'api' ? 'api' : 'manual';
      const found = new Map((await this.enrolments.contactsOf(scope, ids)).map((c) => [c.id, c]));
      const missing = ids.filter((id) => !found.has(id));
      // Another partner's contact is indistinguishable from one that does not exist.
      if (missing.length > 0) throw new DomainError('NOT_FOUND', 'Contact not found', 404, { contactIds: missing });
      const outcomes = await this.enrolCandidates(sequence, partnerId, launchId, [...found.values()], { source, enrolledBy, leadId: null });
      for (const id of ids) results.push(outcomes.get(id) ?? { ref: id, outcome: 'not_found' });
    }
    if (input.audienceId) {
      let cursor: string | undefined;
      do {
        const page = await this.audiences.sendableContactsOf(principal, input.audienceId, { limit: ENROL_LIMITS.audienceBatch, ...(cursor ? { cursor } : {}) });
        const candidates = page.items.map((c) => ({ id: c.id, emailNormalised: c.emailNormalised, consent: c.consentStatus }));
        const outcomes = await this.enrolCandidates(sequence, partnerId, launchId, candidates, { source: 'audience', enrolledBy, leadId: null });
        results.push(...outcomes.values());
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return { enrolled: results.filter((r) => r.outcome === 'enrolled').length, results };
  }

  /**
   * A vendor enrols partner users into a published partner-facing sequence: users by id, each
   * partner's active admins (or active users of the given roles), or those of every partner in the
   * tiers. One outcome per user, and one per partner, tier or id that yields nobody. The vendor's
   * program mail answers to its own suppression list (where an unsubscribe from a program email
   * puts the address) and the global one, so a user who unsubscribed is reported `suppressed`.
   */
  async enrolPartnerUsers(principal: Principal, sequenceId: string, input: ContactEnrolInput & PartnerUserEnrolInput): Promise<{ enrolled: number; results: EnrolResult[] }> {
    const problems: FieldProblem[] = [];
    for (const field of ['contactIds', 'audienceId'] as const) {
      if (input[field] !== undefined) problems.push({ field, problems: ['contacts are enrolled by their partner; vendors enrol partner users with userIds, partnerIds or tierIds'] });
    }
    const given = PARTNER_USER_FIELDS.filter((f) => input[f] !== undefined);
    if (given.length === 0 && problems.length === 0) problems.push({ field: 'userIds', problems: ['give userIds, partnerIds or tierIds'] });
    for (const field of given.slice(1)) problems.push({ field, problems: [`give only one of userIds, partnerIds and tierIds (${given[0]} given)`] });
    for (const field of given) if (input[field]!.length === 0) problems.push({ field, problems: ['must not be empty'] });
    if (input.roles !== undefined && input.userIds !== undefined) problems.push({ field: 'roles', problems: ['applies to partnerIds or tierIds only'] });
    else if (input.roles?.length === 0) problems.push({ field: 'roles', problems: ['must not be empty'] });
    if (problems.length > 0) throw new ValidationFailedError(problems);

    const sequence = await this.sequences.find(sequenceId);
    if (!sequence) throw new NotFoundError('Sequence');
    if (sequence.audience !== 'partner_users') throw new ContactEnrolmentForbiddenError();
    if (!sequence.currentVersionId) throw new SequenceStatusError('Publish the sequence before enrolling anyone');

    // The report in the order asked: a fixed outcome, or a user whose outcome the insert decides.
    const slots: (EnrolResult | UserCandidate)[] = [];
    const candidates: UserCandidate[] = [];
    const take = (c: UserCandidate) => {
      candidates.push(c);
      slots.push(c);
    };
    const lower = (ids: string[]) => [...new Set(ids.map((id) => id.toLowerCase()))];
    if (input.userIds) {
      const ids = lower(input.userIds);
      const found = new Map((await this.enrolments.partnerUsers(ids)).map((u) => [u.id, u]));
      for (const id of ids) {
        const user = found.get(id);
        if (!user) slots.push({ ref: id, outcome: 'not_found' });
        else if (user.status !== 'active' || user.partnerStatus === 'inactive') slots.push({ ref: id, outcome: 'inactive', partnerId: user.partnerId });
        else take({ id, partnerId: user.partnerId, emailNormalised: normaliseEmail(user.email) });
      }
    } else {
      const roles = [...new Set(input.roles ?? ['partner_admin'])];
      const byPartnerIds = input.partnerIds !== undefined;
      const asked = lower((byPartnerIds ? input.partnerIds : input.tierIds) ?? []);
      const partners = await this.partners.statusesOf(byPartnerIds ? { ids: asked } : { tierIds: asked });
      const live = partners.filter((p) => p.id !== null && p.status !== 'inactive').map((p) => p.id!);
      const users = await this.enrolments.activeUsersOf(live, roles);
      const usersOf = groupBy(users, (u) => u.partnerId);
      const partnersOf = groupBy(partners, (p) => (byPartnerIds ? p.id : p.tierId) ?? '');
      for (const ref of asked) {
        const rows = partnersOf.get(ref) ?? [];
        if (rows.length === 0) slots.push({ ref, outcome: 'not_found' });
        else if (rows.length === 1 && rows[0]!.id === null) slots.push({ ref, outcome: 'no_recipients' });
        for (const p of rows) {
          if (p.id === null) continue;
          const found = usersOf.get(p.id) ?? [];
          if (p.status === 'inactive') slots.push({ ref: p.id, outcome: 'inactive', partnerId: p.id });
          else if (found.length === 0) slots.push({ ref: p.id, outcome: 'no_recipients', partnerId: p.id });
          else for (const u of found) take({ id: u.id, partnerId: u.partnerId, emailNormalised: normaliseEmail(u.email) });
        }
      }
    }

    const source: EnrolmentSource = principal.tokenKind === 'api' ? 'api' : 'manual';
    const by = input.userIds ? { userIds: input.userIds.length } : { ...(input.partnerIds ? { partnerIds: lower(input.partnerIds) } : { tierIds: lower(input.tierIds ?? []) }), roles: input.roles ?? ['partner_admin'] };
    const suppressed = await this.suppression.suppressed(PROGRAM_LIST, [...new Set(candidates.map((c) => c.emailNormalised))]);
    const outcomes = new Map<string, EnrolResult>();
    const eligible: UserCandidate[] = [];
    for (const c of candidates) {
      if (suppressed.has(c.emailNormalised)) outcomes.set(c.id, { ref: c.id, outcome: 'suppressed', partnerId: c.partnerId });
      else eligible.push(c);
    }
    for (let i = 0; i < eligible.length; i += ENROL_LIMITS.userBatch) {
      const batch = eligible.slice(i, i + ENROL_LIMITS.userBatch);
      const inserted = await this.dataSource.transaction(async (manager) => {
        const locked = await this.sequences.find(sequence.id, manager, 'share');
        if (!locked?.currentVersionId) throw new NotFoundError('Sequence');
        const now = this.clock.now();
        const ids = await this.enrolments.insertMany(
          manager,
          { sequenceId: locked.id, versionId: locked.currentVersionId, partnerId: null, launchId: null, leadId: null, source, held: locked.status === 'paused', enrolledBy: principal.userId, now },
          batch.map((c) => ({ userId: c.id, partnerId: c.partnerId })),
        );
        if (ids.size > 0) {
          await this.audit.record(
            {
              actorUserId: principal.userId,
              action: 'sequence.partner_users_enrolled',
              entityType: 'sequence',
              entityId: locked.id,
              after: { source, by, enrolled: batch.filter((c) => ids.has(c.id)).map((c) => ({ enrolmentId: ids.get(c.id), userId: c.id, partnerId: c.partnerId })) },
            },
            manager,
          );
        }
        return ids;
      });
      for (const c of batch) {
        const enrolmentId = inserted.get(c.id);
        outcomes.set(c.id, enrolmentId ? { ref: c.id, outcome: 'enrolled', enrolmentId, partnerId: c.partnerId } : { ref: c.id, outcome: 'already_enrolled', partnerId: c.partnerId });
      }
    }
    const report = slots.map((s) => ('outcome' in s ? s : outcomes.get(s.id)!));
    return { enrolled: report.filter((r) => r.outcome === 'enrolled').length, results: report };
  }

  /**
   * Enrols the partner's existing contacts named in a CSV (an `email` column, or a single column of
   * addresses); every data row gets an outcome, rows that are not the partner's contacts included.
   */
  async enrolCsv(principal: Principal, sequenceId: string, file: Buffer): Promise<{ enrolled: number; results: EnrolResult[] }> {
    const scope = ownPartnerScope(principal, CONTACT_ENROLMENTS_REFUSAL);
    const partnerId = scope.partnerId;
    const { sequence, launchId } = await this.target(scope, sequenceId);
    const rows = this.readCsv(file);
    const valid = rows.filter((r) => isEmail(r.email));
    const contacts = await this.enrolments.contactsByEmail(scope, [...new Set(valid.map((r) => normaliseEmail(r.email)))]);
    const outcomes = await this.enrolCandidates(sequence, partnerId, launchId, contacts, { source: 'csv', enrolledBy: principal.userId, leadId: null });
    const byEmail = new Map(contacts.map((c) => [c.emailNormalised, outcomes.get(c.id)]));
    const seen = new Set<string>();
    const results: EnrolResult[] = rows.map(({ row, email }) => {
      if (!isEmail(email)) return { ref: email, row, outcome: 'not_found' };
      const key = normaliseEmail(email);
      const outcome = byEmail.get(key);
      if (!outcome) return { ref: email, row, outcome: 'not_found' };
      // A repeated address: the first row enrolled it.
      if (seen.has(key)) return { ref: email, row, outcome: 'already_enrolled' };
      seen.add(key);
      return { ...outcome, ref: email, row };
    });
    return { enrolled: results.filter((r) => r.outcome === 'enrolled').length, results };
  }

  /**
   * A captured lead joins its launch's kit's published sequences, when it gave consent. Safe to run
   * again: a lead starts each sequence once.
   */
  async enrolLead(leadId: string): Promise<number> {
    const lead = await this.leads.withLaunch(leadId);
    if (!lead?.contactId || lead.consent !== 'granted' || lead.launchStatus === 'ended') return 0;
    const [contact] = await this.enrolments.contactsOf(SystemScope.partner(lead.partnerId, 'a captured lead joins its kit sequences'), [lead.contactId]);
    if (contact?.consent !== 'granted') return 0;
    let enrolled = 0;
    for (const sequence of await this.sequences.publishedForKit(lead.kitId)) {
      if (await this.enrolments.leadEnrolled(lead.id, sequence.id)) continue;
      const contacts = await this.enrolments.contactsOf(SystemScope.partner(lead.partnerId, 'a captured lead joins its kit sequences'), [lead.contactId]);
      const outcomes = await this.enrolCandidates(sequence, lead.partnerId, lead.launchId, contacts, { source: 'lead', enrolledBy: null, leadId: lead.id });
      if (outcomes.get(lead.contactId)?.outcome === 'enrolled') enrolled += 1;
    }
    return enrolled;
  }

  /** A partner's enrolments; vendors list those of one partner-facing sequence (never partners' contacts). */
  async list(principal: Principal, query: { limit?: number; cursor?: string; sequenceId?: string; status?: EnrolmentStatus; contactId?: string; userId?: string }): Promise<Page<Enrolment>> {
    const scope = await this.listScope(principal, query.sequenceId);
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = decodeCursor(query.cursor, 2, isCreatedAtCursor) as [string, string] | undefined;
    const rows = await this.enrolments.list(scope, {
      limit: limit + 1,
      ...(after ? { after } : {}),
      ...(query.sequenceId ? { sequenceId: query.sequenceId } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.contactId ? { contactId: query.contactId } : {}),
      ...(query.userId ? { userId: query.userId } : {}),
    });
    return toPage(rows, limit, (e) => [e.createdAt.toISOString(), e.id]);
  }

  /** One enrolment (the partner's own; for vendors, one in a partner-facing sequence) with its messages and each message's status history. */
  async get(principal: Principal, id: string): Promise<{ enrolment: Enrolment; messages: EnrolmentMessage[] }> {
    const enrolment = await this.findScoped(principal, id);
    if (!enrolment) throw new NotFoundError('Enrolment');
    const messages = await this.outbox.ofEnrolment(id);
    const histories = await this.outbox.histories(messages.map((m) => m.id));
    return { enrolment, messages: messages.map((m) => ({ ...m, history: histories.get(m.id) ?? [] })) };
  }

  /** The partner heard back from the contact: the enrolment ends when its sequence exits on replies. */
  async markReplied(principal: Principal, id: string): Promise<Enrolment> {
    const scope = ownPartnerScope(principal, CONTACT_ENROLMENTS_REFUSAL);
    return this.dataSource.transaction(async (manager) => {
      const enrolment = await this.enrolments.find(id, scope, manager, true);
      if (!enrolment) throw new NotFoundError('Enrolment');
      const now = this.clock.now();
      await this.enrolments.setReplied(manager, id, now);
      const version = await this.sequences.version(enrolment.sequenceVersionId, manager);
      if (enrolment.status === 'active' && version?.exitOn.includes('replied')) await this.end(manager, [id], 'replied');
      return (await this.enrolments.find(id, scope, manager))!;
    });
  }

  /** Takes a contact (or, for vendors, a partner user) out of the sequence; pending messages are cancelled. */
  async unenrol(principal: Principal, id: string): Promise<Enrolment> {
    return this.dataSource.transaction(async (manager) => {
      const enrolment = await this.findScoped(principal, id, manager, true);
      if (!enrolment) throw new NotFoundError('Enrolment');
      if (enrolment.status !== 'active') throw new EnrolmentStatusError(enrolment.status);
      await this.end(manager, [id], 'unenrolled');
      await this.audit.record(
        { actorUserId: principal.userId, action: 'enrolment.unenrolled', entityType: 'enrolment', entityId: id, after: { sequenceId: enrolment.sequenceId, contactId: enrolment.contactId, userId: enrolment.userId } },
        manager,
      );
      return (await this.findScoped(principal, id, manager))!;
    });
  }

  /** Ends enrolments and cancels what they have not sent yet, in the caller's transaction. */
  async end(manager: EntityManager, ids: string[], reason: ExitReason): Promise<string[]> {
    if (ids.length === 0) return [];
    const ended = await this.enrolments.exit(manager, { ids }, reason, this.clock.now());
    for (const enrolmentId of ended) await this.outbox.cancel({ enrolmentId }, `enrolment exited: ${reason}`, manager);
    return ended;
  }

  /** The published kit sequence the partner may enrol into, and the partner's live launch of the kit. */
  private async target(scope: OnePartnerScope, sequenceId: string): Promise<{ sequence: Sequence; launchId: string }> {
    const sequence = await this.sequences.findVisible(scope, sequenceId, await this.launches.kitIdsLaunchedBy(scope.partnerId));
    if (!sequence?.kitId) {
      const program = await this.sequences.find(sequenceId);
      if (program?.audience === 'partner_users' && program.currentVersionId) throw new ProgramEnrolmentForbiddenError();
      throw new NotFoundError('Sequence');
    }
    const launch = await this.enrolments.liveLaunch(scope.partnerId, sequence.kitId);
    if (!launch) throw new NoLiveLaunchError();
    return { sequence, launchId: launch.id };
  }

  /** Partners read their own enrolments; vendors those of one partner-facing sequence, named in the query. */
  private async listScope(principal: Principal, sequenceId: string | undefined): Promise<EnrolmentScope> {
    if (!isVendor(principal)) return ownPartnerScope(principal, CONTACT_ENROLMENTS_REFUSAL);
    if (!sequenceId) throw new ForbiddenError('Vendors list the enrolments of one partner-facing sequence: give its sequenceId');
    const sequence = await this.sequences.find(sequenceId);
    if (!sequence) throw new NotFoundError('Sequence');
    if (sequence.audience !== 'partner_users') throw new ForbiddenError('The enrolments of a kit sequence are partners’ contacts; see its results instead');
    return { programSequenceId: sequence.id };
  }

  private findScoped(principal: Principal, id: string, manager?: EntityManager, lock = false): Promise<Enrolment | null> {
    return isVendor(principal) ? this.enrolments.findInProgram(id, manager, lock) : this.enrolments.find(id, ownPartnerScope(principal, CONTACT_ENROLMENTS_REFUSAL), manager, lock);
  }

  /**
   * Enrols the contacts that may be emailed (consent granted, not suppressed) and reports each:
   * contact id → outcome. Runs under a share lock on the sequence, so a pause cannot slip between
   * reading its status and the insert (new enrolments of a paused sequence start held).
   */
  private async enrolCandidates(
    sequence: Sequence,
    partnerId: string,
    launchId: string | null,
    candidates: Candidate[],
    meta: { source: EnrolmentSource; enrolledBy: string | null; leadId: string | null },
  ): Promise<Map<string, EnrolResult>> {
    const results = new Map<string, EnrolResult>();
    if (candidates.length === 0) return results;
    const suppressed = await this.suppression.suppressed(partnerId, candidates.map((c) => c.emailNormalised));
    const eligible: Candidate[] = [];
    for (const c of candidates) {
      if (c.consent !== 'granted') results.set(c.id, { ref: c.id, outcome: 'no_consent' });
      else if (suppressed.has(c.emailNormalised)) results.set(c.id, { ref: c.id, outcome: 'suppressed' });
      else eligible.push(c);
    }
    if (eligible.length === 0) return results;
    const inserted = await this.dataSource.transaction(async (manager) => {
      const locked = await this.sequences.find(sequence.id, manager, 'share');
      if (!locked?.currentVersionId) throw new NotFoundError('Sequence');
      return this.enrolments.insertMany(
        manager,
        {
          sequenceId: locked.id,
          versionId: locked.currentVersionId,
          partnerId,
          launchId,
          leadId: meta.leadId,
          source: meta.source,
          held: locked.status === 'paused',
          enrolledBy: meta.enrolledBy,
          now: this.clock.now(),
        },
        eligible.map((c) => ({ contactId: c.id })),
      );
    });
    for (const c of eligible) {
      const enrolmentId = inserted.get(c.id);
      results.set(c.id, enrolmentId ? { ref: c.id, outcome: 'enrolled', enrolmentId } : { ref: c.id, outcome: 'already_enrolled' });
    }
    return results;
  }

  private readCsv(file: Buffer): { row: number; email: string }[] {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file);
    } catch {
      throw new EnrolmentCsvError('The file is not UTF-8 text');
    }
    let records;
    try {
      const parser = new CsvParser({ maxRecordChars: 10_000 });
      records = [...parser.push(text), ...parser.end()];
    } catch (error) {
      if (error instanceof CsvSyntaxError) throw new EnrolmentCsvError(error.message);
      throw error;
    }
    const nonEmpty = records.filter((r) => r.fields.some((f) => f.trim() !== ''));
    const header = nonEmpty[0];
    if (!header) throw new EnrolmentCsvError('The file has no rows');
    const names = header.fields.map((f) => f.trim().toLowerCase());
    let column = names.findIndex((n) => n === 'email' || n === 'e-mail' || n === 'email address');
    let data = nonEmpty.slice(1);
    if (column < 0) {
      // No header row: a single column of addresses.
      if (!isEmail(header.fields[0]?.trim() ?? '')) throw new EnrolmentCsvError('The file needs an "email" column');
      column = 0;
      data = nonEmpty;
    }
    if (data.length > ENROL_LIMITS.csvRows) throw new EnrolmentCsvError(`The file has more than ${ENROL_LIMITS.csvRows} rows`);
    return data.map((r) => ({ row: r.row, email: (r.fields[column] ?? '').trim() }));
  }
}
