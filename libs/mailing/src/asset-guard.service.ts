import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AssetHooks, AssetResolver } from '@app/assets';
import { GuardRow, GuardVerdict } from './message.types';
import { MessageOutbox } from './message-outbox.service';
import { MessageRenderer } from './message-renderer.service';
import { SendGuards } from './send-guards';

/** The hold reason of email that waits for a withdrawn asset; what an extension or a successor releases. */
export const ASSET_HOLD_REASON = 'asset withdrawn';

/**
 * Email that shows a withdrawn library asset (expired or archived, no usable successor) is held,
 * not skipped: a blast, a nurture step or a program email waits until the asset is extended or
 * given a successor, and then goes out with whatever the reference resolves to.
 */
@Injectable()
export class AssetSendGuard implements OnModuleInit {
  constructor(
    private readonly guards: SendGuards,
    private readonly hooks: AssetHooks,
    private readonly resolver: AssetResolver,
    private readonly outbox: MessageOutbox,
    private readonly renderer: MessageRenderer,
  ) {}

  onModuleInit(): void {
    this.guards.register('asset', (rows, m) => this.guard(rows, m));
    this.hooks.register('mailing', async (change) => {
      // Prepared contents carry resolved asset URLs: prepare again with the successor (or hold).
      if (change.withdrawn.length + change.replaced.length + change.restored.length > 0) this.renderer.forgetPrepared();
      if (change.restored.length > 0) await this.outbox.release({ holdReason: ASSET_HOLD_REASON });
    });
  }

  /**
   * Runs in the claim transaction: every read goes through its manager. One query finds the assets
   * the batch's contents refer to (through the template versions' recorded usages); a batch whose
   * templates use no asset ends there, without resolving anything.
   */
  async guard(rows: GuardRow[], m: EntityManager): Promise<Map<string, GuardVerdict>> {
    const verdicts = new Map<string, GuardVerdict>();
    const contentIds = [...new Set(rows.map((r) => r.contentId))];
    if (contentIds.length === 0) return verdicts;
    const uses = await m.query<{ content_id: string; asset_id: string }[]>(
      `SELECT DISTINCT c.id AS content_id, u.asset_id
         FROM message_contents c
         JOIN asset_usages u ON u.kind = 'template' AND u.template_version_id = c.template_version_id
        WHERE c.id = ANY($1::uuid[])`,
      [contentIds],
    );
    if (uses.length === 0) return verdicts;
    const resolved = await this.resolver.resolve([...new Set(uses.map((u) => u.asset_id))], m);
    const withdrawnContent = new Set(uses.filter((u) => resolved.get(u.asset_id)?.state === 'withdrawn').map((u) => u.content_id));
    for (const row of rows) if (withdrawnContent.has(row.contentId)) verdicts.set(row.id, { action: 'hold', reason: ASSET_HOLD_REASON });
    return verdicts;
  }
}
