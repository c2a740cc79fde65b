import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One load of the open-tracking pixel: approximate by nature (image blocking, proxies, prefetch). */
@Entity('link_opens')
export class LinkOpenEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'launch_id', type: 'uuid', nullable: true })
  launchId!: string | null;

  @Column({ name: 'partner_id', type: 'uuid' })
  partnerId!: string;

  @Column({ name: 'message_ref', type: 'text' })
  messageRef!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ name: 'ip_hash', type: 'text' })
  ipHash!: string;

  @Column({ name: 'ua_family', type: 'text' })
  uaFamily!: string;

  @Column('boolean')
  bot!: boolean;
}
