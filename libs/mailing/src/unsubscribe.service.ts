import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, AuditService, Clock } from '@app/core';
import { MessageOutbox, sameSenderFilter } from './message-outbox.service';
import { MessageKind } from './message.types';
import { SuppressionService, suppressionList } from './suppression.service';
import { UnsubscribeTokens } from './unsubscribe-token.service';

/** `partner`: no more mail from the message's partner; `all`: no more mail through the platform. */
export type UnsubscribeScope = 'partner' | 'all';

/** What the confirmation page shows before anything changes. */
export interface UnsubscribePreview {
  messageId: string;
  partnerName: string;
  /** The address already asked to stop (from this message's partner, or from everyone). */
  alreadyUnsubscribed: boolean;
}

export interface UnsubscribeOutcome {
  messageId: string;
  partnerName: string;
  scope: UnsubscribeScope;
  /** Not-yet-sent messages to the address that will now never go out. */
  cancelled: number;
}

interface MessageRow {
  id: string;
  kind: MessageKind;
  partner_id: string;
  email_normalised: string;
  partner_name: string;
  unsubscribed_at: Date | null;
}

/**
 * The unsubscribe behind every message's link and List-Unsubscribe header. Looking is free (mail
 * scanners follow links); only a POST unsubscribes, and the suppression, the message's record and
 * the cancellation of pending mail to the address commit together, so nothing queued slips out.
 */
@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly tokens: UnsubscribeTokens,
    private readonly suppressions: SuppressionService,
    private readonly outbox: MessageOutbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Who the person stops hearing from: the partner, or the vendor for its partner program mail. */
  private senderName(message: { kind: MessageKind; partner_name: string }): string {
    return message.kind === 'program' ? `${this.config.mail.vendorName} (partner program)` : message.partner_name;
  }

  /** Null for a forged token or a message that no longer exists. Changes nothing. */
  async preview(token: string): Promise<UnsubscribePreview | null> {
    const messageId = this.tokens.verify(token);
    if (!messageId) return null;
    const rows = await this.dataSource.query<{ id: string; kind: MessageKind; partner_name: string; suppressed: boolean }[]>(
      `SELECT m.id, m.kind, p.name AS partner_name,
              m.unsubscribed_at IS NOT NULL
                OR (m.kind <> 'program' AND EXISTS (SELECT 1 FROM suppressions s WHERE s.partner_id = m.partner_id AND s.email_normalised = m.email_normalised AND s.reason = 'unsubscribed'))
                OR (m.kind = 'program' AND EXISTS (SELECT 1 FROM program_suppressions s WHERE s.email_normalised = m.email_normalised AND s.reason = 'unsubscribed'))
                OR EXISTS (SELECT 1 FROM global_suppressions g WHERE g.email_normalised = m.email_normalised AND g.reason = 'unsubscribed') AS suppressed
       FROM messages m JOIN partners p ON p.id = m.partner_id WHERE m.id = $1`,
      [messageId],
    );
    const row = rows[0];
    return row ? { messageId: row.id, partnerName: this.senderName(row), alreadyUnsubscribed: row.suppressed } : null;
  }

  /**
   * Suppresses the message's address for its partner (or for everyone), records it on the message
   * and cancels every message to the address not yet handed to SMTP. Idempotent: a repeated
   * request changes nothing more. Null for a forged token or a message that no longer exists.
   */
  async unsubscribe(token: string, scope: UnsubscribeScope, requestId?: string): Promise<UnsubscribeOutcome | null> {
    const messageId = this.tokens.verify(token);
    if (!messageId) return null;
    return this.dataSource.transaction(async (manager) => {
      // The row lock serialises a double submit (a mail client's one-click and the person's click).
      const rows = await manager.query<MessageRow[]>(
        `SELECT m.id, m.kind, m.partner_id, m.email_normalised, m.unsubscribed_at, p.name AS partner_name
         FROM messages m JOIN partners p ON p.id = m.partner_id WHERE m.id = $1 FOR UPDATE OF m`,
        [messageId],
      );
      const message = rows[0];
      if (!message) return null;
      const now = this.clock.now();
      const wasGlobal = scope === 'all' && (await manager.query<unknown[]>(`SELECT 1 FROM global_suppressions WHERE email_normalised = $1`, [message.email_normalised])).length > 0;

      await this.suppressions.suppress(scope === 'all' ? null : suppressionList(message.kind, message.partner_id), message.email_normalised, 'unsubscribed', manager);
      const cancelled = await this.outbox.cancel(scope === 'all' ? { emailNormalised: message.email_normalised } : sameSenderFilter(message), 'unsubscribed', manager);

      // Recorded once per message, and again only when a later request widens it to every partner.
      if (message.unsubscribed_at === null || (scope === 'all' && !wasGlobal)) {
        await manager.query(`UPDATE messages SET unsubscribed_at = COALESCE(unsubscribed_at, $2), updated_at = $2 WHERE id = $1`, [message.id, now]);
        await manager.query(`INSERT INTO message_events (message_id, type, at, detail) VALUES ($1, 'unsubscribed', $2, $3)`, [message.id, now, JSON.stringify({ scope, cancelled })]);
        await this.audit.record(
          {
            actorUserId: null,
            action: 'message.unsubscribed',
            entityType: 'message',
            entityId: message.id,
            after: { scope, partnerId: message.partner_id, cancelled },
            requestId: requestId ?? null,
          },
          manager,
        );
      }
      return { messageId: message.id, partnerName: this.senderName(message), scope, cancelled };
    });
  }
}
