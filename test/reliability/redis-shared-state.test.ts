import './support/no-secrets-in-logs';
import request from 'supertest';
import { createApp } from '../../src/app';
import type { App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { TcpProxy } from '../fixtures/tcp-proxy';
import type { TestApp } from '../fixtures/test-app';
import { createTestDatabase } from '../fixtures/test-database';
import { logCapture } from './support/log-capture';
import { bearer, PATCH_OP, SCIM_USER, startReliableApp } from './support/reliable-app';

/** Needs Redis at 127.0.0.1:6379 (`.ci/run` starts it); reached through a proxy that tests can cut. */
const USERS = 60;
const PAGE = 10;

describe('shared state in Redis (REDIS_URL): two instances behind a round-robin balancer', () => {
  const redisProxy = new TcpProxy('127.0.0.1', 6379);
  let first: TestApp;
  let second: App;
  const secondQueries: string[] = [];
  let token: string;
  const on = (i: number) => (i % 2 === 0 ? first.http : request(second.express));
  const allUserIds = async (): Promise<string[]> =>
    (
      (await first.http.get('/scim/v2/Users?count=1000').set(bearer(token))).body.Resources as {
        id: string;
      }[]
    ).map((user) => user.id);

  beforeAll(async () => {
    const port = await redisProxy.start();
    const env = { REDIS_URL: `redis://127.0.0.1:${port}/4` };
    const database = await createTestDatabase();
    first = await startReliableApp(env, database);
    second = await createApp(loadConfig({ DATABASE_URL: database.url, ...env }), {
      logger: logCapture.logger(),
      onQuery: (sql) => secondQueries.push(sql),
    });
    token = first.tenant.scimToken;
    for (let i = 0; i < USERS; i++) await createUser(`walk${String(i).padStart(3, '0')}@example.com`);
  });
  afterAll(async () => {
    await second.close();
    await first.close();
    await redisProxy.cut();
  });
  beforeEach(async () => redisProxy.restore());

  async function createUser(userName: string): Promise<string> {
    const res = await first.http
      .post('/scim/v2/Users')
      .set(bearer(token))
      .send({ schemas: [SCIM_USER], userName, active: true });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  /** Okta's import: startIndex pages, each through the other instance, with writes in between. */
  async function walk(
    between: (page: number) => Promise<void>,
    firstInstance = 0,
  ): Promise<{ ids: string[]; offsets: number }> {
    const ids: string[] = [];
    first.queries.length = 0;
    secondQueries.length = 0;
    let offsets = 0;
    for (let page = 0, startIndex = 1; ; page++, startIndex += PAGE) {
      const res = await on(page + firstInstance)
        .get(`/scim/v2/Users?startIndex=${startIndex}&count=${PAGE}`)
        .set(bearer(token));
      expect(res.status).toBe(200);
      if (page > 0)
        offsets += [...first.queries, ...secondQueries].filter((sql) => /\bOFFSET\b/.test(sql)).length;
      first.queries.length = 0;
      secondQueries.length = 0;
      ids.push(...(res.body.Resources as { id: string }[]).map((user) => user.id));
      if (res.body.Resources.length < PAGE) return { ids, offsets };
      await between(page);
    }
  }

  it('continues every page from the cursor the other instance left: each user once, no OFFSET scan', async () => {
    const before = (await first.http.get('/scim/v2/Users?count=1000').set(bearer(token))).body.Resources as {
      id: string;
    }[];
    const deleted = new Set<string>();
    const { ids, offsets } = await walk(async (page) => {
      await createUser(`during${page}-${Date.now()}@example.com`);
      const victim = before[before.length - 1 - page].id;
      deleted.add(victim);
      expect(
        (
          await on(page + 1)
            .delete(`/scim/v2/Users/${victim}`)
            .set(bearer(token))
        ).status,
      ).toBe(204);
    });
    const survivors = before.map((user) => user.id).filter((id) => !deleted.has(id));
    for (const id of survivors) expect(ids.filter((seen) => seen === id)).toHaveLength(1);
    expect(offsets).toBe(0);
  });

  it('applies concurrent PATCHes of different attributes through both instances', async () => {
    const id = await createUser(`patched-${Date.now()}@example.com`);
    const titles = Array.from({ length: 10 }, (_, i) => i);
    const statuses = await Promise.all(
      titles.map(async (i) => {
        const res = await on(i)
          .patch(`/scim/v2/Users/${id}`)
          .set(bearer(token))
          .send({
            schemas: [PATCH_OP],
            Operations: [
              { op: 'add', path: `urn:ietf:params:scim:schemas:core:2.0:User:nickName`, value: 'n' },
              { op: 'add', path: 'emails', value: [{ value: `e${i}@example.com`, type: `t${i}` }] },
            ],
          });
        return res.status;
      }),
    );
    expect(statuses).toEqual(titles.map(() => 200));
    const user = (await first.http.get(`/scim/v2/Users/${id}`).set(bearer(token))).body;
    const emails = (user.emails as { value: string }[]).map((email) => email.value).sort();
    expect(emails).toEqual(titles.map((i) => `e${i}@example.com`).sort());
  });

  it('keeps serving with Redis gone: a walk still sees every user once (no stale cursor), with a warning', async () => {
    // A walk while Redis answers leaves cursors behind on both instances and in Redis …
    await walk(async () => undefined);
    // … then the list changes before the next walk, which starts on the other instance.
    const early = (await allUserIds()).slice(0, 3);
    for (const id of early) await first.http.delete(`/scim/v2/Users/${id}`).set(bearer(token));
    await redisProxy.cut();
    const { ids } = await walk(async () => undefined, 1);
    expect(ids).toEqual(await allUserIds());
    expect(logCapture.lines.some((line) => line.includes('shared state degraded'))).toBe(true);
  });
});
