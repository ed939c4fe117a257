import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One counter per organization: the last change-event sequence number handed out. */
@Entity({ name: 'event_sequences' })
export class EventSequenceEntity {
  @PrimaryColumn({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ name: 'last_seq', type: 'bigint' })
  lastSeq!: string;

  /** Every event up to this sequence number is past retention and its payload purged (0: none). */
  @Column({ name: 'purged_seq', type: 'bigint', default: 0 })
  purgedSeq!: string;
}
