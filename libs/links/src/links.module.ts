import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssetsModule } from '@app/assets';
import { ClickRecorder } from './click-recorder.service';
import { LinkClickEntity } from './link-click.entity';
import { LinkClickRepository } from './link-click.repository';
import { LinkOpenEntity } from './link-open.entity';
import { LinkRedirectService } from './link-redirect.service';
import { LinkSecretService } from './link-secret.service';
import { LinkStatsRepository } from './link-stats.repository';
import { LinkStatsService } from './link-stats.service';
import { LinkRepository } from './link.repository';
import { LinkService } from './link.service';
import { OpenTrackingService } from './open-tracking.service';
import { TrackableLinkEntity } from './trackable-link.entity';

export const LINK_ENTITIES = [TrackableLinkEntity, LinkClickEntity, LinkOpenEntity];

/** Trackable links: codes, the cached redirect, buffered click and open recording, reports. */
@Module({
  imports: [TypeOrmModule.forFeature(LINK_ENTITIES), AssetsModule],
  providers: [LinkRepository, LinkClickRepository, LinkStatsRepository, LinkSecretService, ClickRecorder, LinkService, LinkRedirectService, OpenTrackingService, LinkStatsService],
  exports: [LinkService, LinkRedirectService, OpenTrackingService, LinkStatsService, ClickRecorder, LinkSecretService],
})
export class LinksModule {}
