import { ApiProperty } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Eligibility } from '@app/partners';

/** A template in a kit; `templateVersionId` is frozen when the kit version is published. */
export class KitTemplate {
  @ApiProperty() templateId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'frozen when the kit version is published; null on a draft' }) templateVersionId!: string | null;
}

/**
 * Where the kit's calls to action may point; links are created only to these. Either a URL or a
 * library asset (the links then serve the asset's current file).
 */
export interface KitDestination {
  key: string;
  url?: string;
  assetId?: string;
  label: string;
}

/** Who may launch: named partners, or partners matching the tiers and regions (empty = any). */
export type KitEligibility = Eligibility;

@Entity('kit_versions')
export class KitVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'kit_id', type: 'uuid' })
  kitId!: string;

  @Column('int')
  version!: number;

  @Column('text')
  status!: 'draft' | 'published';

  @Column('text')
  name!: string;

  @Column('text')
  description!: string;

  @Column('text')
  objective!: string;

  @Column('jsonb')
  templates!: KitTemplate[];

  @Column('jsonb')
  destinations!: KitDestination[];

  @Column('jsonb')
  eligibility!: KitEligibility;

  /** The kit's own content from the library (datasheets, decks). */
  @Column({ name: 'asset_ids', type: 'uuid', array: true, default: () => "'{}'" })
  assetIds!: string[];

  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true })
  startsAt!: Date | null;

  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true })
  endsAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'published_by', type: 'uuid', nullable: true })
  publishedBy!: string | null;

  @Column({ name: 'published_at', type: 'timestamptz', nullable: true })
  publishedAt!: Date | null;
}
