import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type LaunchStatus = 'active' | 'paused' | 'ended';
export type LaunchMode = 'partner' | 'concierge' | 'auto';

/** One partner's running instance of a kit version, with the partner's edits frozen in it. */
@Entity('launches')
export class LaunchEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'kit_id', type: 'uuid' })
  kitId!: string;

  @Column({ name: 'kit_version_id', type: 'uuid' })
  kitVersionId!: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  @Column('text')
  status!: LaunchStatus;

  @Column('text')
  mode!: LaunchMode;

  /** Template id → field key → value. */
  @Column('jsonb')
  edits!: Record<string, Record<string, string>>;

  @Column({ name: 'launched_by', type: 'uuid', nullable: true })
  launchedBy!: string | null;

  @Column({ name: 'idempotency_key', type: 'text', nullable: true })
  idempotencyKey!: string | null;

  @Column({ name: 'audience_id', type: 'uuid', nullable: true })
  audienceId!: string | null;

  @Column({ name: 'send_at', type: 'timestamptz', nullable: true })
  sendAt!: Date | null;

  /** The email template the blast sends (one of the kit's email templates). */
  @Column({ name: 'blast_template_id', type: 'uuid', nullable: true })
  blastTemplateId!: string | null;

  /** `none`: no blast; `scheduled` → `expanding` → `queued` (messages written); `cancelled` (ended before). */
  @Column({ name: 'blast_status', type: 'text', default: 'none' })
  blastStatus!: 'none' | 'scheduled' | 'expanding' | 'queued' | 'cancelled';

  /** Messages the blast wrote (one per sendable contact at send time). */
  @Column({ name: 'blast_count', type: 'int', default: 0 })
  blastCount!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
