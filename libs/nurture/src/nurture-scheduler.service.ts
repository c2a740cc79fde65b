import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LeadService } from '@app/campaigns';
import { Clock } from '@app/core';
import { normaliseEmail } from '@app/contacts';
import { GuardRow, GuardVerdict, MessageOutbox, NewMessage, PROGRAM_LIST, SuppressionService } from '@app/mailing';
import { DueEnrolment, EnrolmentProgress, EnrolmentRepository } from './enrolment.repository';
import { safeTimeZone } from '@app/core';
import { ExitReason, SequenceVersion } from './nurture.types';
import { SequenceRepository } from './sequence.repository';
import { runSteps, SequenceStep } from './sequence-steps';

const BATCH = 200;
/** Per tick; the rest waits for the next tick (a few seconds), so one tick never runs for long. */
const MAX_BATCHES = 25;

const SUPPRESSION_EXIT: Record<string, ExitReason> = { unsubscribed: 'unsubscribed', bounced: 'bounced', complained: 'complained', manual: 'suppressed' };

/**
 * The durable step scheduler. Each tick claims due enrolments in batches (FOR UPDATE SKIP LOCKED, so
 * ticks running at once split the work), checks the exits, and runs steps until an email or a wait.
 * An email step writes its message through the outbox, keyed `enrolment.<id>.<step>`, in the same
 * transaction that moves the enrolment on: a re-run can neither skip nor repeat a step.
 *
 * An enrolment whose email a send guard holds (a withdrawn asset, a paused launch) waits at the step
 * after it, unscheduled, until the message is sent (the schedule continues from the sending, so the
 * next wait counts from then and a branch reads real engagement) or ends unsent (cancelled,
 * suppressed, failed: the schedule continues from then, as after any email that did not go out).
 */
@Injectable()
export class NurtureScheduler {
  private readonly logger = new Logger(NurtureScheduler.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly sequences: SequenceRepository,
    private readonly enrolments: EnrolmentRepository,
    private readonly outbox: MessageOutbox,
    private readonly suppression: SuppressionService,
    private readonly clock: Clock,
    private readonly leads: LeadService,
  ) {}

  /** Runs every due enrolment (up to a cap); returns how many it handled and how many messages it wrote. */
  async tick(): Promise<{ processed: number; messages: number; exited: number }> {
    const total = { processed: 0, messages: 0, exited: 0 };
    await this.dataSource.transaction((manager) => this.enrolments.resumeAwaiting(manager, this.clock.now()));
    for (let i = 0; i < MAX_BATCHES; i++) {
      const batch = await this.dataSource.transaction((manager) => this.runBatch(manager));
      total.processed += batch.processed;
      total.messages += batch.messages;
      total.exited += batch.exited;
      if (batch.processed < BATCH) break;
    }
    if (total.processed > 0) this.logger.log(`nurture tick: ${total.processed} enrolments, ${total.messages} messages, ${total.exited} exits`);
    return total;
  }

  private async runBatch(manager: EntityManager): Promise<{ processed: number; messages: number; exited: number }> {
    const now = this.clock.now();
    const due = await this.enrolments.claimDue(manager, now, BATCH);
    if (due.length === 0) return { processed: 0, messages: 0, exited: 0 };
    const versions = await this.sequences.versions([...new Set(due.map((e) => e.sequenceVersionId))], manager);
    const exits = await this.exits(due, versions, manager);

    const held = await this.enrolments.heldSteps(due.filter((e) => !exits.has(e.id)).map((e) => e.id), manager);
    const running = due.filter((e) => !exits.has(e.id) && !held.has(e.id));
    const engagement = await this.engagement(running, versions, manager);
    const progress: EnrolmentProgress[] = [];
    const messages: NewMessage[] = [];
    const contents = new Map<string, string>();
    for (const e of due) {
      const exit = exits.get(e.id);
      if (exit) {
        progress.push({ id: e.id, status: 'exited', stepIndex: e.stepIndex, nextStepAt: null, exitReason: exit });
        continue;
      }
      const waitingFor = held.get(e.id);
      if (waitingFor) {
        // Back to the step after its last email: the waits and branches since then run again once it is sent.
        progress.push({ id: e.id, status: 'active', stepIndex: waitingFor.lastEmailStep + 1, nextStepAt: null, exitReason: null, awaitingMessageId: waitingFor.messageId });
        continue;
      }
      const version = versions.get(e.sequenceVersionId)!;
      const timeZone = safeTimeZone(e.timeZone);
      const outcome = runSteps(version.steps, e.stepIndex, e.nextStepAt ?? now, now, {
        timeZone,
        quietHours: version.quietHours,
        engaged: (stepIndex) => engagement.get(`${e.id}.${stepIndex}`),
      });
      switch (outcome.kind) {
        case 'done':
          progress.push({ id: e.id, status: 'completed', stepIndex: e.stepIndex, nextStepAt: null, exitReason: outcome.reason === 'exit_step' ? 'exit_step' : null });
          break;
        case 'wait':
          progress.push({ id: e.id, status: 'active', stepIndex: outcome.nextIndex, nextStepAt: outcome.until, exitReason: null });
          break;
        case 'email': {
          const contentId = await this.content(manager, contents, e, version, outcome.stepIndex, outcome.step.templateId, outcome.step.templateVersionId!);
          messages.push({
            dedupeKey: `enrolment.${e.id}.${outcome.stepIndex}`,
            kind: e.audience === 'contacts' ? 'nurture' : 'program',
            contentId,
            partnerId: e.partnerId,
            launchId: e.launchId,
            enrolmentId: e.id,
            stepIndex: outcome.stepIndex,
            contactId: e.contactId,
            userId: e.userId,
            to: e.email!,
            recipient: { firstName: e.firstName ?? '', lastName: e.lastName ?? '', company: e.company ?? '' },
            dueAt: outcome.dueAt,
          });
          progress.push({ id: e.id, status: 'active', stepIndex: outcome.nextIndex, nextStepAt: outcome.dueAt, exitReason: null });
          break;
        }
      }
    }
    const written = await this.outbox.enqueue(messages, manager);
    await this.enrolments.saveProgress(manager, progress, now);
    for (const id of exits.keys()) await this.outbox.cancel({ enrolmentId: id }, `enrolment exited: ${exits.get(id)!}`, manager);
    return { processed: due.length, messages: written, exited: exits.size };
  }

  /** Which claimed enrolments must end before their next step, and why. */
  private async exits(due: DueEnrolment[], versions: Map<string, SequenceVersion>, manager: EntityManager): Promise<Map<string, ExitReason>> {
    const exits = new Map<string, ExitReason>();
    // Partner users answer to the vendor program's suppression list, contacts to their partner's.
    const byList = new Map<string, DueEnrolment[]>();
    for (const e of due) {
      const list = e.audience === 'partner_users' ? PROGRAM_LIST : e.partnerId;
      if (!e.email || !e.recipientActive) exits.set(e.id, 'recipient_removed');
      else if (e.launchId && e.launchStatus === 'ended') exits.set(e.id, 'launch_ended');
      else byList.set(list, [...(byList.get(list) ?? []), e]);
    }
    for (const [list, ofList] of byList) {
      const suppressed = await this.suppression.suppressed(list, ofList.map((e) => normaliseEmail(e.email!)), manager);
      for (const e of ofList) {
        const reason = suppressed.get(normaliseEmail(e.email!));
        if (reason) exits.set(e.id, SUPPRESSION_EXIT[reason] ?? 'suppressed');
      }
    }
    const open = due.filter((e) => !exits.has(e.id));
    const exitOn = (e: DueEnrolment, criterion: 'replied' | 'converted') => versions.get(e.sequenceVersionId)?.exitOn.includes(criterion) ?? true;
    const replied = await this.enrolments.replied(open.filter((e) => exitOn(e, 'replied')).map((e) => e.id), manager);
    const converted = await this.leads.convertedContacts(open.filter((e) => e.contactId && exitOn(e, 'converted')).map((e) => e.contactId!), manager);
    for (const e of open) {
      if (replied.has(e.id)) exits.set(e.id, 'replied');
      else if (e.contactId && converted.has(e.contactId)) exits.set(e.id, 'converted');
    }
    return exits;
  }

  /** Engagement with the earlier emails of enrolments whose sequence branches, keyed `<enrolment>.<step>`. */
  private async engagement(running: DueEnrolment[], versions: Map<string, SequenceVersion>, manager: EntityManager): Promise<Map<string, { opened: boolean; clicked: boolean }>> {
    const branching = running.filter((e) => versions.get(e.sequenceVersionId)?.steps.some((s: SequenceStep) => s.type === 'branch'));
    const messages = await this.enrolments.messagesOf(branching.map((e) => e.id), manager);
    const engagement = await this.outbox.engagement(messages.map((m) => m.id), manager);
    const result = new Map<string, { opened: boolean; clicked: boolean }>();
    for (const m of messages) {
      const found = engagement.get(m.id);
      if (found) result.set(`${m.enrolmentId}.${m.stepIndex}`, { opened: found.opened, clicked: found.clicked });
    }
    return result;
  }

  /** The shared content of one step for one launch (kit sequences) or one partner (the vendor's program). */
  private async content(manager: EntityManager, cache: Map<string, string>, e: DueEnrolment, version: SequenceVersion, stepIndex: number, templateId: string, templateVersionId: string): Promise<string> {
    const key = `step.${version.id}.${stepIndex}.${e.launchId ?? e.partnerId}`;
    let id = cache.get(key);
    if (!id) {
      id = await this.outbox.content(
        {
          key,
          partnerId: e.partnerId,
          templateVersionId,
          launchId: e.launchId,
          edits: e.launchEdits?.[templateId] ?? {},
          sender: e.audience === 'contacts' ? 'partner' : 'vendor',
        },
        manager,
      );
      cache.set(key, id);
    }
    return id;
  }

  /**
   * The send guard: a nurture or program message goes out only while its enrolment has not exited, no
   * exit it watches holds (a reply, a conversion), and its sequence is not paused (then it waits).
   */
  async guard(rows: GuardRow[], manager: EntityManager): Promise<Map<string, GuardVerdict>> {
    const verdicts = new Map<string, GuardVerdict>();
    const ids = [...new Set(rows.flatMap((r) => (r.enrolmentId ? [r.enrolmentId] : [])))];
    if (ids.length === 0) return verdicts;
    const gates = await this.enrolments.gates(ids, manager);
    const converted = await this.leads.convertedContacts([...gates.values()].flatMap((g) => (g.contactId ? [g.contactId] : [])), manager);
    for (const row of rows) {
      if (!row.enrolmentId) continue;
      const gate = gates.get(row.enrolmentId);
      if (!gate) verdicts.set(row.id, { action: 'cancel', reason: 'enrolment removed' });
      // A completed enrolment's last email is still due; only an exit stops what was written.
      else if (gate.status === 'exited') verdicts.set(row.id, { action: 'cancel', reason: `enrolment exited${gate.exitReason ? `: ${gate.exitReason}` : ''}` });
      else if (gate.replied && gate.exitOn.includes('replied')) verdicts.set(row.id, { action: 'cancel', reason: 'enrolment exit: replied' });
      else if (gate.contactId && converted.has(gate.contactId) && gate.exitOn.includes('converted')) verdicts.set(row.id, { action: 'cancel', reason: 'enrolment exit: converted' });
      else if (gate.held || gate.sequencePaused) verdicts.set(row.id, { action: 'hold', reason: 'sequence paused' });
    }
    return verdicts;
  }
}
