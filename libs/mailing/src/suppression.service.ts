import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SuppressionReason } from '@app/contacts';
import { MessageKind } from './message.types';

/** The list of the vendor's own program mail to partner users, beside each partner's list. */
export const PROGRAM_LIST = 'program';

/** Which suppression list a message answers to: its partner's, or the vendor program's. */
export function suppressionList(kind: MessageKind, partnerId: string): string {
  return kind === 'program' ? PROGRAM_LIST : partnerId;
}

/**
 * The suppression lists checked at send time: the partner's (an unsubscribe from one partner's
 * mail), the vendor program's (`PROGRAM_LIST`: partner users who stopped the vendor's program
 * mail) and the global one (a hard bounce, or "stop all mail"). A list is named by a partner id or
 * `PROGRAM_LIST`. The first reason recorded for an address stays.
 */
@Injectable()
export class SuppressionService {
  constructor(private readonly dataSource: DataSource) {}

  /** Normalised address → reason, for the addresses the list (a partner, or the program) or everyone must not email. */
  async suppressed(list: string, emailsNormalised: string[], manager?: EntityManager): Promise<Map<string, SuppressionReason>> {
    if (emailsNormalised.length === 0) return new Map();
    const m = manager ?? this.dataSource.manager;
    const rows =
      list === PROGRAM_LIST
        ? await m.query<{ email: string; reason: SuppressionReason }[]>(
            `SELECT email_normalised AS email, reason FROM global_suppressions WHERE email_normalised = ANY($1)
             UNION ALL
             SELECT email_normalised, reason FROM program_suppressions WHERE email_normalised = ANY($1)`,
            [emailsNormalised],
          )
        : await m.query<{ email: string; reason: SuppressionReason }[]>(
            `SELECT email_normalised AS email, reason FROM global_suppressions WHERE email_normalised = ANY($2)
             UNION ALL
             SELECT email_normalised, reason FROM suppressions WHERE partner_id = $1 AND email_normalised = ANY($2)`,
            [list, emailsNormalised],
          );
    const result = new Map<string, SuppressionReason>();
    for (const row of rows) if (!result.has(row.email)) result.set(row.email, row.reason);
    return result;
  }

  /** `list` null: the global list; a partner id or `PROGRAM_LIST` otherwise. */
  async suppress(list: string | null, emailNormalised: string, reason: SuppressionReason, manager?: EntityManager): Promise<void> {
    const m = manager ?? this.dataSource.manager;
    if (list === PROGRAM_LIST) {
      await m.query(`INSERT INTO program_suppressions (email_normalised, reason) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [emailNormalised, reason]);
    } else if (list === null) {
      await m.query(`INSERT INTO global_suppressions (email_normalised, reason) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [emailNormalised, reason]);
    } else {
      await m.query(`INSERT INTO suppressions (partner_id, email_normalised, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [list, emailNormalised, reason]);
    }
  }
}
