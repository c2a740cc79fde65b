import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';

export interface AuditEvent {
  actorUserId: string | null;
  onBehalfOfPartnerId?: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  requestId?: string | null;
}

/** One row of the audit log as it is read back (and answered by `GET /api/v1/audit`). */
export class AuditRecord {
  @ApiProperty({ description: 'ascending: the order events happened in' }) id!: string;
  @ApiProperty({ type: String, format: 'date-time' }) occurredAt!: Date;
  @ApiProperty({ type: String, nullable: true, description: 'null: the system (a sweep, a webhook)' }) actorUserId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'a vendor user acting for this partner' }) onBehalfOfPartnerId!: string | null;
  @ApiProperty({ example: 'mdf.claim.approved' }) action!: string;
  @ApiProperty({ example: 'mdf_claim' }) entityType!: string;
  @ApiProperty() entityId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'the entity before the change' }) before!: unknown;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'the entity after the change' }) after!: unknown;
  @ApiProperty({ type: String, nullable: true }) requestId!: string | null;
}

/** Append-only record of who changed what (the table refuses updates and deletes). */
@Injectable()
export class AuditService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Pass the transaction's manager so the audit row commits or rolls back with the change. */
  async record(event: AuditEvent, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO audit_events (occurred_at, actor_user_id, on_behalf_of_partner_id, action, entity_type, entity_id, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        this.clock.now(),
        event.actorUserId,
        event.onBehalfOfPartnerId ?? null,
        event.action,
        event.entityType,
        event.entityId,
        event.before === undefined ? null : JSON.stringify(event.before),
        event.after === undefined ? null : JSON.stringify(event.after),
        event.requestId ?? null,
      ],
    );
  }

  /** Events of one entity type (and entity), oldest first, `limit` at a time after the event id `afterId`. */
  async list(filter: { entityType: string; entityId?: string; afterId?: string; limit: number }): Promise<AuditRecord[]> {
    const rows = await this.dataSource.query<
      { id: string; occurred_at: Date; actor_user_id: string | null; on_behalf_of_partner_id: string | null; action: string; entity_type: string; entity_id: string; before: unknown; after: unknown; request_id: string | null }[]
    >(
      `SELECT id, occurred_at, actor_user_id, on_behalf_of_partner_id, action, entity_type, entity_id, before, after, request_id FROM audit_events
       WHERE entity_type = $1 AND ($2::text IS NULL OR entity_id = $2) AND ($3::bigint IS NULL OR id > $3)
       ORDER BY id LIMIT $4`,
      [filter.entityType, filter.entityId ?? null, filter.afterId ?? null, filter.limit],
    );
    return rows.map((r) => ({
      id: String(r.id),
      occurredAt: r.occurred_at,
      actorUserId: r.actor_user_id,
      onBehalfOfPartnerId: r.on_behalf_of_partner_id,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before,
      after: r.after,
      requestId: r.request_id,
    }));
  }

  /** Who recorded `action` on one entity (events without an actor left out), in the caller's transaction when given. */
  async actorsOf(filter: { entityType: string; entityId: string; action: string }, manager: EntityManager = this.dataSource.manager): Promise<Set<string>> {
    const rows = await manager.query<{ actor_user_id: string }[]>(
      `SELECT DISTINCT actor_user_id FROM audit_events WHERE entity_type = $1 AND entity_id = $2 AND action = $3 AND actor_user_id IS NOT NULL`,
      [filter.entityType, filter.entityId, filter.action],
    );
    return new Set(rows.map((r) => r.actor_user_id));
  }
}
