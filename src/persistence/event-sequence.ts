import type { Sql } from './sql';

/**
 * Reserves `count` consecutive sequence numbers of the organization's change-event feed and
 * returns the first. The counter row stays locked until the transaction ends (MariaDB row lock;
 * SQLite runs one write transaction at a time), so numbers are handed out in commit order: a
 * reader that sees number n has already been able to see every number below it. That is what
 * makes the feed gap-free without a read watermark; the price is that writes of one organization
 * queue on this row for the short rest of their transaction, which is why it is their last write.
 */
export async function nextSequence(db: Sql, organizationId: string, count: number): Promise<number> {
  const table = db.dialect.quote('event_sequences');
  if (db.dialect.name === 'sqlite') {
    const [row] = await db.rows<{ last_seq: number | string }>(
      `INSERT INTO ${table} (organization_id, last_seq) VALUES (?, ?)
       ON CONFLICT (organization_id) DO UPDATE SET last_seq = last_seq + excluded.last_seq
       RETURNING last_seq`,
      [organizationId, count],
    );
    return Number(row.last_seq) - count + 1;
  }
  // One round trip: the updated counter comes back as the statement's insert id (LAST_INSERT_ID(expr));
  // a first reservation inserts the row, reports no id, and its counter is `count`.
  const updated = await db.runForInsertId(
    `INSERT INTO ${table} (organization_id, last_seq) VALUES (?, ?)
     ON DUPLICATE KEY UPDATE last_seq = LAST_INSERT_ID(last_seq + VALUES(last_seq))`,
    [organizationId, count],
  );
  return (updated === 0 ? count : updated) - count + 1;
}
