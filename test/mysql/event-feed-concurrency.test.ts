import type { ServiceProcess } from '../reliability/support/service-process';
import { newTokens, startService } from '../reliability/support/service-process';
import type { Post, RaceOptions } from '../fixtures/event-feed-race';
import { expectGapFree, GraphqlAnswerError, raceFeed } from '../fixtures/event-feed-race';
import type { TestDatabase } from '../fixtures/test-database';
import { createTestDatabase } from '../fixtures/test-database';

/**
 * Issue 15's example is 8 writers × 500 changes: it passed here in 218 s with the machine at load ~18
 * (docs/events.md). 8 × 150 keeps this file near a minute on a shared 2-core machine; the scenario is
 * the same, raise changesPerWriter to 500 to run the full example.
 */
const RACE: RaceOptions = { instances: 2, writers: 8, changesPerWriter: 150, users: 6, pollMs: 10 };

/**
 * The gap-free guarantee on MariaDB with two instances of the service — two processes, as shipped
 * (`dist/src/main.js`) — on one database: writes spread across both, the consumer alternating
 * between them, sees every event exactly once and each user's versions strictly increasing.
 */
describe('the events feed under concurrent writes on two service processes', () => {
  let database: TestDatabase;
  const instances: ServiceProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const tokens = newTokens();
    // One after the other: the first start bootstraps the organization, the second finds it.
    for (let i = 0; i < RACE.instances; i++) instances.push(await startService(database.url, tokens));
  }, 120_000);
  afterAll(async () => {
    for (const instance of instances) {
      instance.child.kill('SIGTERM');
      await instance.exited;
    }
    await database?.drop();
  });

  const post: Post = async (instance, query, variables) => {
    const { baseUrl, adminToken } = instances[instance];
    const res = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await res.json()) as {
      data?: Record<string, unknown>;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    if (body.errors?.length)
      throw new GraphqlAnswerError(body.errors[0].extensions?.code, JSON.stringify(body.errors));
    return body.data!;
  };

  it('delivers every event exactly once, in per-resource version order', async () => {
    const outcome = await raceFeed(post, RACE);
    // The figure docs/events.md quotes.
    console.info(
      `${RACE.writers}×${RACE.changesPerWriter} changes on ${RACE.instances} processes: ${outcome.seconds.toFixed(1)} s, ${outcome.polls} polls`,
    );
    expectGapFree(outcome, RACE);
  }, 600_000);
});
