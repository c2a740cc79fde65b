import { Module } from '@nestjs/common';
import { AssetsModule } from '@app/assets';
import { BrandModule } from '@app/brand';
import { CampaignsModule } from '@app/campaigns';
import { ContactsModule } from '@app/contacts';
import { MailingModule } from '@app/mailing';
import { PartnersModule } from '@app/partners';
import { ActivationRepository } from './activation.repository';
import { ActivationProgramService } from './activation-program.service';
import { EnrolmentRepository } from './enrolment.repository';
import { EnrolmentService } from './enrolment.service';
import { NurtureScheduler } from './nurture-scheduler.service';
import { NurtureService } from './nurture.service';
import { SequenceRepository } from './sequence.repository';
import { SequenceService } from './sequence.service';

/** Nurture sequences, enrolments, the durable step scheduler, and the partner activation program. */
@Module({
  imports: [AssetsModule, MailingModule, ContactsModule, BrandModule, PartnersModule, CampaignsModule],
  providers: [SequenceRepository, EnrolmentRepository, ActivationRepository, SequenceService, EnrolmentService, NurtureScheduler, ActivationProgramService, NurtureService],
  exports: [SequenceService, EnrolmentService, NurtureService, ActivationProgramService],
})
export class NurtureModule {}
