import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Totals and last outcomes of one connection, flushed in batches from memory. */
@Entity({ name: 'connection_health' })
export class ConnectionHealthEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @PrimaryColumn({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @Column({ name: 'ok_count', type: 'bigint', default: 0 })
  okCount!: string;

  @Column({ name: 'client_error_count', type: 'bigint', default: 0 })
  clientErrorCount!: string;

  @Column({ name: 'server_error_count', type: 'bigint', default: 0 })
  serverErrorCount!: string;

  @Column({ name: 'users_created', type: 'bigint', default: 0 })
  usersCreated!: string;

  @Column({ name: 'groups_created', type: 'bigint', default: 0 })
  groupsCreated!: string;

  @Column({ name: 'last_request_at', type: 'datetime', precision: 3, nullable: true })
  lastRequestAt!: Date | null;

  @Column({ name: 'last_success_at', type: 'datetime', precision: 3, nullable: true })
  lastSuccessAt!: Date | null;

  @Column({ name: 'last_error_at', type: 'datetime', precision: 3, nullable: true })
  lastErrorAt!: Date | null;

  @Column({ name: 'last_error_status', type: 'integer', nullable: true })
  lastErrorStatus!: number | null;

  @Column({ name: 'last_error_detail', type: 'varchar', length: 512, nullable: true })
  lastErrorDetail!: string | null;

  /** Request log entries dropped (not written) because the database could not keep up. */
  @Column({ name: 'log_dropped', type: 'bigint', default: 0 })
  logDropped!: string;
}

/** How often a connection needed one IdP quirk, and when last. */
@Entity({ name: 'connection_quirks' })
export class ConnectionQuirkEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @PrimaryColumn({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  name!: string;

  @Column({ type: 'bigint', default: 0 })
  count!: string;

  @Column({ name: 'last_seen_at', type: 'datetime', precision: 3 })
  lastSeenAt!: Date;
}

/** Request counts of one connection per hour, for the last-24-hours figures; pruned after two days. */
@Entity({ name: 'connection_hourly_counts' })
@Index('ix_connection_hourly_counts_hour', ['hour'])
export class ConnectionHourlyCountEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @PrimaryColumn({ name: 'connection_id', type: 'varchar', length: 36 })
  connectionId!: string;

  @PrimaryColumn({ type: 'datetime', precision: 3 })
  hour!: Date;

  @Column({ name: 'ok_count', type: 'bigint', default: 0 })
  okCount!: string;

  @Column({ name: 'client_error_count', type: 'bigint', default: 0 })
  clientErrorCount!: string;

  @Column({ name: 'server_error_count', type: 'bigint', default: 0 })
  serverErrorCount!: string;
}
