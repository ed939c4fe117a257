import type { DatabaseReader } from '../../fixtures/database-reader';
import { openDatabaseReader } from '../../fixtures/database-reader';
import type { TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';
import type { TestDatabase } from '../../fixtures/test-database';
import { createTestDatabase } from '../../fixtures/test-database';

const DAY_MS = 86_400_000;
const FEED = `query($after: String) { events(after: $after, first: 1000) {
  nodes { id type resourceId data } pageInfo { endCursor hasNextPage } } }`;

interface FeedPage {
  events: {
    nodes: { id: string; type: string; resourceId: string; data: Record<string, unknown> }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

/**
 * EVENT_RETENTION_DAYS: the periodic purge deletes the payload of events past retention (the audit
 * rows stay: the audit trail is kept), in batches, and a cursor from before the purge keeps
 * answering CURSOR_EXPIRED afterwards.
 */
describe('event retention', () => {
  let database: TestDatabase;
  let sut: TestApp;
  let reader: DatabaseReader;
  let now = Date.parse('2026-03-01T00:00:00Z');

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = await startTestApp({ EVENT_RETENTION_DAYS: '10' }, database, { clock: () => new Date(now) });
    reader = await openDatabaseReader(database.url);
  });
  afterAll(async () => {
    await reader?.close();
    await sut?.close();
  });

  const feed = async (after: string | null) => {
    const result = await sut.gql<FeedPage>(FEED, { after });
    expect(result.errors).toBeUndefined();
    return result.data!.events;
  };
  const createUser = async (userName: string) => {
    const result = await sut.gql<{ createUser: { id: string } }>(
      'mutation($u: String!) { createUser(input: { userName: $u, displayName: "Personal Data" }) { id } }',
      { u: userName },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.createUser.id;
  };
  const payloadsOf = async (resourceId: string) =>
    (
      await reader.rows(
        'SELECT data FROM audit_events WHERE target_id = ? AND seq IS NOT NULL ORDER BY seq',
        [resourceId],
      )
    ).map((row) => row.data);

  it('purges the payloads past retention in batches, keeps the audit trail, and an old cursor stays expired', async () => {
    const before = (await feed(null)).pageInfo.endCursor;
    const old = [];
    for (let i = 0; i < 7; i++) old.push(await createUser(`old${i}@example.com`));
    const caughtUp = (await feed(before)).pageInfo.endCursor;
    now += 11 * DAY_MS;
    const recent = await createUser('recent@example.com');

    // Batches of 3 through the 7 old events of this organization (and the other's, if any).
    const purged = await sut.app.store.repositories.events.purgeBefore(new Date(now - 10 * DAY_MS), 3);
    expect(purged).toBeGreaterThanOrEqual(7);
    expect(await sut.app.services.events.purgeExpired()).toBe(0);

    for (const id of old) expect(await payloadsOf(id)).toEqual([null]);
    expect(await payloadsOf(recent)).not.toEqual([null]);
    const audit = await sut.gql<{ auditEvents: { nodes: { action: string; targetId: string }[] } }>(
      'query($t: String) { auditEvents(filter: { targetId: $t }) { nodes { action targetId } } }',
      { t: old[0] },
    );
    expect(audit.data!.auditEvents.nodes).toEqual([{ action: 'user.create', targetId: old[0] }]);

    const expired = expectOneError(await sut.gql(FEED, { after: before }), 'BAD_USER_INPUT', 'after');
    expect(expired.extensions.reason).toBe('CURSOR_EXPIRED');
    // A consumer that had read everything before the purge missed nothing, and reads on.
    expect((await feed(caughtUp)).nodes.map((e) => [e.type, e.resourceId])).toEqual([
      ['user.created', recent],
    ]);
    // Without a cursor the feed starts at the first event still retained.
    expect((await feed(null)).nodes.map((e) => e.resourceId)).toEqual([recent]);
    expect(JSON.stringify((await feed(null)).nodes)).not.toContain('old0@');
  });

  it('keeps answering CURSOR_EXPIRED for a purged range however the retention or clock moves', async () => {
    const before = (await feed(null)).pageInfo.endCursor;
    const id = await createUser('short-lived@example.com');
    now += 11 * DAY_MS;
    expect(await sut.app.services.events.purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await payloadsOf(id)).toEqual([null]);
    // The purge mark decides, not the clock: a reader whose clock is behind still sees the cursor expired.
    now -= 11 * DAY_MS;
    const expired = expectOneError(await sut.gql(FEED, { after: before }), 'BAD_USER_INPUT', 'after');
    expect(expired.extensions.reason).toBe('CURSOR_EXPIRED');
    // And a purged event is never served again, not even as an empty shell.
    expect((await feed(null)).nodes.map((e) => e.resourceId)).not.toContain(id);
    now += 11 * DAY_MS;
  });
});
