import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LinkMedium } from './utm';

export type LinkStatus = 'active' | 'ended';

/** A short link owned by one partner (and optionally one launch and asset) to a fixed destination. */
@Entity('trackable_links')
export class TrackableLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  code!: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  @Column({ name: 'launch_id', type: 'uuid', nullable: true })
  launchId!: string | null;

  @Column({ name: 'asset_key', type: 'text' })
  assetKey!: string;

  @Column('text')
  medium!: LinkMedium;

  @Column({ name: 'destination_url', type: 'text' })
  destinationUrl!: string;

  @Column({ name: 'utm_source', type: 'text' })
  utmSource!: string;

  @Column({ name: 'utm_campaign', type: 'text' })
  utmCampaign!: string;

  @Column({ name: 'override_utm', type: 'boolean' })
  overrideUtm!: boolean;

  /** A link to a library asset: the redirect serves the file the asset stands for now (or its successor's). */
  @Column({ name: 'asset_id', type: 'uuid', nullable: true })
  assetId!: string | null;

  @Column({ name: 'fallback_url', type: 'text', nullable: true })
  fallbackUrl!: string | null;

  @Column('text')
  status!: LinkStatus;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
