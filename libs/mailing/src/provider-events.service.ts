import { Inject, Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, Clock } from '@app/core';
import { MessageOutbox, sameSenderFilter } from './message-outbox.service';
import { MessageKind } from './message.types';
import { ProviderEventDto, ProviderEventsResultView } from './provider-event.dto';
import { SuppressionService, suppressionList } from './suppression.service';

/** `off`: no secret configured (the webhook does not exist); `denied`: wrong or missing credentials. */
export type WebhookAccess = 'ok' | 'off' | 'denied';

interface MessageRow {
  id: string;
  kind: MessageKind;
  partner_id: string;
  email_normalised: string;
  header: string;
}

/**
 * Feedback from the mail provider (deliveries, bounces, complaints, replies), matched to messages
 * by their Message-ID header. Each provider event is applied once, in its own transaction with
 * its dedupe row, so a retried delivery of the same batch applies only what did not commit.
 */
@Injectable()
export class ProviderEventsService {
  private readonly secretDigest: Buffer | null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly suppressions: SuppressionService,
    private readonly outbox: MessageOutbox,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.secretDigest = config.mail.webhookSecret === null ? null : digest(config.mail.webhookSecret);
  }

  /** Checks `Authorization: Bearer <MAIL_WEBHOOK_SECRET>` in constant time. */
  access(authorization: unknown): WebhookAccess {
    if (this.secretDigest === null) return 'off';
    const match = typeof authorization === 'string' ? /^Bearer\s+(\S{1,500})$/i.exec(authorization) : null;
    // Digests of equal length, so neither the comparison nor its length check depends on the secret.
    const given = digest(match?.[1] ?? '');
    return timingSafeEqual(given, this.secretDigest) && match !== null ? 'ok' : 'denied';
  }

  async ingest(events: ProviderEventDto[]): Promise<ProviderEventsResultView> {
    const result = { accepted: 0, duplicates: 0, unknown: 0 };
    if (events.length === 0) return result;
    const headers = events.map((e) => messageIdHeader(e.messageId));
    const rows = await this.dataSource.query<MessageRow[]>(
      `SELECT id, kind, partner_id, email_normalised, message_id_header AS header FROM messages WHERE message_id_header = ANY($1)`,
      [[...new Set(headers)]],
    );
    const byHeader = new Map(rows.map((r) => [r.header, r]));
    for (const [i, event] of events.entries()) {
      const message = byHeader.get(headers[i]!);
      if (!message) {
        result.unknown++;
        continue;
      }
      const applied = await this.dataSource.transaction(async (manager) => {
        const now = this.clock.now();
        const fresh = await manager.query<unknown[]>(`INSERT INTO mail_provider_events (event_id, received_at) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING event_id`, [event.id, now]);
        if (fresh.length === 0) return false;
        await this.apply(manager, message, event, eventTime(event.at, now), now);
        return true;
      });
      if (applied) result.accepted++;
      else result.duplicates++;
    }
    return result;
  }

  private async apply(manager: EntityManager, message: MessageRow, event: ProviderEventDto, at: Date, now: Date): Promise<void> {
    const record = (type: string, detail: Record<string, unknown>) =>
      manager.query(`INSERT INTO message_events (message_id, type, at, detail) VALUES ($1, $2, $3, $4)`, [message.id, type, at, JSON.stringify({ providerEventId: event.id, ...detail })]);
    const stamp = (column: 'delivered_at' | 'bounced_at' | 'complained_at' | 'replied_at', extra = '') =>
      manager.query(`UPDATE messages SET ${column} = COALESCE(${column}, $2), ${extra} updated_at = $3 WHERE id = $1`, [message.id, at, now]);

    switch (event.type) {
      case 'delivered':
        await stamp('delivered_at');
        await record('delivered', {});
        return;
      case 'bounce': {
        const kind = event.bounce?.kind ?? 'soft';
        const detail = { kind, ...(event.bounce?.diagnostic ? { diagnostic: event.bounce.diagnostic } : {}) };
        if (kind === 'soft') {
          await record('bounced', detail);
          return;
        }
        // The address does not exist: no partner should mail it again.
        await stamp('bounced_at', `status = CASE WHEN status = 'sent' THEN 'bounced' ELSE status END,`);
        await record('bounced', detail);
        await this.suppressions.suppress(null, message.email_normalised, 'bounced', manager);
        await this.outbox.cancel({ emailNormalised: message.email_normalised }, 'bounced', manager);
        return;
      }
      case 'complaint':
        await stamp('complained_at');
        await record('complained', {});
        await this.suppressions.suppress(suppressionList(message.kind, message.partner_id), message.email_normalised, 'complained', manager);
        await this.outbox.cancel(sameSenderFilter(message), 'complained', manager);
        return;
      case 'reply':
        await stamp('replied_at');
        await record('replied', {});
        return;
    }
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** `<id@domain>` as stored (ours are lower-case), whether or not the provider kept the brackets. */
function messageIdHeader(value: string): string {
  return `<${value.trim().replace(/^<|>$/g, '').toLowerCase()}>`;
}

/** The provider's time, but never in the future of ours (clock skew would reorder a history). */
function eventTime(at: string | undefined, now: Date): Date {
  if (at === undefined) return now;
  const time = new Date(at);
  return Number.isNaN(time.getTime()) || time > now ? now : time;
}
