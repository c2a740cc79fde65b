import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { EntityManager } from 'typeorm';
import { Clock } from '../clock/clock';
import { AuditRepository } from './audit.repository';

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
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
  ) {}

  /** Pass the transaction's manager so the audit row commits or rolls back with the change. */
  async record(event: AuditEvent, manager?: EntityManager): Promise<void> {
    await this.audit.insert(manager, {
      occurred_at: this.clock.now(),
      actor_user_id: event.actorUserId,
      on_behalf_of_partner_id: event.onBehalfOfPartnerId ?? null,
      action: event.action,
      entity_type: event.entityType,
      entity_id: event.entityId,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
      request_id: event.requestId ?? null,
    });
  }

  /** Events of one entity type (and entity), oldest first, `limit` at a time after the event id `afterId`. */
  async list(filter: { entityType: string; entityId?: string; afterId?: string; limit: number }): Promise<AuditRecord[]> {
    const rows = await this.audit.list(filter);
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
  async actorsOf(filter: { entityType: string; entityId: string; action: string }, manager?: EntityManager): Promise<Set<string>> {
    return new Set(await this.audit.actorsOf(filter, manager));
  }
}
