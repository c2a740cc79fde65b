import { Module } from '@nestjs/common';
import { AssetsModule } from '@app/assets';
import { BrandModule } from '@app/brand';
import { CampaignsModule } from '@app/campaigns';
import { ContactsModule } from '@app/contacts';
import { DealsModule } from '@app/deals';
import { MdfModule } from '@app/mdf';
import { NurtureModule } from '@app/nurture';
import { PartnersModule } from '@app/partners';
import { DemoLibrary } from './demo-library';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [PartnersModule, AssetsModule, BrandModule, CampaignsModule, ContactsModule, NurtureModule, DealsModule, MdfModule], providers: [DemoSeedService, DemoLibrary], exports: [DemoSeedService] })
export class DemoModule {}
