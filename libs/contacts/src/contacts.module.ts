import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AudienceEntity } from './audience.entity';
import { AudienceRepository } from './audience.repository';
import { AudienceService } from './audience.service';
import { ContactImportEntity, ContactImportRowEntity } from './contact-import.entity';
import { ContactImportRepository } from './contact-import.repository';
import { ContactImportService } from './contact-import.service';
import { ContactEntity } from './contact.entity';
import { ContactRepository } from './contact.repository';
import { ContactService } from './contact.service';
import { SuppressionEntity } from './suppression.entity';

export const CONTACT_ENTITIES = [ContactEntity, SuppressionEntity, ContactImportEntity, ContactImportRowEntity, AudienceEntity];

/** Partner contacts, CSV imports, suppressions and audiences. */
@Module({
  imports: [TypeOrmModule.forFeature(CONTACT_ENTITIES)],
  providers: [ContactRepository, ContactImportRepository, AudienceRepository, ContactService, ContactImportService, AudienceService],
  exports: [ContactService, ContactImportService, AudienceService, ContactRepository],
})
export class ContactsModule {}
