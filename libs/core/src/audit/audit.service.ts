import { Injectable } from '@nestjs/common';
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
}
