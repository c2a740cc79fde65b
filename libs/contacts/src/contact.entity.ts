import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ConsentStatus } from './contact-fields';

/**
 * A person in one partner's audience. The list is the partner's: vendor users never read it.
 *
 * `sharedWithVendorAt` is the hook for the vendor's view: when a contact becomes a lead the partner
 * shares, or a registered deal's contact, that flow sets it; a vendor read of contacts must then
 * be limited to rows where it is set (no such read exists yet: the contacts routes refuse vendors).
 */
@Entity('contacts')
export class ContactEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  /** As the partner gave it (for display); `emailNormalised` is the dedupe key. */
  @Column('text')
  email!: string;

  @Column({ name: 'email_normalised', type: 'text' })
  emailNormalised!: string;

  @Column({ name: 'first_name', type: 'text', nullable: true })
  firstName!: string | null;

  @Column({ name: 'last_name', type: 'text', nullable: true })
  lastName!: string | null;

  @Column({ type: 'text', nullable: true })
  company!: string | null;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'text', nullable: true })
  country!: string | null;

  @Column({ name: 'time_zone', type: 'text', nullable: true })
  timeZone!: string | null;

  @Column({ name: 'consent_status', type: 'text' })
  consentStatus!: ConsentStatus;

  @Column({ name: 'consent_source', type: 'text', nullable: true })
  consentSource!: string | null;

  @Column({ name: 'consent_updated_at', type: 'timestamptz', nullable: true })
  consentUpdatedAt!: Date | null;

  /** Where the contact first came from: `import:<id>`, a lead source, `manual`. */
  @Column('text')
  origin!: string;

  @Column({ name: 'shared_with_vendor_at', type: 'timestamptz', nullable: true })
  sharedWithVendorAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
