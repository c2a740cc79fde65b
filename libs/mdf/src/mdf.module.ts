import { Module } from '@nestjs/common';
import { BrandModule } from '@app/brand';
import { CampaignsModule } from '@app/campaigns';
import { DealsModule } from '@app/deals';
import { LinksModule } from '@app/links';
import { MailingModule } from '@app/mailing';
import { PartnersModule } from '@app/partners';
import { ClaimEvidenceService } from './claim-evidence.service';
import { ClaimRepository } from './claim.repository';
import { ClaimService } from './claim.service';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';
import { ProgramRepository } from './program.repository';
import { ProgramService } from './program.service';
import { RequestRepository } from './request.repository';
import { RequestService } from './request.service';

/** Market development funds: programs and allocations, the ledger, pre-approval requests, claims and their proof, finance review, metrics. */
@Module({
  imports: [PartnersModule, DealsModule, CampaignsModule, MailingModule, LinksModule, BrandModule],
  providers: [LedgerRepository, LedgerService, ProgramRepository, ProgramService, RequestRepository, RequestService, ClaimRepository, ClaimEvidenceService, ClaimService, MetricsRepository, MetricsService],
  exports: [ProgramService, RequestService, ClaimService, MetricsService],
})
export class MdfModule {}
