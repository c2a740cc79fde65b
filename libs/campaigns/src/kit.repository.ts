import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { containsPattern } from '@app/core';
import { KitEntity, KitStatus } from './kit.entity';
import { KitVersionEntity } from './kit-version.entity';

export interface KitFilter {
  /** Partners' catalog: published kits only, searched by their published names. */
  publishedOnly: boolean;
  status?: KitStatus;
  /** Name (of the version the caller sees), slug or category contains (case-insensitive). */
  q?: string;
  /** The slug to list after. */
  after?: string;
}

/** Kits and their versions. */
@Injectable()
export class KitRepository {
  constructor(
    @InjectRepository(KitEntity) private readonly kits: Repository<KitEntity>,
    @InjectRepository(KitVersionEntity) private readonly versions: Repository<KitVersionEntity>,
  ) {}

  findKit(id: string): Promise<KitEntity | null> {
    return this.kits.findOneBy({ id });
  }

  findBySlug(slug: string): Promise<KitEntity | null> {
    return this.kits.findOneBy({ slug });
  }

  findVersion(id: string): Promise<KitVersionEntity | null> {
    return this.versions.findOneBy({ id });
  }

  /** Kits by slug, at most `take` of them. */
  list(filter: KitFilter, take: number): Promise<KitEntity[]> {
    const q = this.kits.createQueryBuilder('k');
    if (filter.publishedOnly) q.andWhere("k.status = 'published'");
    if (filter.status) q.andWhere('k.status = :status', { status: filter.status });
    if (filter.q?.trim()) {
      // The name searched is the one the caller sees: partners never match a draft's name.
      const name = `(SELECT v.name FROM kit_versions v WHERE v.kit_id = k.id${filter.publishedOnly ? " AND v.status = 'published'" : ''} ORDER BY v.version DESC LIMIT 1)`;
      q.andWhere(`(${name} ILIKE :search ESCAPE '\\' OR k.slug ILIKE :search ESCAPE '\\' OR k.category ILIKE :search ESCAPE '\\')`, { search: containsPattern(filter.q) });
    }
    if (filter.after !== undefined) q.andWhere('k.slug > :after', { after: filter.after });
    return q.orderBy('k.slug', 'ASC').limit(take).getMany();
  }

  /** Each kit's latest version and the number of its newest published one, in one query. */
  async latestWithPublished(kitIds: string[]): Promise<Map<string, { version: KitVersionEntity; publishedVersion: number | null }>> {
    if (kitIds.length === 0) return new Map();
    const { raw, entities } = await this.versions
      .createQueryBuilder('v')
      .distinctOn(['v.kitId'])
      .addSelect(`(SELECT max(p.version) FROM kit_versions p WHERE p.kit_id = v.kit_id AND p.status = 'published')`, 'published_version')
      .where('v.kitId IN (:...kitIds)', { kitIds })
      .orderBy('v.kitId')
      .addOrderBy('v.version', 'DESC')
      .getRawAndEntities<{ published_version: number | null }>();
    return new Map(entities.map((version, i) => [version.kitId, { version, publishedVersion: raw[i]?.published_version ?? null }]));
  }

  /** Each kit's latest version (published only, when asked). */
  async latestVersions(kitIds: string[], publishedOnly: boolean): Promise<Map<string, KitVersionEntity>> {
    if (kitIds.length === 0) return new Map();
    const q = this.versions.createQueryBuilder('v').distinctOn(['v.kitId']).where('v.kitId IN (:...kitIds)', { kitIds });
    if (publishedOnly) q.andWhere("v.status = 'published'");
    const rows = await q.orderBy('v.kitId').addOrderBy('v.version', 'DESC').getMany();
    return new Map(rows.map((v) => [v.kitId, v]));
  }
}
