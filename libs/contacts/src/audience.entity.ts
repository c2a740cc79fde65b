import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ConsentStatus } from './contact-fields';

/** The saved filter of an audience; every part is optional and they combine with AND. */
export interface AudienceFilter {
  countries?: string[];
  timeZones?: string[];
  companyContains?: string;
  titleContains?: string;
  consentStatuses?: ConsentStatus[];
  /** ISO timestamp: contacts created at or after it. */
  createdSince?: string;
}

/** A saved filter over one partner's contacts. */
@Entity('audiences')
export class AudienceEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  @Column('text')
  name!: string;

  @Column('jsonb')
  filter!: AudienceFilter;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
