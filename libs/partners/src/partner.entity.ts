import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const PARTNER_STATUSES = ['prospect', 'onboarding', 'active', 'inactive'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const REGIONS = ['NA', 'LATAM', 'EMEA', 'APAC'] as const;
export type Region = (typeof REGIONS)[number];

@Entity('partners')
export class PartnerEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  @Column('text')
  slug!: string;

  @Column({ name: 'tier_id', type: 'uuid' })
  tierId!: string;

  @Column('text')
  region!: Region;

  @Column({ type: 'text', nullable: true })
  website!: string | null;

  @Column({ type: 'text', nullable: true })
  phone!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ name: 'time_zone', type: 'text' })
  timeZone!: string;

  @Column({ name: 'brand_colour', type: 'text', nullable: true })
  brandColour!: string | null;

  @Column({ name: 'legal_disclaimer', type: 'text', nullable: true })
  legalDisclaimer!: string | null;

  @Column('text')
  status!: PartnerStatus;

  /** The date the partner agreement was signed (a calendar date, `YYYY-MM-DD`). */
  @Column({ name: 'signed_at', type: 'date', nullable: true })
  signedAt!: string | null;

  @Column({ name: 'logo_key', type: 'text', nullable: true })
  logoKey!: string | null;

  @Column({ name: 'logo_width', type: 'int', nullable: true })
  logoWidth!: number | null;

  @Column({ name: 'logo_height', type: 'int', nullable: true })
  logoHeight!: number | null;

  /** Bumped on every profile or logo change; co-branded renditions are cached by it. */
  @Column({ name: 'profile_version', type: 'int' })
  profileVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
