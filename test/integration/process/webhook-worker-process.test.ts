import type { ChildProcess } from 'node:child_process';
import { newTokenSecret } from '../../fixtures/test-app';
import { createTestDatabase } from '../../fixtures/test-database';
import { exitCode, freePort, spawnTs, waitForOutput } from '../../fixtures/spawn-node';
import type { Receiver } from '../../fixtures/webhook-receiver';
import { startReceiver } from '../../fixtures/webhook-receiver';

jest.setTimeout(120_000);

const LISTENING = /SCIM Base URL:.*\n(?:.*\n)*\n/;
const USERS = 30;

/**
 * The worker in the service process as shipped (dist/src/main.js): killed with SIGKILL while
 * deliveries are in flight, restarted, and every event still reaches the receiver at least once
 * (the dead process's leases expire: 2 × WEBHOOK_TIMEOUT_MS + 5 s). WEBHOOKS=off runs no worker.
 */
describe('the webhook worker in the service process', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let hook: Receiver;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    database = await createTestDatabase();
    // Slow acknowledgements keep deliveries in flight when the process is killed.
    hook = await startReceiver((_req, res) => setTimeout(() => res.writeHead(200).end(), 150));
  });
  afterAll(async () => {
    child?.kill('SIGKILL');
    await hook.close();
    await database.drop();
  });

  it('delivers every event at least once across a kill -9 mid-delivery; WEBHOOKS=off delivers nothing; SIGTERM exits 0', async () => {
    const port = await freePort();
    const admin = newTokenSecret();
    const env = (extra: Record<string, string> = {}) => ({
      DATABASE_URL: database.url,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      BOOTSTRAP_ADMIN_TOKEN: admin,
      BOOTSTRAP_SCIM_TOKEN: newTokenSecret(),
      WEBHOOK_ALLOW_PRIVATE: 'true',
      WEBHOOK_TIMEOUT_MS: '1000',
      ...extra,
    });
    const gql = async (query: string, variables: Record<string, unknown> = {}) => {
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${admin}` },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      expect(body.errors).toBeUndefined();
      return body.data!;
    };
    const start = async (extra?: Record<string, string>) => {
      child = spawnTs('src/main.ts', [], env(extra));
      await waitForOutput(child, LISTENING, 90_000);
      return child;
    };

    // A read-only replica (WEBHOOKS=off) runs no worker: events wait in the feed.
    const replica = await start({ WEBHOOKS: 'off' });
    await gql('mutation($u: String!) { createWebhookEndpoint(input: { url: $u }) { endpoint { id } } }', {
      u: hook.url,
    });
    for (let i = 0; i < USERS; i++)
      await gql('mutation($n: String!) { createUser(input: { userName: $n }) { id } }', {
        n: `k${i}@example.com`,
      });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(hook.received).toHaveLength(0);
    replica.kill('SIGTERM');
    expect(await exitCode(replica)).toBe(0);

    const first = await start();
    await hook.waitFor((r) => r.length >= 5, 30_000);
    first.kill('SIGKILL');
    await exitCode(first);
    expect(acknowledged(hook)).toBeLessThan(USERS);

    const second = await start();
    await hook.waitFor(() => acknowledged(hook) === USERS, 60_000);
    const types = new Set(hook.received.map((r) => (JSON.parse(r.body) as { type: string }).type));
    expect([...types]).toEqual(['user.created']);
    second.kill('SIGTERM');
    expect(await exitCode(second)).toBe(0);
    child = undefined;
  });
});

const acknowledged = (receiver: Receiver): number =>
  new Set(receiver.received.filter((r) => r.ack).map((r) => r.headers['webhook-id'])).size;
