import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BannerSpec, Manifest, SocialSpec } from './manifest';

export type VersionStatus = 'draft' | 'published';

/** A version of a template. Published versions are immutable (a trigger refuses changes). */
@Entity('template_versions')
export class TemplateVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'template_id', type: 'uuid' })
  templateId!: string;

  @Column('int')
  version!: number;

  @Column('text')
  status!: VersionStatus;

  @Column({ type: 'text', nullable: true })
  subject!: string | null;

  @Column({ type: 'text', nullable: true })
  preheader!: string | null;

  @Column('text')
  body!: string;

  @Column('jsonb')
  manifest!: Manifest;

  @Column({ type: 'jsonb', nullable: true })
  banner!: BannerSpec | null;

  @Column({ type: 'jsonb', nullable: true })
  social!: SocialSpec | null;

  @Column({ name: 'background_key', type: 'text', nullable: true })
  backgroundKey!: string | null;

  /** MJML compiled to HTML that still holds its Handlebars expressions; set at publish. */
  @Column({ name: 'compiled_html', type: 'text', nullable: true, select: false })
  compiledHtml!: string | null;

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
