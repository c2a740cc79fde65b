import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PartnersModule } from '@app/partners';
import { AssetVersionEntity } from './asset-version.entity';
import { AssetEntity } from './asset.entity';
import { AssetDownloadsService } from './asset-downloads.service';
import { AssetHooks } from './asset-hooks';
import { AssetLifecycleService } from './asset-lifecycle.service';
import { AssetResolver } from './asset-resolver.service';
import { AssetUsageService } from './asset-usage.service';
import { AssetReportsService } from './asset-reports.service';
import { AssetThumbnails } from './asset-thumbnail';
import { AssetUploadService } from './asset-upload';
import { AssetService } from './asset.service';
import { AssetDownloadsRepository } from './asset-downloads.repository';
import { AssetNoticeRepository } from './asset-notice.repository';
import { AssetUsageRepository } from './asset-usage.repository';
import { AssetRepository } from './asset.repository';
import { PartnerLibraryService } from './partner-library.service';
import { AssetSummaryRepository } from './asset-summary.repository';
import { AssetSummaryService } from './asset-summary.service';

/** The asset library: assets and versions in storage, references and their resolution, the usage graph, expiry. */
@Module({
  imports: [TypeOrmModule.forFeature([AssetEntity, AssetVersionEntity]), PartnersModule],
  providers: [
    AssetRepository,
    AssetUsageRepository,
    AssetDownloadsRepository,
    AssetNoticeRepository,
    AssetResolver,
    AssetUsageService,
    AssetHooks,
    AssetDownloadsService,
    AssetLifecycleService,
    AssetService,
    PartnerLibraryService,
    AssetUploadService,
    AssetReportsService,
    AssetThumbnails,
    AssetSummaryRepository,
    AssetSummaryService,
  ],
  exports: [AssetResolver, AssetUsageService, AssetHooks, AssetDownloadsService, AssetLifecycleService, AssetService, PartnerLibraryService, AssetUploadService, AssetReportsService, AssetSummaryService],
})
export class AssetsModule {}
