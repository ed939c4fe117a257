import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A connection's setup link. Only the SHA-256 of its secret is stored; authentication looks it up by that. */
@Entity({ name: 'setup_links' })
@Index('ux_setup_links_secret_hash', ['secretHash'], { unique: true })
@Index('ix_setup_links_org_connection', ['organizationId', 'connectionId'])
export class SetupLinkEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash!: string;

  @Column({ name: 'created_by', type: 'varchar', length: 320 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'datetime', precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'use_count', type: 'integer', default: 0 })
  useCount!: number;
}
