import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AudienceService, CsvParser, CsvSyntaxError, isEmail, normaliseEmail } from '@app/contacts';
import { Clock, decodeCursor, DomainError, isCreatedAtCursor, NotFoundError, Page, Principal, toPage, ValidationFailedError } from '@app/core';
import { MessageOutbox, MessageStatus, SuppressionService } from '@app/mailing';
import { EnrolmentRepository } from './enrolment.repository';
import { EnrolmentCsvError, EnrolmentStatusError, enrolmentScope, NoLiveLaunchError } from './nurture.errors';
import { Enrolment, EnrolmentSource, EnrolmentStatus, EnrolResult, ExitReason, Sequence } from './nurture.types';
import { SequenceRepository } from './sequence.repository';

export const ENROL_LIMITS = { contactIds: 1_000, csvRows: 10_000, csvBytes: 2 * 1024 * 1024, audienceBatch: 1_000 } as const;
const DEFAULT_PAGE = 25;

interface Candidate {
  id: string;
  emailNormalised: string;
  consent: string;
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
 * the API, or a captured lead), at most once per sequence at a time; and the ways an enrolment ends
 * early (a reply, being taken out, a registered deal).
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
    private readonly clock: Clock,
  ) {}

  /** Enrols the partner's contacts by id, or a saved audience's sendable contacts. Another partner's ids are `not_found`. */
  async enrol(principal: Principal, sequenceId: string, input: { contactIds?: string[]; audienceId?: string }): Promise<{ enrolled: number; results: EnrolResult[] }> {
    const partnerId = enrolmentScope(principal);
    const { sequence, launchId } = await this.target(partnerId, sequenceId);
    if (!input.contactIds?.length && !input.audienceId) throw ValidationFailedError.field('contactIds', 'give contactIds or an audienceId');
    const results: EnrolResult[] = [];
    const enrolledBy = principal.userId;
    if (input.contactIds?.length) {
      const ids = [...new Set(input.contactIds.map((id) => id.toLowerCase()))];
      const source: EnrolmentSource = principal.tokenKind === 'api' ? 'api' : 'manual';
      const found = new Map((await this.enrolments.contactsOf(partnerId, ids)).map((c) => [c.id, c]));
      const missing = ids.filter((id) => !found.has(id));
      // Another partner's contact is indistinguishable from one that does not exist.
      if (missing.length > 0) throw new DomainError('NOT_FOUND', 'Contact not found', 404, { contactIds: missing });
      const outcomes = await this.enrolCandidates(sequence, partnerId, launchId, [...found.values()], { source, enrolledBy, leadId: null });
      for (const id of ids) results.push(outcomes.get(id) ?? { ref: id, outcome: 'not_found' });
    }
    if (input.audienceId) {
      let cursor: string | undefined;
      do {
        const page = await this.audiences.sendableContacts(partnerId, input.audienceId, { limit: ENROL_LIMITS.audienceBatch, ...(cursor ? { cursor } : {}) });
        const candidates = page.items.map((c) => ({ id: c.id, emailNormalised: c.emailNormalised, consent: c.consentStatus }));
        const outcomes = await this.enrolCandidates(sequence, partnerId, launchId, candidates, { source: 'audience', enrolledBy, leadId: null });
        results.push(...outcomes.values());
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return { enrolled: results.filter((r) => r.outcome === 'enrolled').length, results };
  }

  /**
   * Enrols the partner's existing contacts named in a CSV (an `email` column, or a single column of
   * addresses); every data row gets an outcome, rows that are not the partner's contacts included.
   */
  async enrolCsv(principal: Principal, sequenceId: string, file: Buffer): Promise<{ enrolled: number; results: EnrolResult[] }> {
    const partnerId = enrolmentScope(principal);
    const { sequence, launchId } = await this.target(partnerId, sequenceId);
    const rows = this.readCsv(file);
    const valid = rows.filter((r) => isEmail(r.email));
    const contacts = await this.enrolments.contactsByEmail(partnerId, [...new Set(valid.map((r) => normaliseEmail(r.email)))]);
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
    const lead = await this.enrolments.lead(leadId);
    if (!lead?.contactId || lead.consent !== 'granted' || lead.contactConsent !== 'granted' || lead.launchStatus === 'ended') return 0;
    let enrolled = 0;
    for (const sequence of await this.sequences.publishedForKit(lead.kitId)) {
      if (await this.enrolments.leadEnrolled(lead.id, sequence.id)) continue;
      const contacts = await this.enrolments.contactsOf(lead.partnerId, [lead.contactId]);
      const outcomes = await this.enrolCandidates(sequence, lead.partnerId, lead.launchId, contacts, { source: 'lead', enrolledBy: null, leadId: lead.id });
      if (outcomes.get(lead.contactId)?.outcome === 'enrolled') enrolled += 1;
    }
    return enrolled;
  }

  async list(principal: Principal, query: { limit?: number; cursor?: string; sequenceId?: string; status?: EnrolmentStatus; contactId?: string }): Promise<Page<Enrolment>> {
    const partnerId = enrolmentScope(principal);
    const limit = query.limit ?? DEFAULT_PAGE;
    const after = decodeCursor(query.cursor, 2, isCreatedAtCursor) as [string, string] | undefined;
    const rows = await this.enrolments.list(partnerId, {
      limit: limit + 1,
      ...(after ? { after } : {}),
      ...(query.sequenceId ? { sequenceId: query.sequenceId } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.contactId ? { contactId: query.contactId } : {}),
    });
    return toPage(rows, limit, (e) => [e.createdAt.toISOString(), e.id]);
  }

  /** One of the partner's enrolments with its messages and each message's status history. */
  async get(principal: Principal, id: string): Promise<{ enrolment: Enrolment; messages: EnrolmentMessage[] }> {
    const enrolment = await this.enrolments.find(id, enrolmentScope(principal));
    if (!enrolment) throw new NotFoundError('Enrolment');
    const messages = await this.outbox.ofEnrolment(id);
    return { enrolment, messages: await Promise.all(messages.map(async (m) => ({ ...m, history: await this.outbox.history(m.id) }))) };
  }

  /** The partner heard back from the contact: the enrolment ends when its sequence exits on replies. */
  async markReplied(principal: Principal, id: string): Promise<Enrolment> {
    const partnerId = enrolmentScope(principal);
    return this.dataSource.transaction(async (manager) => {
      const enrolment = await this.enrolments.find(id, partnerId, manager, true);
      if (!enrolment) throw new NotFoundError('Enrolment');
      const now = this.clock.now();
      await this.enrolments.setReplied(manager, id, now);
      const version = await this.sequences.version(enrolment.sequenceVersionId, manager);
      if (enrolment.status === 'active' && version?.exitOn.includes('replied')) await this.end(manager, [id], 'replied');
      return (await this.enrolments.find(id, partnerId, manager))!;
    });
  }

  /** Takes a contact out of the sequence; pending messages are cancelled. */
  async unenrol(principal: Principal, id: string): Promise<Enrolment> {
    const partnerId = enrolmentScope(principal);
    return this.dataSource.transaction(async (manager) => {
      const enrolment = await this.enrolments.find(id, partnerId, manager, true);
      if (!enrolment) throw new NotFoundError('Enrolment');
      if (enrolment.status !== 'active') throw new EnrolmentStatusError(enrolment.status);
      await this.end(manager, [id], 'unenrolled');
      return (await this.enrolments.find(id, partnerId, manager))!;
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
  private async target(partnerId: string, sequenceId: string): Promise<{ sequence: Sequence; launchId: string }> {
    const sequence = await this.sequences.findForPartner(partnerId, sequenceId);
    if (!sequence?.kitId) throw new NotFoundError('Sequence');
    const launch = await this.enrolments.liveLaunch(partnerId, sequence.kitId);
    if (!launch) throw new NoLiveLaunchError();
    return { sequence, launchId: launch.id };
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
