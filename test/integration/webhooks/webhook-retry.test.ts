import { createLogger } from '../../../src/http/logger';
import { AddressGuard } from '../../../src/webhooks/address-guard';
import type { DeliveryOutcome } from '../../../src/webhooks/webhook-worker';
import { WebhookWorker } from '../../../src/webhooks/webhook-worker';
import type { Sender } from '../../../src/webhooks/webhook-sender';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const DAY = 24 * HOUR;

interface Delivery {
  eventType: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
}

/**
 * The retry schedule, dead letters and auto-disable on a fake clock: the worker runs one pass at a
 * time (`runOnce`) against a receiver that always answers 503, and the clock is moved instead of
 * waiting.
 */
describe('webhook retries on a fake clock', () => {
  let sut: TestApp;
  let now = Date.parse('2026-03-01T00:00:00Z');
  const sent: string[] = [];
  const outcomes: DeliveryOutcome[] = [];
  let worker: WebhookWorker;

  beforeAll(async () => {
    const clock = () => new Date(now);
    sut = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' }, undefined, { clock });
    const send: Sender = async (_target, headers) => {
      sent.push(headers['webhook-id']);
      return { ok: false, statusCode: 503, error: 'answered 503' };
    };
    worker = new WebhookWorker({
      store: sut.app.store,
      endpoints: sut.app.services.webhookEndpoints,
      guard: new AddressGuard(true),
      logger: createLogger('silent'),
      clock,
      timeoutMs: 10 * SECOND,
      random: () => 0.5,
      send,
      onOutcome: (outcome) => outcomes.push(outcome),
    });
  });
  afterAll(() => sut.close());

  it('retries at 5 s, 1 min, 5 min, 30 min, 2 h, 6 h, 12 h, then dead; the next event of the resource waits until then; 3 days of failures disable the endpoint', async () => {
    const created = await sut.gql<{ createWebhookEndpoint: { endpoint: { id: string } } }>(
      'mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/hook" }) { endpoint { id } } }',
    );
    const endpointId = created.data!.createWebhookEndpoint.endpoint.id;
    const user = await sut.gql<{ createUser: { id: string } }>(
      'mutation { createUser(input: { userName: "retry@example.com" }) { id } }',
    );
    const userId = user.data!.createUser.id;
    await sut.gql('mutation($id: ID!) { updateUser(id: $id, input: { displayName: "R" }) { id } }', {
      id: userId,
    });
    const deliveries = async () =>
      (
        await sut.gql<{ webhookDeliveries: { nodes: Delivery[] } }>(
          'query($id: ID!) { webhookDeliveries(endpointId: $id) { nodes { eventType status attempts nextAttemptAt } } }',
          { id: endpointId },
        )
      ).data!.webhookDeliveries.nodes;

    const start = now;
    await worker.runOnce();
    const waits = [5 * SECOND, 60 * SECOND, 300 * SECOND, 1800 * SECOND, 2 * HOUR, 6 * HOUR, 12 * HOUR];
    for (const wait of waits) {
      const [, first] = await deliveries(); // newest first: [user.updated, user.created]
      expect(first).toMatchObject({ eventType: 'user.created', status: 'PENDING' });
      expect(Date.parse(first.nextAttemptAt!) - now).toBe(wait);
      now += wait - 1;
      expect(await worker.runOnce()).toBe(0); // not due yet
      now += 1;
      expect(await worker.runOnce()).toBe(1);
    }
    const [updated, createdEvent] = await deliveries();
    expect(createdEvent).toMatchObject({ status: 'DEAD', attempts: 8, nextAttemptAt: null });
    // The resource's next event was held back until its predecessor was dead.
    expect(updated).toMatchObject({ eventType: 'user.updated', status: 'PENDING', attempts: 0 });
    expect(new Set(sent).size).toBe(1);
    expect(outcomes.filter((o) => o === 'retry')).toHaveLength(7);
    expect(outcomes.filter((o) => o === 'dead')).toHaveLength(1);
    const dead = await sut.gql<{ webhookDeliveries: { nodes: Delivery[] } }>(
      'query($id: ID!) { webhookDeliveries(endpointId: $id, status: DEAD) { nodes { eventType } } }',
      { id: endpointId },
    );
    expect(dead.data!.webhookDeliveries.nodes).toEqual([{ eventType: 'user.created' }]);

    // Failing since `start`; the first failure 3 days after that disables the endpoint.
    now = start + 3 * DAY;
    await worker.runOnce();
    const endpoint = await sut.gql<{ webhookEndpoint: { status: string; disabledReason: string } }>(
      'query($id: ID!) { webhookEndpoint(id: $id) { status disabledReason } }',
      { id: endpointId },
    );
    expect(endpoint.data!.webhookEndpoint).toEqual({ status: 'DISABLED', disabledReason: 'failing' });
    const audit = await sut.gql<{ auditEvents: { nodes: { action: string; actor: string }[] } }>(
      'query($id: String) { auditEvents(filter: { targetId: $id, action: "webhook.autoDisable" }) { nodes { action actor } } }',
      { id: endpointId },
    );
    expect(audit.data!.auditEvents.nodes).toEqual([
      { action: 'webhook.autoDisable', actor: 'system:webhooks' },
    ]);
    // Disabled: nothing is sent any more.
    now += HOUR;
    expect(await worker.runOnce()).toBe(0);
  });
});
