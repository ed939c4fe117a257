import { createTestDatabase } from '../../fixtures/test-database';
import { exitCode, freePort, spawnTs, waitForOutput } from '../../fixtures/spawn-node';

// Two starts of the built service on a busy 2-core machine.
jest.setTimeout(180_000);

const BANNER_END = /SCIM Base URL:.*\n(?:.*\n)*\n/;
const START_TIMEOUT_MS = 90_000;
const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const HEALTH = `{ connections { name requestCounts { ok clientError serverError } usersCreated } }`;

interface Health {
  name: string;
  requestCounts: { ok: number; clientError: number; serverError: number };
  usersCreated: number;
}

/**
 * The Done-when of connection health, on the service as shipped: a burst of 1,000 SCIM requests is
 * counted in memory (the flush interval is longer than the test, so nothing is written during it),
 * SIGTERM writes the counts, and the next process reads them back unchanged.
 */
describe('connection counters across a burst and a restart of the process', () => {
  it('keeps the counts of 1,000 requests through SIGTERM and a new start', async () => {
    const database = await createTestDatabase();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      DATABASE_URL: database.url,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      CONNECTION_HEALTH_FLUSH_MS: '600000',
    };
    const healthOf = async (admin: string): Promise<Health> => {
      const res = await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query: HEALTH }),
      });
      const body = (await res.json()) as { data: { connections: Health[] } };
      return body.data.connections.find((c) => c.name === 'default')!;
    };

    const first = spawnTs('src/main.ts', [], env);
    const output = await waitForOutput(first, BANNER_END, START_TIMEOUT_MS);
    const admin = /Admin token \(identity:admin\): (idt_\S+)/.exec(output)![1];
    const scim = /SCIM token \(scim\): +(idt_\S+)/.exec(output)![1];
    const headers = { Authorization: `Bearer ${scim}`, 'Content-Type': 'application/scim+json' };

    const sends: (() => Promise<number>)[] = [];
    for (let i = 0; i < 950; i++)
      sends.push(async () => (await fetch(`${base}/scim/v2/ServiceProviderConfig`, { headers })).status);
    for (let i = 0; i < 20; i++) {
      sends.push(
        async () =>
          (
            await fetch(`${base}/scim/v2/Users`, {
              method: 'POST',
              headers,
              body: JSON.stringify({ schemas: [USER], userName: `restart-${i}@example.com` }),
            })
          ).status,
      );
    }
    for (let i = 0; i < 30; i++) {
      sends.push(
        async () =>
          (await fetch(`${base}/scim/v2/Users/01890000-0000-7000-8000-000000000000`, { headers })).status,
      );
    }
    const statuses: number[] = [];
    for (let i = 0; i < sends.length; i += 50)
      statuses.push(...(await Promise.all(sends.slice(i, i + 50).map((send) => send()))));
    expect(statuses.filter((s) => s === 200)).toHaveLength(950);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 404)).toHaveLength(30);

    const expected = { requestCounts: { ok: 970, clientError: 30, serverError: 0 }, usersCreated: 20 };
    expect(await healthOf(admin)).toMatchObject(expected);

    first.kill('SIGTERM');
    expect(await exitCode(first)).toBe(0);

    const second = spawnTs('src/main.ts', [], env);
    await waitForOutput(second, BANNER_END, START_TIMEOUT_MS);
    try {
      expect(await healthOf(admin)).toMatchObject(expected);
    } finally {
      second.kill('SIGTERM');
      expect(await exitCode(second)).toBe(0);
      await database.drop();
    }
  });
});
