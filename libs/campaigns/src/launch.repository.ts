import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Repository } from 'typeorm';
import { OnePartnerScope } from '@app/core';
import { LaunchEntity, LaunchStatus } from './launch.entity';

/** What a new launch is made of (the rest is defaulted by the table). */
export type NewLaunch = Pick<
  LaunchEntity,
  'kitId' | 'kitVersionId' | 'partnerId' | 'status' | 'mode' | 'edits' | 'launchedBy' | 'idempotencyKey' | 'audienceId' | 'sendAt' | 'blastTemplateId' | 'blastStatus' | 'endedAt'
>;

/** A launch's status with its kit's, for the send guard. */
export interface LaunchSendState {
  id: string;
  status: LaunchStatus;
  kitStatus: string;
}

/** Launches, their blast state and the partners' auto-launch opt-ins. */
@Injectable()
export class LaunchRepository {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRepository(LaunchEntity) private readonly launches: Repository<LaunchEntity>,
  ) {}

  findById(id: string): Promise<LaunchEntity | null> {
    return this.launches.findOneBy({ id });
  }

  findByIdempotencyKey(partnerId: string, idempotencyKey: string): Promise<LaunchEntity | null> {
    return this.launches.findOneBy({ partnerId, idempotencyKey });
  }

  /** The partner's newest launch of the kit (live or ended). */
  latestOf(kitId: string, partnerId: string): Promise<LaunchEntity | null> {
    return this.launches.findOne({ where: { kitId, partnerId }, order: { createdAt: 'DESC' } });
  }

  /** The active or paused launches among `ids`. */
  findLive(ids: string[]): Promise<LaunchEntity[]> {
    return this.launches.findBy({ id: In([...new Set(ids)]), status: In(['active', 'paused']) });
  }

  /** A page of launches, newest first (of one partner when `partnerId` is set). */
  page(filter: { partnerId: string | null; kitId?: string; after?: readonly unknown[] }, limit: number): Promise<LaunchEntity[]> {
    const q = this.launches.createQueryBuilder('l');
    if (filter.partnerId !== null) q.andWhere('l.partnerId = :scope', { scope: filter.partnerId });
    if (filter.kitId) q.andWhere('l.kitId = :kitId', { kitId: filter.kitId });
    if (filter.after) q.andWhere('(l.createdAt, l.id) < (:at, :id)', { at: filter.after[0], id: filter.after[1] });
    return q.orderBy('l.createdAt', 'DESC').addOrderBy('l.id', 'DESC').limit(limit + 1).getMany();
  }

  insert(manager: EntityManager, launch: NewLaunch): Promise<LaunchEntity> {
    return manager.save(manager.create(LaunchEntity, launch));
  }

  async setStatus(manager: EntityManager, id: string, status: LaunchStatus, endedAt?: Date): Promise<void> {
    await manager.update(LaunchEntity, { id }, { status, ...(endedAt ? { endedAt } : {}) });
  }

  /** Ends every live launch of a kit; the ids ended. */
  async endLiveOfKit(manager: EntityManager, kitId: string, endedAt: Date): Promise<string[]> {
    const ended = await manager
      .createQueryBuilder()
      .update(LaunchEntity)
      .set({ status: 'ended', endedAt })
      .where("kit_id = :id AND status <> 'ended'", { id: kitId })
      .returning('id')
      .execute();
    return (ended.raw as { id: string }[]).map((r) => r.id);
  }

  async countAutoLaunches(kitVersionId: string): Promise<number> {
    const rows = await this.dataSource.query<{ n: number }[]>("SELECT count(*)::int AS n FROM launches WHERE kit_version_id = $1 AND mode = 'auto'", [kitVersionId]);
    return rows[0]?.n ?? 0;
  }

  /** The ids of every launch of a kit (any version, any status). */
  async idsOfKit(kitId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>('SELECT id FROM launches WHERE kit_id = $1', [kitId]);
    return rows.map((r) => r.id);
  }

  /** The partners that launched a kit (any version, any status). */
  async partnersOfKit(kitId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ partner_id: string }[]>('SELECT DISTINCT partner_id FROM launches WHERE kit_id = $1', [kitId]);
    return rows.map((r) => r.partner_id);
  }

  // The blast of a launch.

  /** Launches whose blast is due (active, send time passed), oldest send time first. */
  async dueBlasts(now: Date, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT l.id FROM launches l WHERE l.blast_status IN ('scheduled', 'expanding') AND l.send_at <= $1 AND l.status = 'active' ORDER BY l.send_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Marks the blast as being expanded; false when it is not (or no longer) to be expanded. */
  async claimBlast(launchId: string): Promise<boolean> {
    const claimed = await this.dataSource.query<[unknown[], number]>(
      `UPDATE launches SET blast_status = 'expanding' WHERE id = $1 AND blast_status IN ('scheduled', 'expanding') AND status = 'active' RETURNING id`,
      [launchId],
    );
    return claimed[1] !== 0;
  }

  /** The template version a kit version froze for one of its templates. */
  async frozenTemplateVersionId(kitVersionId: string, templateId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ template_version_id: string }[]>(
      `SELECT t->>'templateVersionId' AS template_version_id FROM kit_versions v, jsonb_array_elements(v.templates) t WHERE v.id = $1 AND t->>'templateId' = $2`,
      [kitVersionId, templateId],
    );
    return rows[0]?.template_version_id ?? null;
  }

  /** The blast is queued with its message count (it is expanded). */
  async blastQueued(launchId: string, count: number): Promise<void> {
    await this.dataSource.query(`UPDATE launches SET blast_status = 'queued', blast_count = $2 WHERE id = $1 AND blast_status = 'expanding'`, [launchId, count]);
  }

  /** A blast not yet expanded will never be. */
  async cancelBlast(manager: EntityManager, launchId: string): Promise<void> {
    await manager.query(`UPDATE launches SET blast_status = 'cancelled' WHERE id = $1 AND blast_status IN ('scheduled', 'expanding')`, [launchId]);
  }

  /** Status of each launch of `ids` and of its kit, in the caller's transaction. */
  async sendStates(manager: EntityManager, ids: string[]): Promise<LaunchSendState[]> {
    const rows = await manager.query<{ id: string; status: LaunchStatus; kit_status: string }[]>(
      `SELECT l.id, l.status, k.status AS kit_status FROM launches l JOIN kits k ON k.id = l.kit_id WHERE l.id = ANY($1)`,
      [ids],
    );
    return rows.map((r) => ({ id: r.id, status: r.status, kitStatus: r.kit_status }));
  }

  // Auto-launch opt-ins.

  async optIns(partnerId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ category: string }[]>('SELECT category FROM auto_launch_optins WHERE partner_id = $1 ORDER BY category', [partnerId]);
    return rows.map((r) => r.category);
  }

  async replaceOptIns(manager: EntityManager, partnerId: string, categories: string[]): Promise<void> {
    await manager.query('DELETE FROM auto_launch_optins WHERE partner_id = $1', [partnerId]);
    for (const category of categories) await manager.query('INSERT INTO auto_launch_optins (partner_id, category) VALUES ($1, $2)', [partnerId, category]);
  }

  /** The partners opted in to a category, in the caller's transaction when given. */
  async optedIn(category: string, manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows = await manager.query<{ partner_id: string }[]>('SELECT partner_id FROM auto_launch_optins WHERE category = $1 ORDER BY partner_id', [category]);
    return rows.map((r) => r.partner_id);
  }

  // For mdf and deals, through ResultsService: launch facts for proof packs, ownership checks.

  /** Each launch's partner, kit name and launch time, its leads up to `asOf` and its kit version's template versions (MDF proof packs); oldest first. */
  async facts(launchIds: string[], asOf: Date): Promise<LaunchFacts[]> {
    if (launchIds.length === 0) return [];
    const rows = await this.dataSource.query<{ id: string; partner_id: string; name: string; created_at: Date; leads: string; template_version_ids: string[] }[]>(
      `SELECT l.id, l.partner_id, kv.name, l.created_at,
              (SELECT count(*) FROM leads ld WHERE ld.launch_id = l.id AND ld.created_at <= $2) AS leads,
              ARRAY(SELECT DISTINCT ((e->>'templateVersionId')::uuid)::text FROM jsonb_array_elements(kv.templates) e WHERE e->>'templateVersionId' IS NOT NULL) AS template_version_ids
       FROM launches l JOIN kit_versions kv ON kv.id = l.kit_version_id
       WHERE l.id = ANY($1::uuid[]) ORDER BY l.created_at, l.id`,
      [launchIds, asOf],
    );
    return rows.map((r) => ({ launchId: r.id, partnerId: r.partner_id, kitName: r.name, launchedAt: r.created_at, leads: Number(r.leads), templateVersionIds: r.template_version_ids }));
  }

  /** The ids among `launchIds` that are this partner's own launches, in one query. */
  async ownIds(scope: OnePartnerScope, launchIds: string[]): Promise<Set<string>> {
    if (launchIds.length === 0) return new Set();
    const rows = await this.dataSource.query<{ id: string }[]>(`SELECT id FROM launches WHERE partner_id = $1 AND id = ANY($2::uuid[])`, [scope.partnerId, launchIds]);
    return new Set(rows.map((r) => r.id));
  }

  // For nurture: which kits' sequences a partner may see.

  /** The kits the partner has launched (any status), in one query. */
  async kitIdsLaunchedBy(partnerId: string): Promise<string[]> {
    const rows = await this.dataSource.query<{ kit_id: string }[]>(`SELECT DISTINCT kit_id FROM launches WHERE partner_id = $1`, [partnerId]);
    return rows.map((r) => r.kit_id);
  }
}

/** What a launch was and brought, as of one instant: its kit, its leads and the template versions its kit version froze. */
export interface LaunchFacts {
  launchId: string;
  partnerId: string;
  kitName: string;
  launchedAt: Date;
  leads: number;
  templateVersionIds: string[];
}
