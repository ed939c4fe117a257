import type { Store } from '../../../src/domain/store';
import type { WebhookOutbox } from '../../../src/domain/webhooks/webhook-outbox';
import { DomainError } from '../../../src/errors';
import { createLogger } from '../../../src/http/logger';
import { AddressGuard } from '../../../src/webhooks/address-guard';
import { WebhookWorker } from '../../../src/webhooks/webhook-worker';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';
import type { Receiver } from '../../fixtures/webhook-receiver';
import { answer, startReceiver } from '../../fixtures/webhook-receiver';

/**
 * The database stops answering between sending a delivery and recording its outcome: the delivery
 * stays undelivered (nothing is marked that was not recorded), its lease runs out, and it is sent
 * again — and recorded — once the database is back. The outage is the store's outbox refusing with
 * UNAVAILABLE, as persistence reports an unreachable database; the clock is the worker's own.
 */
describe('webhook delivery while the database is unreachable', () => {
  let sut: TestApp;
  let hook: Receiver;
  let now = Date.now();
  let down = false;

  beforeAll(async () => {
    sut = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
    hook = await startReceiver();
  });
  afterAll(async () => {
    await sut.close();
    await hook.close();
  });

  /** The app's store, whose outbox writes fail while `down`. */
  const flakyStore = (store: Store): Store => {
    const outbox = store.repositories.webhookOutbox;
    const unavailable = () => Promise.reject(new DomainError('UNAVAILABLE', 'database unreachable'));
    const flaky: WebhookOutbox = {
      fanOut: (...args) => (down ? unavailable() : outbox.fanOut(...args)),
      claim: (...args) => (down ? unavailable() : outbox.claim(...args)),
      settle: (...args) => (down ? unavailable() : outbox.settle(...args)),
      recordEndpointResult: (...args) => (down ? unavailable() : outbox.recordEndpointResult(...args)),
      release: (...args) => (down ? unavailable() : outbox.release(...args)),
      stats: () => outbox.stats(),
      prune: (...args) => (down ? unavailable() : outbox.prune(...args)),
    };
    return { ...store, repositories: { ...store.repositories, webhookOutbox: flaky } };
  };

  it('marks nothing delivered that was not recorded, and sends it again once the database is back', async () => {
    const created = await sut.gql<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
      'mutation($u: String!) { createWebhookEndpoint(input: { url: $u }) { endpoint { id } } }',
      { u: hook.url },
    );
    const endpointId = created.data!.createWebhookEndpoint.endpoint.id;
    await sut.gql('mutation { createUser(input: { userName: "outage@example.com" }) { id } }');
    const worker = new WebhookWorker({
      store: flakyStore(sut.app.store),
      endpoints: sut.app.services.webhookEndpoints,
      guard: new AddressGuard(true),
      logger: createLogger('silent'),
      clock: () => new Date(now),
      timeoutMs: 1_000,
    });
    const deliveries = async () =>
      (
        await sut.gql<{
          webhookDeliveries: { nodes: { status: string; attempts: number; deliveredAt: string | null }[] };
        }>(
          'query($id: ID!) { webhookDeliveries(endpointId: $id) { nodes { status attempts deliveredAt } } }',
          { id: endpointId },
        )
      ).data!.webhookDeliveries.nodes;

    // The database goes away the moment the receiver has the request: its 2xx cannot be recorded.
    hook.behaviour = (_req, res) => {
      down = true;
      res.writeHead(200).end();
    };
    expect(await worker.runOnce()).toBe(1);
    expect(hook.received).toHaveLength(1);
    down = false;
    hook.behaviour = answer(200);
    expect(await deliveries()).toEqual([{ status: 'PENDING', attempts: 0, deliveredAt: null }]);
    expect(await worker.runOnce()).toBe(0); // still leased to the attempt that was not recorded

    now += 2 * 1_000 + 5_000; // the lease runs out
    expect(await worker.runOnce()).toBe(1);
    expect(hook.received).toHaveLength(2);
    expect(hook.received[1].headers['webhook-id']).toBe(hook.received[0].headers['webhook-id']);
    expect(await deliveries()).toEqual([
      { status: 'DELIVERED', attempts: 1, deliveredAt: expect.any(String) },
    ]);
  });
});
