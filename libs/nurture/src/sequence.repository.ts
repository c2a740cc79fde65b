import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PartnerScope, type QuietHours, SqlConditions } from '@app/core';
import { humanClickSql } from '@app/links';
import { ExitCriterion, SequenceStep } from './sequence-steps';
import { Sequence, SequenceAudience, SequenceResults, SequenceStatus, SequenceVersion, StepResults } from './nurture.types';

interface SequenceRow {
  id: string;
  key: string | null;
  kit_id: string | null;
  audience: SequenceAudience;
  name: string;
  status: SequenceStatus;
  steps: SequenceStep[];
  quiet_hours: QuietHours | null;
  exit_on: ExitCriterion[];
  current_version_id: string | null;
  created_at: Date;
  updated_at: Date;
}

interface VersionRow {
  id: string;
  sequence_id: string;
  version: number;
  steps: SequenceStep[];
  quiet_hours: QuietHours | null;
  exit_on: ExitCriterion[];
  published_at: Date;
}

const toSequence = (r: SequenceRow): Sequence => ({
  id: r.id,
  key: r.key,
  kitId: r.kit_id,
  audience: r.audience,
  name: r.name,
  status: r.status,
  steps: r.steps,
  quietHours: r.quiet_hours,
  exitOn: r.exit_on,
  currentVersionId: r.current_version_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toVersion = (r: VersionRow): SequenceVersion => ({
  id: r.id,
  sequenceId: r.sequence_id,
  version: r.version,
  steps: r.steps,
  quietHours: r.quiet_hours,
  exitOn: r.exit_on,
  publishedAt: r.published_at,
});

export interface SequenceDraft {
  key?: string | null;
  kitId: string | null;
  audience: SequenceAudience;
  name: string;
  steps: SequenceStep[];
  quietHours: QuietHours | null;
  exitOn: ExitCriterion[];
  createdBy: string | null;
}

/** Sequences and their published versions. */
@Injectable()
export class SequenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  async insert(draft: SequenceDraft, now: Date, manager?: EntityManager): Promise<Sequence | null> {
    const rows = await this.m(manager).query<SequenceRow[]>(
      `INSERT INTO sequences (key, kit_id, audience, name, steps, quiet_hours, exit_on, created_by, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) ON CONFLICT (key) DO NOTHING RETURNING *`,
      [draft.key ?? null, draft.kitId, draft.audience, draft.name, JSON.stringify(draft.steps), draft.quietHours ? JSON.stringify(draft.quietHours) : null, JSON.stringify(draft.exitOn), draft.createdBy, now],
    );
    return rows[0] ? toSequence(rows[0]) : null;
  }

  async find(id: string, manager?: EntityManager, lock?: 'update' | 'share'): Promise<Sequence | null> {
    const rows = await this.m(manager).query<SequenceRow[]>(`SELECT * FROM sequences WHERE id = $1 ${lock === 'update' ? 'FOR UPDATE' : lock === 'share' ? 'FOR SHARE' : ''}`, [id]);
    return rows[0] ? toSequence(rows[0]) : null;
  }

  async findByKey(key: string, manager?: EntityManager): Promise<Sequence | null> {
    const rows = await this.m(manager).query<SequenceRow[]>(`SELECT * FROM sequences WHERE key = $1`, [key]);
    return rows[0] ? toSequence(rows[0]) : null;
  }

  /**
   * A sequence in the scope: any for all partners; for one partner, a published kit sequence of a
   * kit it has launched (`launchedKitIds`, from campaigns; unused for all partners).
   */
  async findVisible(scope: PartnerScope, id: string, launchedKitIds: string[]): Promise<Sequence | null> {
    if (scope.partnerId === null) return this.find(id);
    const rows = await this.dataSource.query<SequenceRow[]>(
      `SELECT s.* FROM sequences s
       WHERE s.id = $1 AND s.current_version_id IS NOT NULL AND s.kit_id = ANY($2::uuid[])`,
      [id, launchedKitIds],
    );
    return rows[0] ? toSequence(rows[0]) : null;
  }

  /** Keyset page by (created_at, id); one partner's scope: the published sequences of `launchedKitIds` only. */
  async list(scope: PartnerScope, launchedKitIds: string[], page: { limit: number; after?: [string, string]; kitId?: string }): Promise<Sequence[]> {
    const w = new SqlConditions([page.limit]);
    if (scope.partnerId) w.and(`s.current_version_id IS NOT NULL AND s.kit_id = ANY(${w.param(launchedKitIds)}::uuid[])`);
    if (page.kitId) w.and(`s.kit_id = ${w.param(page.kitId)}`);
    if (page.after) w.and(`(s.created_at, s.id) > (${w.param(page.after[0])}::timestamptz, ${w.param(page.after[1])}::uuid)`);
    const rows = await this.dataSource.query<SequenceRow[]>(`SELECT s.* FROM sequences s ${w.where()} ORDER BY s.created_at, s.id LIMIT $1`, w.params);
    return rows.map(toSequence);
  }

  /** The published sequences of a kit that take new enrolments (paused ones do, and hold them). */
  async publishedForKit(kitId: string, manager?: EntityManager): Promise<Sequence[]> {
    const rows = await this.m(manager).query<SequenceRow[]>(
      `SELECT * FROM sequences WHERE kit_id = $1 AND current_version_id IS NOT NULL ORDER BY created_at, id`,
      [kitId],
    );
    return rows.map(toSequence);
  }

  async updateDraft(id: string, changes: { name?: string; steps?: SequenceStep[]; quietHours?: QuietHours | null; exitOn?: ExitCriterion[] }, now: Date, manager?: EntityManager): Promise<void> {
    const sets: string[] = [];
    const params: unknown[] = [id, now];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (changes.name !== undefined) set('name', changes.name);
    if (changes.steps !== undefined) set('steps', JSON.stringify(changes.steps));
    if (changes.quietHours !== undefined) set('quiet_hours', changes.quietHours ? JSON.stringify(changes.quietHours) : null);
    if (changes.exitOn !== undefined) set('exit_on', JSON.stringify(changes.exitOn));
    await this.m(manager).query(`UPDATE sequences SET ${[...sets, 'updated_at = $2'].join(', ')} WHERE id = $1`, params);
  }

  async setStatus(id: string, status: SequenceStatus, now: Date, manager?: EntityManager): Promise<void> {
    await this.m(manager).query(`UPDATE sequences SET status = $2, updated_at = $3 WHERE id = $1`, [id, status, now]);
  }

  async version(id: string, manager?: EntityManager): Promise<SequenceVersion | null> {
    const rows = await this.m(manager).query<VersionRow[]>(`SELECT * FROM sequence_versions WHERE id = $1`, [id]);
    return rows[0] ? toVersion(rows[0]) : null;
  }

  async versions(ids: string[], manager?: EntityManager): Promise<Map<string, SequenceVersion>> {
    if (ids.length === 0) return new Map();
    const rows = await this.m(manager).query<VersionRow[]>(`SELECT * FROM sequence_versions WHERE id = ANY($1)`, [ids]);
    return new Map(rows.map((r) => [r.id, toVersion(r)]));
  }

  async insertVersion(sequenceId: string, content: { steps: SequenceStep[]; quietHours: QuietHours | null; exitOn: ExitCriterion[] }, publishedBy: string | null, now: Date, manager: EntityManager): Promise<SequenceVersion> {
    const rows = await manager.query<VersionRow[]>(
      `INSERT INTO sequence_versions (sequence_id, version, steps, quiet_hours, exit_on, published_by, published_at)
       VALUES ($1, (SELECT COALESCE(max(version), 0) + 1 FROM sequence_versions WHERE sequence_id = $1), $2, $3, $4, $5, $6) RETURNING *`,
      [sequenceId, JSON.stringify(content.steps), content.quietHours ? JSON.stringify(content.quietHours) : null, JSON.stringify(content.exitOn), publishedBy, now],
    );
    await manager.query(`UPDATE sequences SET current_version_id = $2, status = CASE WHEN status = 'draft' THEN 'active' ELSE status END, updated_at = $3 WHERE id = $1`, [sequenceId, rows[0]!.id, now]);
    return toVersion(rows[0]!);
  }

  async hasEnrolments(id: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM enrolments WHERE sequence_id = $1 LIMIT 1`, [id]);
    return rows.length > 0;
  }

  async delete(id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE sequences SET current_version_id = NULL WHERE id = $1`, [id]);
      await manager.query(`DELETE FROM sequences WHERE id = $1`, [id]);
    });
  }

  /** Enrolment counts and per-step message counts of the enrolments in the scope. */
  async results(sequenceId: string, scope: PartnerScope): Promise<Omit<SequenceResults, 'steps'> & { steps: Omit<StepResults, 'type'>[] }> {
    const params = [sequenceId, scope.partnerId];
    const counts = await this.dataSource.query<{ status: string; exit_reason: string | null; n: number }[]>(
      `SELECT status, exit_reason, count(*)::int AS n FROM enrolments
       WHERE sequence_id = $1 AND ($2::uuid IS NULL OR partner_id = $2) GROUP BY status, exit_reason`,
      params,
    );
    const steps = await this.dataSource.query<Record<string, number>[]>(
      `SELECT m.step_index AS "stepIndex",
              count(*) FILTER (WHERE m.status IN ('queued', 'dispatched', 'sending'))::int AS queued,
              count(*) FILTER (WHERE m.status = 'held')::int AS held,
              count(*) FILTER (WHERE m.sent_at IS NOT NULL)::int AS sent,
              count(*) FILTER (WHERE m.delivered_at IS NOT NULL OR (m.sent_at IS NOT NULL AND m.bounced_at IS NULL AND m.status <> 'bounced'))::int AS delivered,
              count(*) FILTER (WHERE m.opened_at IS NOT NULL OR m.clicked_at IS NOT NULL
                OR EXISTS (SELECT 1 FROM link_opens o WHERE o.message_ref = m.id::text AND NOT o.bot)
                OR EXISTS (SELECT 1 FROM link_clicks c WHERE c.message_id = m.id AND ${humanClickSql('c')}))::int AS opened,
              count(*) FILTER (WHERE m.clicked_at IS NOT NULL
                OR EXISTS (SELECT 1 FROM link_clicks c WHERE c.message_id = m.id AND ${humanClickSql('c')}))::int AS clicked,
              count(*) FILTER (WHERE m.unsubscribed_at IS NOT NULL)::int AS unsubscribed,
              count(*) FILTER (WHERE m.bounced_at IS NOT NULL OR m.status = 'bounced')::int AS bounced,
              count(*) FILTER (WHERE m.status = 'cancelled')::int AS cancelled,
              count(*) FILTER (WHERE m.status = 'suppressed')::int AS suppressed
       FROM messages m JOIN enrolments e ON e.id = m.enrolment_id
       WHERE e.sequence_id = $1 AND ($2::uuid IS NULL OR e.partner_id = $2)
       GROUP BY m.step_index ORDER BY m.step_index`,
      params,
    );
    const sum = (key: string) => steps.reduce((n, s) => n + (s[key] ?? 0), 0);
    const by = (status: string) => counts.filter((c) => c.status === status).reduce((n, c) => n + c.n, 0);
    const exitedByReason: Record<string, number> = {};
    for (const c of counts) if (c.status === 'exited' && c.exit_reason) exitedByReason[c.exit_reason] = (exitedByReason[c.exit_reason] ?? 0) + c.n;
    return {
      sequenceId,
      enrolled: counts.reduce((n, c) => n + c.n, 0),
      active: by('active'),
      completed: by('completed'),
      exited: by('exited'),
      exitedByReason,
      sent: sum('sent'),
      delivered: sum('delivered'),
      opened: sum('opened'),
      clicked: sum('clicked'),
      unsubscribed: sum('unsubscribed'),
      bounced: sum('bounced'),
      steps: steps as unknown as Omit<StepResults, 'type'>[],
    };
  }
}
