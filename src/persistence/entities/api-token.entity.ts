import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** An API token. Only the SHA-256 of its secret is stored; authentication looks it up across organizations. */
@Entity({ name: 'api_tokens' })
@Index('ux_api_tokens_secret_hash', ['secretHash'], { unique: true })
@Index('ix_api_tokens_org_id', ['organizationId', 'id'])
@Index('ix_api_tokens_org_user_id', ['organizationId', 'userId'])
@Index('ix_api_tokens_org_connection', ['organizationId', 'connectionId'])
export class ApiTokenEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 128 })
  name!: string;

  /** The connection the token belongs to; null for loose tokens (and platform tokens). */
  @Column({ name: 'connection_id', type: 'varchar', length: 36, nullable: true })
  connectionId!: string | null;

  @Column({ type: 'varchar', length: 32 })
  prefix!: string;

  @Column({ name: 'secret_hash', type: 'varchar', length: 64 })
  secretHash!: string;

  @Column({ type: 'json' })
  scopes!: string;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt!: Date | null;

  @Column({ name: 'last_used_at', type: 'datetime', precision: 3, nullable: true })
  lastUsedAt!: Date | null;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'created_by', type: 'varchar', length: 320 })
  createdBy!: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt!: Date;

  /** The user a personal token belongs to; revoked with that user's deactivation or deletion. */
  @Column({ name: 'user_id', type: 'varchar', length: 36, nullable: true })
  userId!: string | null;
}
