import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

interface EndpointRow {
  id: string;
  url: string;
  description: string | null;
  created_at: Date;
}

/** A stored event with what its delivery needs of its endpoint. */
export interface WebhookDelivery {
  type: string;
  payload: unknown;
  createdAt: Date;
  deliveredAt: Date | null;
  url: string;
  secret: string;
  endpointDeletedAt: Date | null;
}

/** Webhook endpoints, the events written for them and their delivery attempts. */
@Injectable()
export class DealWebhookRepository {
  constructor(private readonly dataSource: DataSource) {}

  async countLiveEndpoints(manager: EntityManager): Promise<number> {
    const rows = await manager.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM deal_webhook_endpoints WHERE deleted_at IS NULL`);
    return rows[0]?.n ?? 0;
  }

  async insertEndpoint(manager: EntityManager, e: { url: string; description: string | null; secret: string; createdBy: string; now: Date }): Promise<{ id: string; url: string; description: string | null; createdAt: Date }> {
    const rows = await manager.query<EndpointRow[]>(
      `INSERT INTO deal_webhook_endpoints (url, description, secret, created_by, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id, url, description, created_at`,
      [e.url, e.description, e.secret, e.createdBy, e.now],
    );
    const row = rows[0]!;
    return { id: row.id, url: row.url, description: row.description, createdAt: row.created_at };
  }

  async liveEndpoints(): Promise<{ id: string; url: string; description: string | null; createdAt: Date }[]> {
    const rows = await this.dataSource.query<EndpointRow[]>(`SELECT id, url, description, created_at FROM deal_webhook_endpoints WHERE deleted_at IS NULL ORDER BY created_at, id`);
    return rows.map((r) => ({ id: r.id, url: r.url, description: r.description, createdAt: r.created_at }));
  }

  /** Marks a live endpoint deleted; null when there is none with this id. */
  async deleteEndpoint(manager: EntityManager, id: string, now: Date): Promise<{ id: string; url: string } | null> {
    const rows = await manager.query<{ id: string; url: string }[]>(
      `WITH deleted AS (UPDATE deal_webhook_endpoints SET deleted_at = $2 WHERE id = $1 AND deleted_at IS NULL RETURNING id, url) SELECT * FROM deleted`,
      [id, now],
    );
    return rows[0] ?? null;
  }

  async liveEndpointIds(manager: EntityManager): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(`SELECT id FROM deal_webhook_endpoints WHERE deleted_at IS NULL`);
    return rows.map((r) => r.id);
  }

  /** One event per endpoint with this payload; answers their ids. */
  async insertEvents(manager: EntityManager, endpointIds: string[], dealId: string, payload: unknown, now: Date): Promise<string[]> {
    const rows = await manager.query<{ id: string }[]>(
      `INSERT INTO deal_webhook_events (endpoint_id, deal_id, type, payload, created_at)
       SELECT e, $2, 'deal.status_changed', $3::jsonb, $4 FROM unnest($1::uuid[]) AS e
       RETURNING id`,
      [endpointIds, dealId, JSON.stringify(payload), now],
    );
    return rows.map((r) => r.id);
  }

  async findDelivery(eventId: string): Promise<WebhookDelivery | null> {
    const rows = await this.dataSource.query<{ type: string; payload: unknown; created_at: Date; delivered_at: Date | null; url: string; secret: string; deleted_at: Date | null }[]>(
      `SELECT ev.type, ev.payload, ev.created_at, ev.delivered_at, ep.url, ep.secret, ep.deleted_at
       FROM deal_webhook_events ev JOIN deal_webhook_endpoints ep ON ep.id = ev.endpoint_id WHERE ev.id = $1`,
      [eventId],
    );
    const r = rows[0];
    return r ? { type: r.type, payload: r.payload, createdAt: r.created_at, deliveredAt: r.delivered_at, url: r.url, secret: r.secret, endpointDeletedAt: r.deleted_at } : null;
  }

  /** Records one attempt and the event's outcome (delivered when there was no error), in one transaction. */
  async recordAttempt(a: { eventId: string; at: Date; status: number | null; error: string | null; durationMs: number }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO deal_webhook_attempts (event_id, attempted_at, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5)`, [a.eventId, a.at, a.status, a.error, a.durationMs]);
      await manager.query(
        `UPDATE deal_webhook_events SET attempts = attempts + 1, last_status = $2, last_error = $3, delivered_at = CASE WHEN $3::text IS NULL THEN $4::timestamptz ELSE NULL END WHERE id = $1`,
        [a.eventId, a.status, a.error, a.at],
      );
    });
  }
}
