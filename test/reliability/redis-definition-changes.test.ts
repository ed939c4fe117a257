import request from 'supertest';
import { createApp } from '../../src/app';
import type { App } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { TestApp } from '../fixtures/test-app';
import { startTestApp } from '../fixtures/test-app';
import { createTestDatabase } from '../fixtures/test-database';
import { logCapture } from './support/log-capture';

/** Needs Redis at 127.0.0.1:6379 (`.ci/run` starts it). */
const EXT = 'urn:ietf:params:scim:schemas:extension:cachetest:2.0:User';
const DEFINE = `mutation($input: ExtensionAttributeInput!) { defineUserExtensionAttribute(input: $input) { id } }`;
const REMOVE = `mutation($schema: String!, $name: String!) { removeUserExtensionAttribute(schema: $schema, name: $name) }`;

/**
 * The SCIM facade and the domain remember an organization's extension definitions; with REDIS_URL a
 * definition added or removed on one instance is seen by the next request on another (the change
 * notice), not only after the caches' time limit.
 */
describe('extension definition changes through Redis: two instances', () => {
  let first: TestApp;
  let second: App;

  beforeAll(async () => {
    const env = { REDIS_URL: 'redis://127.0.0.1:6379/5' };
    const database = await createTestDatabase();
    first = await startTestApp(env, database, { logger: logCapture.logger() });
    second = await createApp(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', ...env }), {
      logger: logCapture.logger(),
    });
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  const schemaOn = (http: ReturnType<typeof request>) =>
    http.get(`/scim/v2/Schemas/${EXT}`).set('Authorization', `Bearer ${first.tenant.scimToken}`);
  /** Polls until the status is the expected one; how long it took, in ms. */
  const until = async (http: ReturnType<typeof request>, status: number): Promise<number> => {
    const started = Date.now();
    while ((await schemaOn(http)).status !== status) {
      if (Date.now() - started > 10_000) throw new Error(`still not ${status} after 10 s`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return Date.now() - started;
  };

  it('a definition added or removed on one instance is seen on the other within a second', async () => {
    const other = request(second.express);
    // Both instances remember "no such schema" first.
    expect((await schemaOn(first.http)).status).toBe(404);
    expect((await schemaOn(other)).status).toBe(404);
    const defined = await first.gql(DEFINE, { input: { schema: EXT, name: 'badge', type: 'string' } });
    expect(defined.errors).toBeUndefined();
    expect((await schemaOn(first.http)).status).toBe(200); // this instance: at once
    expect(await until(other, 200)).toBeLessThan(1_000);
    const removed = await first.gql(REMOVE, { schema: EXT, name: 'badge' });
    expect(removed.errors).toBeUndefined();
    expect((await schemaOn(first.http)).status).toBe(404);
    expect(await until(other, 404)).toBeLessThan(1_000);
  });
});
