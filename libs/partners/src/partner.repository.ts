import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { containsPattern, PartnerScope, scopeCovers } from '@app/core';
import { Eligibility, eligibilitySql } from './eligibility';
import { PartnerEntity, PartnerStatus, Region } from './partner.entity';
import { TierEntity } from './tier.entity';
import type { TierCount } from './partner.view';

export interface PartnerFilter {
  tierId?: string;
  region?: Region;
  status?: PartnerStatus;
  q?: string;
}

/**
 * Partners and tiers. Queries that serve a caller take the caller's `PartnerScope` (their own
 * partner, or all partners for vendor users). It is required so a forgotten scope does not compile.
 */
@Injectable()
export class PartnerRepository {
  constructor(
    @InjectRepository(PartnerEntity) private readonly partners: Repository<PartnerEntity>,
    @InjectRepository(TierEntity) private readonly tiers: Repository<TierEntity>,
  ) {}

  findVisible(scope: PartnerScope, id: string): Promise<PartnerEntity | null> {
    if (!scopeCovers(scope, id)) return Promise.resolve(null);
    return this.partners.findOneBy({ id });
  }

  findBySlug(slug: string): Promise<PartnerEntity | null> {
    return this.partners.findOneBy({ slug });
  }

  /** Keyset page ordered by (lower(name), id). */
  listVisible(scope: PartnerScope, filter: PartnerFilter, page: { limit: number; after?: [string, string] }): Promise<PartnerEntity[]> {
    const query = this.partners.createQueryBuilder('p');
    if (scope.partnerId !== null) query.andWhere('p.id = :scope', { scope: scope.partnerId });
    if (filter.tierId) query.andWhere('p.tierId = :tierId', { tierId: filter.tierId });
    if (filter.region) query.andWhere('p.region = :region', { region: filter.region });
    if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
    if (filter.q) query.andWhere("p.name ILIKE :q ESCAPE '\\'", { q: containsPattern(filter.q) });
    if (page.after) query.andWhere('(lower(p.name), p.id) > (:afterName, :afterId)', { afterName: page.after[0], afterId: page.after[1] });
    return query.orderBy('lower(p.name)', 'ASC').addOrderBy('p.id', 'ASC').limit(page.limit).getMany();
  }

  /** Locks the partner row for a read-modify-write of its profile. */
  lockForUpdate(manager: EntityManager, id: string): Promise<PartnerEntity | null> {
    return manager.createQueryBuilder(PartnerEntity, 'p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
  }

  insert(manager: EntityManager, partner: Partial<PartnerEntity>): Promise<PartnerEntity> {
    return manager.save(manager.create(PartnerEntity, { ...partner, profileVersion: 1 }));
  }

  save(manager: EntityManager, partner: PartnerEntity): Promise<PartnerEntity> {
    return manager.save(partner);
  }

  /** How many of `ids` name a tier, in the caller's transaction when given. */
  countTiers(ids: string[], manager?: EntityManager): Promise<number> {
    return (manager ? manager.getRepository(TierEntity) : this.tiers).countBy({ id: In(ids) });
  }

  /** How many of `ids` name a partner, in the caller's transaction when given. */
  countPartners(ids: string[], manager?: EntityManager): Promise<number> {
    return (manager ? manager.getRepository(PartnerEntity) : this.partners).countBy({ id: In(ids) });
  }

  listTiers(): Promise<TierEntity[]> {
    return this.tiers.find({ order: { rank: 'ASC' } });
  }

  findTier(id: string): Promise<TierEntity | null> {
    return this.tiers.findOneBy({ id });
  }

  saveTier(tier: Partial<TierEntity>): Promise<TierEntity> {
    return this.tiers.save(this.tiers.create(tier));
  }

  /** Name, tier, region and time zone of the partners with these ids (any number, one query), in the caller's transaction when given. */
  async briefs(ids: string[], manager?: EntityManager): Promise<Pick<PartnerEntity, 'id' | 'name' | 'tierId' | 'region' | 'timeZone'>[]> {
    if (ids.length === 0) return [];
    return (manager ? manager.getRepository(PartnerEntity) : this.partners).find({ select: { id: true, name: true, tierId: true, region: true, timeZone: true }, where: { id: In([...new Set(ids)]) } });
  }

  /** How many partners `current` makes eligible and `next` would not (eligibilities as jsonb). */
  async countLosingEligibility(current: Eligibility, next: Eligibility): Promise<number> {
    const partner = { id: 'p.id::text', tier: 'p.tier_id::text', region: 'p.region' };
    const [row] = await this.partners.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM partners p WHERE ${eligibilitySql('$1::jsonb', partner)} AND NOT ${eligibilitySql('$2::jsonb', partner)}`,
      [JSON.stringify(current), JSON.stringify(next)],
    );
    return row.n;
  }

  // For campaigns: eligibility facts of the partners that can launch, tiers counting given partners.

  /** Id, tier and region of the active or onboarding partners (of `ids`, when given), by id. */
  async eligibilityFactsOfActive(ids: string[] | null, manager: EntityManager = this.partners.manager): Promise<{ id: string; tierId: string; region: Region }[]> {
    if (ids !== null && ids.length === 0) return [];
    const rows = await manager.query<{ id: string; tier_id: string; region: Region }[]>(
      `SELECT id, tier_id, region FROM partners WHERE status IN ('active', 'onboarding')${ids === null ? '' : ' AND id = ANY($1::uuid[])'} ORDER BY id LIMIT 100000`,
      ids === null ? [] : [ids],
    );
    return rows.map((r) => ({ id: r.id, tierId: r.tier_id, region: r.region }));
  }

  /** Every tier by rank, with how many of `partnerIds` are in it. */
  tiersCounting(partnerIds: string[]): Promise<TierCount[]> {
    return this.partners.manager.query(
      `SELECT t.id, t.name, t.rank, count(p.id)::int AS count
         FROM tiers t
         LEFT JOIN partners p ON p.tier_id = t.id AND p.id = ANY($1::uuid[])
        GROUP BY t.id, t.name, t.rank
        ORDER BY t.rank`,
      [partnerIds],
    );
  }

  /** Name, signing date and tier MDF reimbursement percentage of each of these partners, by name then id, in one query (for MDF). */
  async mdfTerms(ids: string[], manager?: EntityManager): Promise<(PartnerMdfTerms & { id: string })[]> {
    if (ids.length === 0) return [];
    const rows = await (manager ?? this.partners.manager).query<{ id: string; name: string; signed_at: string | null; pct: number | null }[]>(
      `SELECT p.id, p.name, p.signed_at::text AS signed_at, t.default_mdf_reimbursement_pct AS pct
       FROM partners p LEFT JOIN tiers t ON t.id = p.tier_id WHERE p.id = ANY($1::uuid[]) ORDER BY lower(p.name), p.id`,
      [ids],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, signedAt: r.signed_at, reimbursementPct: r.pct ?? 0 }));
  }

  /** These partners, or (null) every onboarding or active one, with their tiers, by id (MDF allocation). */
  async tiersOf(ids: string[] | null): Promise<{ partnerId: string; tierId: string }[]> {
    const rows = await this.partners.find({ where: ids ? { id: In(ids) } : { status: In(['onboarding', 'active']) }, select: { id: true, tierId: true }, order: { id: 'ASC' } });
    return rows.map((p) => ({ partnerId: p.id, tierId: p.tierId }));
  }

  /** The partner id each of `refs` (a slug or an id) names, both as given keys; unknown refs are left out. */
  async idsBySlugOrId(refs: string[]): Promise<Map<string, string>> {
    if (refs.length === 0) return new Map();
    const rows = await this.partners.manager.query<{ id: string; slug: string }[]>(`SELECT id::text AS id, slug FROM partners WHERE slug = ANY($1::text[]) OR id::text = ANY($1::text[])`, [refs]);
    const out = new Map<string, string>();
    for (const r of rows) {
      out.set(r.slug, r.id);
      out.set(r.id, r.id);
    }
    return out;
  }

  // For nurture's activation program: signed partners in signing order.

  /** Up to `limit` partners (not inactive) signed on or before `signedBy`, by (signed_at, id), after the keyset `after`. */
  async signedBy(signedBy: string, after: SignedPartner | null, limit: number): Promise<SignedPartner[]> {
    const rows = await this.partners.manager.query<{ id: string; signed_at: string }[]>(
      `SELECT id, signed_at::text AS signed_at FROM partners
       WHERE signed_at IS NOT NULL AND signed_at <= $1::date AND status <> 'inactive'
         AND ($2::date IS NULL OR (signed_at, id) > ($2::date, $3::uuid))
       ORDER BY signed_at, id LIMIT $4`,
      [signedBy, after?.signedAt ?? null, after?.id ?? null, limit],
    );
    return rows.map((r) => ({ id: r.id, signedAt: r.signed_at }));
  }

  /** The partners among `ids`, or the partners of the tiers among `tierIds` (a tier without partners: one row, partner null). */
  async statusesOf(where: { ids: string[] } | { tierIds: string[] }): Promise<PartnerInTier[]> {
    if ('ids' in where) {
      if (where.ids.length === 0) return [];
      return this.partners.manager.query(`SELECT NULL AS "tierId", id, status FROM partners WHERE id = ANY($1::uuid[])`, [where.ids]);
    }
    if (where.tierIds.length === 0) return [];
    return this.partners.manager.query(
      `SELECT t.id AS "tierId", p.id, p.status FROM tiers t LEFT JOIN partners p ON p.tier_id = t.id
       WHERE t.id = ANY($1::uuid[]) ORDER BY t.id, p.created_at, p.id`,
      [where.tierIds],
    );
  }
}

/** What MDF needs of a partner: its name, its signing date (YYYY-MM-DD) and its tier's default reimbursement percentage. */
export interface PartnerMdfTerms {
  name: string;
  signedAt: string | null;
  reimbursementPct: number;
}

/** A partner's id and signing date (YYYY-MM-DD): a keyset position in signing order. */
export interface SignedPartner {
  id: string;
  signedAt: string;
}

/** A partner's status, with the tier it was asked by (null when asked by id); a tier without partners has id and status null. */
export interface PartnerInTier {
  tierId: string | null;
  id: string | null;
  status: string | null;
}
