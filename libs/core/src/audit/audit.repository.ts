import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** An audit row as stored. */
export interface AuditRow {
  id: string;
  occurred_at: Date;
  actor_user_id: string | null;
  on_behalf_of_partner_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

/** The SQL of `audit_events` (append-only: the table refuses updates and deletes). */
@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager | undefined, row: Omit<AuditRow, 'id'>): Promise<void> {
    await (manager ?? this.dataSource.manager).query(
      `INSERT INTO audit_events (occurred_at, actor_user_id, on_behalf_of_partner_id, action, entity_type, entity_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [row.occurred_at, row.actor_user_id, row.on_behalf_of_partner_id, row.action, row.entity_type, row.entity_id, row.before, row.after, row.request_id],
    );
  }

  /** Events of one entity type (and entity), oldest first, `limit` at a time after the event id `afterId`. */
  list(filter: { entityType: string; entityId?: string; afterId?: string; limit: number }): Promise<AuditRow[]> {
    return this.dataSource.query<AuditRow[]>(
      `SELECT id, occurred_at, actor_user_id, on_behalf_of_partner_id, action, entity_type, entity_id, before, after, request_id FROM audit_events
       WHERE entity_type = $1 AND ($2::text IS NULL OR entity_id = $2) AND ($3::bigint IS NULL OR id > $3)
       ORDER BY id LIMIT $4`,
      [filter.entityType, filter.entityId ?? null, filter.afterId ?? null, filter.limit],
    );
  }

  /** Who recorded `action` on one entity (events without an actor left out), in the caller's transaction when given. */
  async actorsOf(filter: { entityType: string; entityId: string; action: string }, manager?: EntityManager): Promise<string[]> {
    const rows = await (manager ?? this.dataSource.manager).query<{ actor_user_id: string }[]>(
      `SELECT DISTINCT actor_user_id FROM audit_events WHERE entity_type = $1 AND entity_id = $2 AND action = $3 AND actor_user_id IS NOT NULL`,
      [filter.entityType, filter.entityId, filter.action],
    );
    return rows.map((r) => r.actor_user_id);
  }
}
