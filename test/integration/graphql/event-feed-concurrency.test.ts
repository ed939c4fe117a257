import request from 'supertest';
import type { App } from '../../../src/app';
import { createApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/http/logger';
import type { Post, RaceOptions } from '../../fixtures/event-feed-race';
import { expectGapFree, GraphqlAnswerError, raceFeed } from '../../fixtures/event-feed-race';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';
import { createSqliteDatabase } from '../../fixtures/test-database';

/** Small enough for `npm test`; the MariaDB variant (test/mysql) runs issue 15's 8 × 500 on two processes. */
const RACE: RaceOptions = { instances: 2, writers: 8, changesPerWriter: 15, users: 6, pollMs: 10 };

/**
 * The gap-free guarantee on SQLite: two app instances (two connections) on one database file,
 * 8 writers spread across both, one consumer polling every 10 ms alternating between them.
 */
describe('the events feed under concurrent writes on two instances over one SQLite file', () => {
  let first: TestApp;
  let second: App;

  beforeAll(async () => {
    const database = createSqliteDatabase();
    first = await startTestApp({}, database);
    second = await createApp(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }), {
      logger: createLogger('silent'),
    });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  const post: Post = async (instance, query, variables) => {
    const res = await request(instance === 0 ? first.app.express : second.express)
      .post('/graphql')
      .set('Authorization', `Bearer ${first.tenant.adminToken}`)
      .send({ query, variables });
    const errors = res.body.errors as { extensions?: { code?: string } }[] | undefined;
    if (errors?.length) throw new GraphqlAnswerError(errors[0].extensions?.code, JSON.stringify(errors));
    return res.body.data;
  };

  it('delivers every event exactly once, in per-resource version order', async () => {
    expectGapFree(await raceFeed(post, RACE), RACE);
  }, 60_000);
});
