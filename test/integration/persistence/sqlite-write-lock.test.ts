import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { exitCode, waitForOutput } from '../../fixtures/spawn-node';
import { createSqliteDatabase } from '../../fixtures/test-database';
import type { TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';

// SQLite only, whatever TEST_DATABASE_URL says: the subject is another process holding the file's
// write lock (the CLI beside the service). better-sqlite3 waits for a lock synchronously, so a
// wait inside SQLite would freeze every request of the process.

const ROOT = path.resolve(__dirname, '../../..');
const CREATE = `mutation($input: UserInput!) { createUser(input: $input) { id userName } }`;
const USERS = `query($filter: Filter) { users(filter: $filter) { totalCount nodes { userName } } }`;
const byUserName = (value: string) => ({
  filter: { condition: { attribute: 'userName', op: 'EQ', value } },
});

/** Another process with the write lock on `file`, until `release()`. */
async function holdWriteLock(file: string): Promise<{ release(): Promise<void>; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join(ROOT, 'test/fixtures/sqlite-lock-holder.ts'), file],
    { cwd: ROOT, env: { PATH: process.env.PATH ?? '' }, stdio: ['pipe', 'pipe', 'pipe'] },
  );
  await waitForOutput(child, /locked/);
  return {
    child,
    release: async () => {
      const released = waitForOutput(child, /released/);
      child.stdin!.write('release\n');
      await released;
      await exitCode(child);
    },
  };
}

/** Tracks whether a promise has settled, without waiting for it. */
function track<T>(promise: Promise<T>): { readonly settled: boolean; readonly result: Promise<T> } {
  const state = { settled: false, result: promise };
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}

/** Polls (each check yields to the event loop) until `condition` holds; fails after `limit` checks. */
async function until(condition: () => boolean, limit = 500): Promise<void> {
  for (let i = 0; i < limit && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).toBe(true);
}

async function startOn(busyTimeoutMs: number): Promise<{ sut: TestApp; file: string }> {
  const database = createSqliteDatabase();
  const file = database.url.slice('sqlite:'.length);
  const sut = await startTestApp({}, { ...database, url: `${database.url}?busyTimeout=${busyTimeoutMs}` });
  return { sut, file };
}

describe('SQLite while another process holds the write lock', () => {
  describe('a lock released within busyTimeout', () => {
    let sut: TestApp;
    let file: string;
    beforeAll(async () => {
      // Far longer than the test holds the lock (the write must wait, not give up), short enough
      // that a synchronous wait ends, and fails the test, within the test's timeout.
      ({ sut, file } = await startOn(10_000));
    });
    afterAll(() => sut.close());

    it('answers /healthz, /readyz and a GraphQL read while a write waits, then commits the write', async () => {
      const lock = await holdWriteLock(file);
      sut.queries.length = 0;
      const writes = ['waits-1@example.com', 'waits-2@example.com'].map((userName) =>
        track(sut.gql<{ createUser: { userName: string } }>(CREATE, { input: { userName } })),
      );
      try {
        // The first write has met the lock (its BEGIN IMMEDIATE was refused at least once).
        await until(() => sut.queries.filter((q) => q === 'BEGIN IMMEDIATE').length >= 2);

        const healthz = await sut.http.get('/healthz');
        const readyz = await sut.http.get('/readyz');
        const read = await sut.gql<{ users: { totalCount: number } }>(USERS, {}, sut.tenant.readToken);

        expect(writes.map((w) => w.settled)).toEqual([false, false]);
        expect(lock.child.exitCode).toBeNull();
        expect([healthz.status, healthz.body]).toEqual([200, { status: 'ok' }]);
        expect([readyz.status, readyz.body]).toEqual([200, { status: 'ok' }]);
        expect(read).toEqual({
          status: 200,
          data: { users: { totalCount: 0, nodes: [] } },
          errors: undefined,
        });
      } finally {
        await lock.release();
      }
      const answered = await Promise.all(writes.map((w) => w.result));
      expect(answered.map((a) => [a.status, a.errors, a.data?.createUser.userName])).toEqual([
        [200, undefined, 'waits-1@example.com'],
        [200, undefined, 'waits-2@example.com'],
      ]);
      for (const write of ['waits-1@example.com', 'waits-2@example.com']) {
        const found = await sut.gql<{ users: { totalCount: number } }>(USERS, byUserName(write));
        expect(found.data).toEqual({ users: { totalCount: 1, nodes: [{ userName: write }] } });
      }
    });
  });

  describe('a lock held past busyTimeout', () => {
    let sut: TestApp;
    let file: string;
    beforeAll(async () => {
      ({ sut, file } = await startOn(300));
    });
    afterAll(() => sut.close());

    it('answers the GraphQL write 503 UNAVAILABLE while the lock is still held, and writes nothing', async () => {
      const lock = await holdWriteLock(file);
      let write: Awaited<ReturnType<TestApp['gql']>>;
      try {
        write = await sut.gql(CREATE, { input: { userName: 'too-late@example.com' } });
        expect(lock.child.exitCode).toBeNull();
      } finally {
        await lock.release();
      }
      expect(write.status).toBe(503);
      expectOneError(write, 'UNAVAILABLE');
      expect(JSON.stringify(write.errors)).not.toMatch(/SQLITE|BEGIN|locked/i);

      const found = await sut.gql(USERS, byUserName('too-late@example.com'));
      expect(found.data).toEqual({ users: { totalCount: 0, nodes: [] } });
      const audit = await sut.gql<{ auditEvents: { nodes: unknown[] } }>(
        `{ auditEvents(filter: { action: "user.create" }) { nodes { targetId } } }`,
      );
      expect(audit.data!.auditEvents.nodes).toEqual([]);
    });

    it('answers a SCIM create 503 with a SCIM Error, and writes nothing', async () => {
      const lock = await holdWriteLock(file);
      let res: Awaited<ReturnType<TestApp['http']['post']>>;
      try {
        res = await sut.http
          .post('/scim/v2/Users')
          .set('Authorization', `Bearer ${sut.tenant.scimToken}`)
          .set('Content-Type', 'application/scim+json')
          .send({
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
            userName: 'scim-late@example.com',
          });
        expect(lock.child.exitCode).toBeNull();
      } finally {
        await lock.release();
      }
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '503',
      });
      const found = await sut.gql(USERS, byUserName('scim-late@example.com'));
      expect(found.data).toEqual({ users: { totalCount: 0, nodes: [] } });
    });
  });
});
