import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AudienceService } from '@app/contacts';
import { Clock } from '@app/core';
import { GuardRow, GuardVerdict, MessageOutbox, SendGuards } from '@app/mailing';
import { LaunchEntity } from './launch.entity';

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
    private readonly dataSource: DataSource,
    private readonly outbox: MessageOutbox,
    private readonly guards: SendGuards,
    private readonly audiences: AudienceService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.guards.register('launch-status', (rows, m) => this.guard(rows, m));
  }

  /** The sweep: expands every blast that is due, a few launches per run. */
  async expandDue(): Promise<number> {
    const due = await this.dataSource.query<{ id: string }[]>(
      `SELECT l.id FROM launches l WHERE l.blast_status IN ('scheduled', 'expanding') AND l.send_at <= $1 AND l.status = 'active' ORDER BY l.send_at LIMIT $2`,
      [this.clock.now(), LAUNCHES_PER_SWEEP],
    );
    let messages = 0;
    for (const { id } of due) messages += await this.expand(id);
    return messages;
  }

  /** Writes the launch's blast messages (idempotent: a second run adds only contacts it missed). */
  async expand(launchId: string): Promise<number> {
    // Two sweeps expanding the same launch at once only repeat work: the dedupe keys keep one message per contact.
    const claimed = await this.dataSource.query<[unknown[], number]>(
      `UPDATE launches SET blast_status = 'expanding' WHERE id = $1 AND blast_status IN ('scheduled', 'expanding') AND status = 'active' RETURNING id`,
      [launchId],
    );
    if (claimed[1] === 0) return 0;
    const launch = await this.dataSource.getRepository(LaunchEntity).findOneByOrFail({ id: launchId });
    if (!launch.audienceId || !launch.blastTemplateId || !launch.sendAt) return 0;
    const version = await this.dataSource.query<{ template_version_id: string }[]>(
      `SELECT t->>'templateVersionId' AS template_version_id FROM kit_versions v, jsonb_array_elements(v.templates) t WHERE v.id = $1 AND t->>'templateId' = $2`,
      [launch.kitVersionId, launch.blastTemplateId],
    );
    const templateVersionId = version[0]?.template_version_id;
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
    await this.dataSource.query(
      `UPDATE launches SET blast_status = 'queued', blast_count = (SELECT count(*)::int FROM messages WHERE launch_id = $1 AND kind = 'blast') WHERE id = $1 AND blast_status = 'expanding'`,
      [launch.id],
    );
    this.logger.log(`blast of launch ${launch.id}: ${written} message(s) queued`);
    return written;
  }

  /** Pausing holds at send time (the guard); resuming releases what was held; ending cancels what is unsent. */
  async statusChanged(launchId: string, next: LaunchEntity['status'], manager: EntityManager): Promise<void> {
    if (next === 'active') await this.outbox.release({ launchId }, manager);
    if (next === 'ended') {
      await this.outbox.cancel({ launchId }, 'launch ended', manager);
      await manager.query(`UPDATE launches SET blast_status = 'cancelled' WHERE id = $1 AND blast_status IN ('scheduled', 'expanding')`, [launchId]);
    }
  }

  private async guard(rows: GuardRow[], m: EntityManager): Promise<Map<string, GuardVerdict>> {
    const ids = [...new Set(rows.map((r) => r.launchId).filter((id): id is string => id !== null))];
    const verdicts = new Map<string, GuardVerdict>();
    if (ids.length === 0) return verdicts;
    const launches = await m.query<{ id: string; status: string; kit_status: string }[]>(
      `SELECT l.id, l.status, k.status AS kit_status FROM launches l JOIN kits k ON k.id = l.kit_id WHERE l.id = ANY($1)`,
      [ids],
    );
    const byId = new Map(launches.map((l) => [l.id, l]));
    for (const row of rows) {
      const launch = row.launchId ? byId.get(row.launchId) : undefined;
      if (!launch) continue;
      if (launch.status === 'ended' || launch.kit_status === 'retired') verdicts.set(row.id, { action: 'cancel', reason: 'launch ended' });
      else if (launch.status === 'paused') verdicts.set(row.id, { action: 'hold', reason: 'launch paused' });
    }
    return verdicts;
  }
}
