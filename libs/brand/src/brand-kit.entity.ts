import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export interface BrandColours {
  primary: string;
  secondary: string;
  accent: string;
  text: string;
  background: string;
}

export interface BrandFonts {
  /** CSS font-family names for emails and pages (a web-safe fallback stack is appended). */
  heading: string;
  body: string;
}

/** One version of the vendor's brand kit; the highest version is current. */
@Entity('brand_kits')
export class BrandKitEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('int')
  version!: number;

  @Column('text')
  name!: string;

  @Column('jsonb')
  colours!: BrandColours;

  @Column('jsonb')
  fonts!: BrandFonts;

  @Column({ name: 'logo_key', type: 'text', nullable: true })
  logoKey!: string | null;

  @Column({ name: 'legal_footer', type: 'text' })
  legalFooter!: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
