import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export const SUPPRESSION_REASONS = ['unsubscribed', 'bounced', 'complained', 'manual'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

/**
 * An address a partner must not email, whatever the contact's consent says. Keyed by the
 * normalised email (not the contact), so it survives the contact's deletion and re-import.
 */
@Entity('suppressions')
export class SuppressionEntity {
  @PrimaryColumn({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  @PrimaryColumn({ name: 'email_normalised', type: 'text' })
  emailNormalised!: string;

  @Column('text')
  reason!: SuppressionReason;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
