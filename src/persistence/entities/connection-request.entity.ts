import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One SCIM request of a connection, as the request log keeps it (bodies redacted and truncated). */
@Entity({ name: 'connection_requests' })
@Index('ix_connection_requests_org_connection_at', ['organizationId', 'connectionId', 'at', 'id'])
@Index('ix_connection_requests_org_request_id', ['organizationId', 'requestId', 'at'])
@Index('ix_connection_requests_at', ['at'])
export class ConnectionRequestEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 200 })
  requestId!: string;

  @Column({ type: 'datetime', precision: 3 })
  at!: Date;

  @Column({ type: 'varchar', length: 16 })
  method!: string;

  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'integer' })
  status!: number;

  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs!: number;

  @Column({ name: 'dry_run', type: 'boolean' })
  dryRun!: boolean;

  @Column({ type: 'text' })
  quirks!: string;

  @Column({ name: 'resource_ids', type: 'text' })
  resourceIds!: string;

  @Column({ name: 'audit_event_ids', type: 'text' })
  auditEventIds!: string;

  @Column({ name: 'request_body', type: 'text', nullable: true })
  requestBody!: string | null;

  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody!: string | null;

  /** A dry-run request's would-be changes (JSON); NULL when the request committed. */
  @Column({ type: 'text', nullable: true })
  changes!: string | null;
}
