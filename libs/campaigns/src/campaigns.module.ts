import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssetsModule } from '@app/assets';
import { BrandModule } from '@app/brand';
import { ContactsModule } from '@app/contacts';
import { MailingModule } from '@app/mailing';
import { LinksModule } from '@app/links';
import { PartnersModule } from '@app/partners';
import { BlastService } from './blast.service';
import { KitEntity } from './kit.entity';
import { LandingPageService } from './landing-page.service';
import { LeadDirectoryService } from './lead-directory.service';
import { LeadService } from './lead.service';
import { LeadRepository } from './lead.repository';
import { ResultsService } from './results.service';
import { KitRepository } from './kit.repository';
import { KitService } from './kit.service';
import { KitVersionEntity } from './kit-version.entity';
import { LaunchEntity } from './launch.entity';
import { AutoLaunchOptInService } from './auto-launch-optin.service';
import { LaunchLinkService } from './launch-links.service';
import { LaunchRepository } from './launch.repository';
import { LaunchService } from './launch.service';
import { LaunchStatusService } from './launch-status.service';
import { LaunchUsageService } from './launch-usage.service';

export const CAMPAIGN_ENTITIES = [KitEntity, KitVersionEntity, LaunchEntity];

/** Campaign syndication: kits, the partner catalog, launches (one click, concierge, auto). */
@Module({
  imports: [TypeOrmModule.forFeature(CAMPAIGN_ENTITIES), PartnersModule, AssetsModule, BrandModule, LinksModule, ContactsModule, MailingModule],
  providers: [
    KitRepository,
    LaunchRepository,
    BlastService,
    KitService,
    LaunchService,
    LaunchLinkService,
    LaunchUsageService,
    LaunchStatusService,
    AutoLaunchOptInService,
    LandingPageService,
    LeadService,
    LeadDirectoryService,
    LeadRepository,
    ResultsService,
  ],
  exports: [BlastService, KitService, LaunchService, LaunchLinkService, LaunchUsageService, LaunchStatusService, AutoLaunchOptInService, LandingPageService, LeadService, LeadDirectoryService, ResultsService],
})
export class CampaignsModule {}
