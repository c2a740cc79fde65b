import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TemplateWithVersion } from '@app/brand';
import { AudienceService } from '@app/contacts';
import { Clock, NotFoundError, parseLocalDateTime, ValidationFailedError } from '@app/core';
import { GuardRow, GuardVerdict, MessageOutbox, MessageStatsService, SendGuards } from '@app/mailing';
import { Partner } from '@app/partners';
import { LaunchEntity, LaunchMode } from './launch.entity';
import { LaunchRepository } from './launch.repository';

/** The blast part of a launch request. */
export interface BlastRequest {
  audienceId?: string;
  /** When to send the blast: an ISO time with an offset, or a local time (`2026-12-01T09:00`) in the partner's zone. Default: now. */
  sendAt?: string;
  /** Which of the kit's email templates the blast sends; default: the kit's first. */
  emailTemplateId?: string;
}

/** A launch's blast as planned at launch time. */
export interface BlastPlan {
  audienceId: string;
  templateId: string;
  sendAt: Date;
}

/** Launches whose blast is expanded per sweep run, and contacts written per page. */
const LAUNCHES_PER_SWEEP = 10;
const CONTACTS_PER_PAGE = 1_000;

/**
 * A launch's email blast: at its send time, one message per sendable contact of the chosen
 * audience (consent granted, not suppressed), through the shared sending path. Expansion is
 * resumable (every message has the dedupe key `blast.<launch>.<contact>`), a paused launch's
 * messages are held until it resumes, and an ended launch's unsent messages are cancelled.
 */
@Injectable()
export class BlastService implements OnModuleInit {
  private readonly logger = new Logger(BlastService.name);

  constructor(
    private readonly launches: LaunchRepository,
    private readonly outbox: MessageOutbox,
    private readonly messages: MessageStatsService,
    private readonly guards: SendGuards,
    private readonly audiences: AudienceService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.guards.register('launch-status', (rows, m) => this.guard(rows, m));
  }

  /**
   * The blast part of a launch request: the audience must be the partner's, the template one of
   * the kit's emails, the send time now or later (a local time is read in the partner's zone).
   */
  async plan(partner: Partner, templates: TemplateWithVersion[], request: BlastRequest, now: Date, mode: LaunchMode): Promise<BlastPlan | null> {
    if (!request.audienceId) {
      if (request.sendAt !== undefined) throw ValidationFailedError.field('audienceId', 'say which audience to email at sendAt', 422);
      if (request.emailTemplateId !== undefined) throw ValidationFailedError.field('audienceId', 'say which audience to send the email to', 422);
      return null;
    }
    const emails = templates.filter((t) => t.template.kind === 'email');
    const chosen = request.emailTemplateId ? emails.find((t) => t.template.id === request.emailTemplateId) : emails[0];
    if (!chosen) {
      throw ValidationFailedError.field(request.emailTemplateId ? 'emailTemplateId' : 'audienceId', request.emailTemplateId ? 'is not an email template of this kit' : 'this kit has no email to send', 422);
    }
    // Scoped to the partner launched for: a concierge launch can only email that partner's own audience.
    try {
      await this.audiences.sendableContacts(partner.id, request.audienceId, { limit: 1 });
    } catch (error) {
      if (error instanceof NotFoundError) throw ValidationFailedError.field('audienceId', mode === 'partner' ? 'is not one of your audiences' : `is not one of ${partner.name}’s audiences`, 422);
      throw error;
    }
    let sendAt = now;
    if (request.sendAt !== undefined) {
      const local = parseLocalDateTime(request.sendAt, partner.timeZone);
      const parsed = local ?? new Date(request.sendAt);
      if (Number.isNaN(parsed.getTime())) throw ValidationFailedError.field('sendAt', 'must be an ISO 8601 time, with an offset or in your local time', 422);
      // A minute of grace for clocks and slow forms; earlier than that is a mistake, not "now".
      if (parsed.getTime() < now.getTime() - 60_000) throw ValidationFailedError.field('sendAt', `is in the past (${parsed.toISOString()})`, 422);
      sendAt = parsed.getTime() < now.getTime() ? now : parsed;
    }
    return { audienceId: request.audienceId, templateId: chosen.template.id, sendAt };
  }

  /** The sweep: expands every blast that is due, a few launches per run. */
  async expandDue(): Promise<number> {
    const due = await this.launches.dueBlasts(this.clock.now(), LAUNCHES_PER_SWEEP);
    let messages = 0;
    for (const id of due) messages += await this.expand(id);
    return messages;
  }

  /** Writes the launch's blast messages (idempotent: a second run adds only contacts it missed). */
  async expand(launchId: string): Promise<number> {
    // Two sweeps expanding the same launch at once only repeat work: the dedupe keys keep one message per contact.
    if (!(await this.launches.claimBlast(launchId))) return 0;
    const launch = await this.launches.findById(launchId);
    if (!launch) throw new Error(`campaigns: launch ${launchId} not found`);
    if (!launch.audienceId || !launch.blastTemplateId || !launch.sendAt) return 0;
    const templateVersionId = await this.launches.frozenTemplateVersionId(launch.kitVersionId, launch.blastTemplateId);
    if (!templateVersionId) throw new Error(`campaigns: launch ${launchId} has no frozen version of its blast template`);
    const contentId = await this.outbox.content({
      key: `blast.${launch.id}`,
      partnerId: launch.partnerId,
      templateVersionId,
      launchId: launch.id,
      edits: launch.edits[launch.blastTemplateId] ?? {},
      sender: 'partner',
      replyToUserId: launch.launchedBy,
    });
    let written = 0;
    let cursor: string | undefined;
    do {
      const page = await this.audiences.sendableContacts(launch.partnerId, launch.audienceId, { limit: CONTACTS_PER_PAGE, ...(cursor ? { cursor } : {}) });
      written += await this.outbox.enqueue(
        page.items.map((c) => ({
          dedupeKey: `blast.${launch.id}.${c.id}`,
          kind: 'blast' as const,
          contentId,
          partnerId: launch.partnerId,
          launchId: launch.id,
          contactId: c.id,
          to: c.email,
          recipient: { firstName: c.firstName ?? '', lastName: c.lastName ?? '', company: c.company ?? '' },
          dueAt: launch.sendAt!,
        })),
      );
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    await this.launches.blastQueued(launch.id, await this.messages.countOfLaunch(launch.id, 'blast'));
    this.logger.log(`blast of launch ${launch.id}: ${written} message(s) queued`);
    return written;
  }

  /** Pausing holds at send time (the guard); resuming releases what was held; ending cancels what is unsent. */
  async statusChanged(launchId: string, next: LaunchEntity['status'], manager: EntityManager): Promise<void> {
    if (next === 'active') await this.outbox.release({ launchId }, manager);
    if (next === 'ended') {
      await this.outbox.cancel({ launchId }, 'launch ended', manager);
      await this.launches.cancelBlast(manager, launchId);
    }
  }

  private async guard(rows: GuardRow[], m: EntityManager): Promise<Map<string, GuardVerdict>> {
    const ids = [...new Set(rows.map((r) => r.launchId).filter((id): id is string => id !== null))];
    const verdicts = new Map<string, GuardVerdict>();
    if (ids.length === 0) return verdicts;
    const launches = await this.launches.sendStates(m, ids);
    const byId = new Map(launches.map((l) => [l.id, l]));
    for (const row of rows) {
      const launch = row.launchId ? byId.get(row.launchId) : undefined;
      if (!launch) continue;
      if (launch.status === 'ended' || launch.kitStatus === 'retired') verdicts.set(row.id, { action: 'cancel', reason: 'launch ended' });
      else if (launch.status === 'paused') verdicts.set(row.id, { action: 'hold', reason: 'launch paused' });
    }
    return verdicts;
  }
}
