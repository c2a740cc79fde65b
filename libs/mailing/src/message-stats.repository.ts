import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MessageKind } from './message.types';

/** Messages of some launches by what happened to them. */
export interface MessageOutcomeCounts {
  /** Written and waiting (queued, in flight, held by a pause). */
  pending: number;
  sent: number;
  delivered: number;
  bounced: number;
  suppressed: number;
  cancelled: number;
  failed: number;
  unsubscribed: number;
}

/** Aggregates over messages for the owners of what they were sent for (launches). */
@Injectable()
export class MessageStatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async countOfLaunch(launchId: string, kind: MessageKind): Promise<number> {
    const rows = await this.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM messages WHERE launch_id = $1 AND kind = $2', [launchId, kind]);
    return rows[0]?.n ?? 0;
  }

  async outcomesOfLaunches(launchIds: string[]): Promise<MessageOutcomeCounts> {
    const rows = await this.dataSource.query<Partial<MessageOutcomeCounts>[]>(
      `SELECT (count(*) FILTER (WHERE m.status IN ('queued', 'dispatched', 'sending', 'held')))::int AS pending,
              (count(*) FILTER (WHERE m.status = 'sent'))::int AS sent,
              (count(*) FILTER (WHERE m.delivered_at IS NOT NULL))::int AS delivered,
              (count(*) FILTER (WHERE m.status = 'bounced'))::int AS bounced,
              (count(*) FILTER (WHERE m.status = 'suppressed'))::int AS suppressed,
              (count(*) FILTER (WHERE m.status = 'cancelled'))::int AS cancelled,
              (count(*) FILTER (WHERE m.status = 'failed'))::int AS failed,
              (count(*) FILTER (WHERE m.unsubscribed_at IS NOT NULL))::int AS unsubscribed
         FROM messages m WHERE m.launch_id = ANY($1::uuid[])`,
      [launchIds],
    );
    const r = rows[0] ?? {};
    return {
      pending: r.pending ?? 0,
      sent: r.sent ?? 0,
      delivered: r.delivered ?? 0,
      bounced: r.bounced ?? 0,
      suppressed: r.suppressed ?? 0,
      cancelled: r.cancelled ?? 0,
      failed: r.failed ?? 0,
      unsubscribed: r.unsubscribed ?? 0,
    };
  }
}
