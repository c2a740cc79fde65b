import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { RowError } from './contact-row';

export type ContactImportStatus = 'processing' | 'completed' | 'failed';
export type ImportRowOutcome = 'imported' | 'updated' | 'rejected';

/** One CSV upload and its summary; the per-row report is in `contact_import_rows`. */
@Entity('contact_imports')
export class ContactImportEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'file_name', type: 'text', nullable: true })
  fileName!: string | null;

  @Column('text')
  status!: ContactImportStatus;

  @Column({ name: 'total_rows', type: 'integer' })
  totalRows!: number;

  @Column('integer')
  imported!: number;

  @Column('integer')
  updated!: number;

  @Column('integer')
  rejected!: number;

  @Column({ name: 'ignored_columns', type: 'jsonb' })
  ignoredColumns!: string[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;
}

@Entity('contact_import_rows')
export class ContactImportRowEntity {
  @PrimaryColumn({ name: 'import_id', type: 'uuid' })
  importId!: string;

  @PrimaryColumn({ name: 'row_number', type: 'integer' })
  rowNumber!: number;

  @Column('text')
  outcome!: ImportRowOutcome;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId!: string | null;

  @Column('jsonb')
  errors!: RowError[];
}
