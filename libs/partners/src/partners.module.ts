import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnerEntity } from './partner.entity';
import { PartnerRepository } from './partner.repository';
import { PartnerService } from './partner.service';
import { TierEntity } from './tier.entity';

export const PARTNER_ENTITIES = [PartnerEntity, TierEntity];

@Module({
  imports: [TypeOrmModule.forFeature(PARTNER_ENTITIES)],
  providers: [PartnerRepository, PartnerService],
  exports: [PartnerService, PartnerRepository],
})
export class PartnersModule {}
