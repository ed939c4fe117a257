import type { MigrationInterface, QueryRunner } from 'typeorm';
import { TableColumn } from 'typeorm';

/**
 * Event retention: the purge clears the payload of events past EVENT_RETENTION_DAYS (the audit rows
 * stay) and records, per organization, the highest sequence number it has purged through. A feed
 * cursor below that mark answers CURSOR_EXPIRED, whatever the clocks say.
 */
export class EventRetention1765700000000 implements MigrationInterface {
  name = 'EventRetention1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.addColumn(
      'event_sequences',
      new TableColumn({ name: 'purged_seq', type: 'bigint', default: 0 }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropColumn('event_sequences', 'purged_seq');
  }
}
