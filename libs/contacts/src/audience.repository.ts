import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { OnePartnerScope } from '@app/core';
import { AudienceEntity } from './audience.entity';

@Injectable()
export class AudienceRepository {
  constructor(@InjectRepository(AudienceEntity) private readonly audiences: Repository<AudienceEntity>) {}

  findForPartner(scope: OnePartnerScope, id: string): Promise<AudienceEntity | null> {
    return this.audiences.findOneBy({ partnerId: scope.partnerId, id });
  }

  /** Keyset page ordered by (lower(name), id). */
  list(scope: OnePartnerScope, page: { limit: number; after?: [string, string] }): Promise<AudienceEntity[]> {
    const query = this.audiences.createQueryBuilder('a').where('a.partnerId = :partnerId', { partnerId: scope.partnerId });
    if (page.after) query.andWhere('(lower(a.name), a.id) > (:afterName, :afterId)', { afterName: page.after[0], afterId: page.after[1] });
    return query.orderBy('lower(a.name)', 'ASC').addOrderBy('a.id', 'ASC').limit(page.limit).getMany();
  }

  save(audience: Partial<AudienceEntity>): Promise<AudienceEntity> {
    return this.audiences.save(this.audiences.create(audience));
  }

  async delete(scope: OnePartnerScope, id: string): Promise<boolean> {
    const result = await this.audiences.delete({ partnerId: scope.partnerId, id });
    return (result.affected ?? 0) > 0;
  }
}
