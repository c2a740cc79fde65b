import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('tiers')
export class TierEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text')
  name!: string;

  /** Higher is better (e.g. Registered 1, Gold 2, Platinum 3). */
  @Column('int')
  rank!: number;

  @Column({ name: 'default_mdf_reimbursement_pct', type: 'int' })
  defaultMdfReimbursementPct!: number;

  @Column({ type: 'jsonb' })
  attributes!: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
