import { systemClock } from '../../../src/domain/shared/clock';
import { createLogger } from '../../../src/http/logger';
import { AddressGuard } from '../../../src/webhooks/address-guard';
import { WebhookWorker } from '../../../src/webhooks/webhook-worker';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';
import type { Receiver } from '../../fixtures/webhook-receiver';
import { startReceiver } from '../../fixtures/webhook-receiver';

/** mulberry32: a seeded generator, so a failing run can be replayed with its seed. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEED = 20261207;
const USERS = 6;
const UPDATES = 8;

/**
 * Per-resource order through a receiver that fails at random (500 or a reset connection, 35 %):
 * every event is delivered, and a resource's event is never sent before the previous one of the
 * same resource was acknowledged. The worker runs with a schedule of 10 ms steps (the schedule is a
 * constructor argument; the service's own is 5 s … 12 h), so retries take milliseconds.
 */
describe('webhook order per resource', () => {
  let sut: TestApp;
  let hook: Receiver;
  let worker: WebhookWorker;

  beforeAll(async () => {
    sut = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    const fail = seeded(SEED);
    hook = await startReceiver((req, res) => {
      const roll = fail();
      if (roll < 0.25) res.writeHead(500).end();
      else if (roll < 0.35) req.socket.destroy();
      else res.writeHead(200).end();
    });
    worker = new WebhookWorker({
      store: sut.app.store,
      endpoints: sut.app.services.webhookEndpoints,
      guard: new AddressGuard(true),
      logger: createLogger('silent'),
      clock: systemClock,
      timeoutMs: 2_000,
      schedule: Array.from({ length: 60 }, () => 10),
      pollMs: 10,
      random: seeded(SEED + 1),
    });
  });
  afterAll(async () => {
    await worker.stop();
    await sut.close();
    await hook.close();
  });

  it('delivers every event, each resource in order, while the receiver fails at random', async () => {
    const created = await sut.gql<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
      'mutation($u: String!) { createWebhookEndpoint(input: { url: $u }) { endpoint { id } } }',
      { u: hook.url },
    );
    expect(created.errors).toBeUndefined();
    worker.start();
    // Users written concurrently, each through create + UPDATES updates + deactivation.
    const ids = await Promise.all(
      Array.from({ length: USERS }, async (_, u) => {
        const made = await sut.gql<{ createUser: { id: string } }>(
          'mutation($n: String!) { createUser(input: { userName: $n }) { id } }',
          { n: `order-${u}@example.com` },
        );
        const id = made.data!.createUser.id;
        for (let i = 0; i < UPDATES; i++) {
          const updated = await sut.gql(
            'mutation($id: ID!, $d: String!) { updateUser(id: $id, input: { displayName: $d }) { id } }',
            {
              id,
              d: `name ${i}`,
            },
          );
          expect(updated.errors).toBeUndefined();
        }
        await sut.gql('mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }', { id });
        return id;
      }),
    );
    const expected = USERS * (UPDATES + 2);
    await hook.waitFor(() => acknowledged(hook) >= expected, 60_000);
    expect(acknowledged(hook)).toBe(expected);

    for (const id of ids) {
      const feed = await sut.gql<{ events: { nodes: { id: string; version: number }[] } }>(
        'query($id: ID) { events(resourceId: $id) { nodes { id version } } }',
        { id },
      );
      const order = feed.data!.events.nodes.map((e) => e.id);
      expect(order).toHaveLength(UPDATES + 2);
      const acked = new Set<string>();
      for (const request of hook.received.filter((r) => JSON.parse(r.body).resourceId === id)) {
        const position = order.indexOf(request.headers['webhook-id']);
        // Everything before it of this resource was acknowledged before it was sent.
        expect(order.slice(0, position).filter((e) => !acked.has(e))).toEqual([]);
        if (request.ack) acked.add(request.headers['webhook-id']);
      }
      expect(acked.size).toBe(order.length);
    }
    const failures = hook.received.filter((r) => !r.ack).length;
    expect(failures).toBeGreaterThan(expected * 0.15);
  }, 90_000);
});

/** Distinct events the receiver acknowledged with a 2xx. */
const acknowledged = (receiver: Receiver): number =>
  new Set(receiver.received.filter((r) => r.ack).map((r) => r.headers['webhook-id'])).size;
