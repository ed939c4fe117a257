import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One counter per organization: the last change-event sequence number handed out. */
@Entity({ name: 'event_sequences' })
export class EventSequenceEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;
}
