import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PartnerScope } from '@app/core';
import { ActivityType, MdfRequest, RequestStatus } from './mdf.types';

interface RequestRow {
  id: string;
  program_id: string;
  partner_id: string;
  account_id: string;
  activity_type: ActivityType;
  description: string;
  starts_on: string;
  ends_on: string;
  currency: string;
  planned_cost_cents: string;
  requested_cents: string;
  approved_cents: string | null;
  expected_pipeline_cents: string;
  launch_ids: string[];
  status: RequestStatus;
  submitted_by: string;
  decided_by: string | null;
  decision_note: string | null;
  submitted_at: Date;
  decided_at: Date | null;
  created_at: Date;
}

const COLUMNS = `id, program_id, partner_id, account_id, activity_type, description, starts_on::text AS starts_on, ends_on::text AS ends_on, currency,
  planned_cost_cents, requested_cents, approved_cents, expected_pipeline_cents, launch_ids, status, submitted_by, decided_by, decision_note,
  submitted_at, decided_at, created_at`;

const toRequest = (r: RequestRow): MdfRequest => ({
  id: r.id,
  programId: r.program_id,
  partnerId: r.partner_id,
  accountId: r.account_id,
  activityType: r.activity_type,
  description: r.description,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  currency: r.currency,
  plannedCostCents: Number(r.planned_cost_cents),
  requestedCents: Number(r.requested_cents),
  approvedCents: r.approved_cents === null ? null : Number(r.approved_cents),
  expectedPipelineCents: Number(r.expected_pipeline_cents),
  launchIds: r.launch_ids,
  status: r.status,
  submittedBy: r.submitted_by,
  decidedBy: r.decided_by,
  decisionNote: r.decision_note,
  submittedAt: r.submitted_at,
  decidedAt: r.decided_at,
  createdAt: r.created_at,
});

export type RequestFields = Pick<MdfRequest, 'activityType' | 'description' | 'startsOn' | 'endsOn' | 'plannedCostCents' | 'requestedCents' | 'expectedPipelineCents' | 'launchIds'>;

/** Pre-approval requests. Every read that serves a partner takes its `PartnerScope`. */
@Injectable()
export class RequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    manager: EntityManager,
    r: RequestFields & { programId: string; partnerId: string; accountId: string; currency: string; submittedBy: string },
    now: Date,
  ): Promise<MdfRequest> {
    const rows = await manager.query<RequestRow[]>(
      `INSERT INTO mdf_requests (program_id, partner_id, account_id, activity_type, description, starts_on, ends_on, currency, planned_cost_cents, requested_cents,
                                 expected_pipeline_cents, launch_ids, submitted_by, submitted_at, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $14) RETURNING ${COLUMNS}`,
      [r.programId, r.partnerId, r.accountId, r.activityType, r.description, r.startsOn, r.endsOn, r.currency, r.plannedCostCents, r.requestedCents, r.expectedPipelineCents, r.launchIds, r.submittedBy, now],
    );
    return toRequest(rows[0]!);
  }

  async find(scope: PartnerScope, id: string, manager?: EntityManager, lock = false): Promise<MdfRequest | null> {
    const rows = await (manager ?? this.dataSource.manager).query<RequestRow[]>(
      `SELECT ${COLUMNS} FROM mdf_requests WHERE id = $1 AND ($2::uuid IS NULL OR partner_id = $2)${lock ? ' FOR UPDATE' : ''}`,
      [id, scope.partnerId],
    );
    return rows[0] ? toRequest(rows[0]) : null;
  }

  async list(scope: PartnerScope, filter: { status?: RequestStatus; programId?: string }, page: { limit: number; after?: [string, string] }): Promise<MdfRequest[]> {
    const rows = await this.dataSource.query<RequestRow[]>(
      `SELECT ${COLUMNS} FROM mdf_requests
       WHERE ($1::uuid IS NULL OR partner_id = $1) AND ($2::text IS NULL OR status = $2) AND ($3::uuid IS NULL OR program_id = $3)
         AND ($4::timestamptz IS NULL OR (submitted_at, id) > ($4, $5::uuid))
       ORDER BY submitted_at, id LIMIT $6`,
      [scope.partnerId, filter.status ?? null, filter.programId ?? null, page.after?.[0] ?? null, page.after?.[1] ?? null, page.limit],
    );
    return rows.map(toRequest);
  }

  async resubmit(manager: EntityManager, id: string, fields: RequestFields, now: Date): Promise<MdfRequest> {
    const [rows] = await manager.query<[RequestRow[], number]>(
      `UPDATE mdf_requests SET activity_type = $2, description = $3, starts_on = $4, ends_on = $5, planned_cost_cents = $6, requested_cents = $7,
              expected_pipeline_cents = $8, launch_ids = $9, status = 'submitted', submitted_at = $10, updated_at = $10
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, fields.activityType, fields.description, fields.startsOn, fields.endsOn, fields.plannedCostCents, fields.requestedCents, fields.expectedPipelineCents, fields.launchIds, now],
    );
    return toRequest(rows[0]!);
  }

  async decide(manager: EntityManager, id: string, d: { status: RequestStatus; approvedCents?: number | null; decidedBy: string; note: string | null }, now: Date): Promise<MdfRequest> {
    const [rows] = await manager.query<[RequestRow[], number]>(
      `UPDATE mdf_requests SET status = $2, approved_cents = COALESCE($3, approved_cents), decided_by = $4, decision_note = $5, decided_at = $6, updated_at = $6
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, d.status, d.approvedCents ?? null, d.decidedBy, d.note, now],
    );
    return toRequest(rows[0]!);
  }
}
