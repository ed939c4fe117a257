import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One identity-provider app of an organization: its tokens point at it (api_tokens.connection_id). */
@Entity({ name: 'connections' })
@Index('ix_connections_org_id', ['organizationId', 'id'])
export class ConnectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: string;

  @Column({ name: 'token_lifetime_days', type: 'integer', nullable: true })
  tokenLifetimeDays!: number | null;

  @Column({ name: 'created_by', type: 'varchar', length: 320 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;
}
