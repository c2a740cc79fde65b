import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One recorded click. Written in batches by the ClickRecorder, never row by row on the request path. */
@Entity('link_clicks')
export class LinkClickEntity {
  @PrimaryColumn({ name: 'click_id', type: 'uuid' })
  clickId!: string;

  @Column({ name: 'link_id', type: 'uuid' })
  linkId!: string;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  @Column({ name: 'launch_id', type: 'uuid', nullable: true })
  launchId!: string | null;

  @Column({ name: 'asset_key', type: 'text' })
  assetKey!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'ip_hash', type: 'text' })
  ipHash!: string;

  @Column({ name: 'ua_family', type: 'text' })
  uaFamily!: string;

  @Column({ name: 'referrer_host', type: 'text', nullable: true })
  referrerHost!: string | null;

  @Column({ type: 'text', nullable: true })
  country!: string | null;

  @Column('text')
  outcome!: 'redirect' | 'fallback' | 'ended';

  @Column('boolean')
  bot!: boolean;

  @Column('boolean')
  scanner!: boolean;

  @Column({ name: 'is_unique', type: 'boolean' })
  isUnique!: boolean;

  /** The email message the click came from (`?m=` on a link in a message); null for other clicks. */
  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId!: string | null;
}
