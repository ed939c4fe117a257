import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Who changed what, written in the same transaction as the change; with `seq` set, also a change event. */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_org_occurred_at', ['organizationId', 'occurredAt', 'id'])
@Index('ix_audit_events_org_target_id', ['organizationId', 'targetId', 'occurredAt', 'id'])
@Index('ux_audit_events_org_seq', ['organizationId', 'seq'], { unique: true })
export class AuditEventEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ type: 'varchar', length: 320 })
  actor!: string;

  @Column({ type: 'varchar', length: 16 })
  channel!: string;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'target_type', type: 'varchar', length: 32 })
  targetType!: string;

  @Column({ name: 'target_id', type: 'varchar', length: 64 })
  targetId!: string;

  @Column({ type: 'json' })
  changes!: string;

  @Column({ type: 'json' })
  notes!: string;

  @Column({ name: 'request_id', type: 'varchar', length: 200 })
  requestId!: string;

  @Column({ name: 'occurred_at', type: 'datetime', precision: 3 })
  occurredAt!: Date;

  @Column({ type: 'bigint', nullable: true })
  seq!: string | null;

  @Column({ name: 'event_type', type: 'varchar', length: 64, nullable: true })
  eventType!: string | null;

  @Column({ name: 'resource_version', type: 'integer', nullable: true })
  resourceVersion!: number | null;

  @Column({ type: 'json', nullable: true })
  data!: string | null;

  /** The connection whose token made the change; null otherwise. */
  @Column({ name: 'connection_id', type: 'varchar', length: 36, nullable: true })
  connectionId!: string | null;

  /** 2, 3, … on the further events of one change; the audit view shows only a change's first row. */
  @Column({ name: 'event_part', type: 'integer', nullable: true })
  eventPart!: number | null;
}
