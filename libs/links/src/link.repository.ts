import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { PartnerScope, scopeCovers } from '@app/core';
import { LinkStatus, TrackableLinkEntity } from './trackable-link.entity';

/** Trackable links. Reads that serve a caller take the caller's `PartnerScope`. */
@Injectable()
export class LinkRepository {
  constructor(@InjectRepository(TrackableLinkEntity) private readonly links: Repository<TrackableLinkEntity>) {}

  private repo(manager?: EntityManager): Repository<TrackableLinkEntity> {
    return manager ? manager.getRepository(TrackableLinkEntity) : this.links;
  }

  findByCode(code: string): Promise<TrackableLinkEntity | null> {
    return this.links.findOneBy({ code });
  }

  async findVisible(scope: PartnerScope, id: string): Promise<TrackableLinkEntity | null> {
    const link = await this.links.findOneBy({ id });
    return link && scopeCovers(scope, link.partnerId) ? link : null;
  }

  findByIds(ids: string[]): Promise<TrackableLinkEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.links.findBy({ id: In(ids) });
  }

  findByLaunch(launchId: string): Promise<TrackableLinkEntity[]> {
    return this.links.find({ where: { launchId }, order: { createdAt: 'ASC' } });
  }

  findByPartner(partnerId: string): Promise<TrackableLinkEntity[]> {
    return this.links.find({ where: { partnerId }, order: { createdAt: 'ASC' } });
  }

  /** Inserts unless the code is taken; returns null on a code collision so the caller draws again. */
  async insertUnlessCodeTaken(manager: EntityManager | undefined, link: Partial<TrackableLinkEntity>): Promise<TrackableLinkEntity | null> {
    const repo = this.repo(manager);
    const result = await repo.createQueryBuilder().insert().values(link).orIgnore().returning('*').execute();
    const rows = result.raw as Record<string, unknown>[];
    if (rows.length === 0) return null;
    return repo.findOneByOrFail({ code: link.code! });
  }

  /** Sets the status of every link of a launch; returns the codes whose caches must drop. */
  async setStatusOfLaunch(manager: EntityManager | undefined, launchId: string, status: LinkStatus): Promise<string[]> {
    const rows = await this.repo(manager).query<[{ code: string }[], number] | { code: string }[]>(
      `UPDATE trackable_links SET status = $2, updated_at = now() WHERE launch_id = $1 AND status <> $2 RETURNING code`,
      [launchId, status],
    );
    // UPDATE … RETURNING through query() answers [rows, count] on PostgreSQL.
    const list = (Array.isArray(rows[0]) ? rows[0] : rows) as { code: string }[];
    return list.map((r) => r.code);
  }
}
