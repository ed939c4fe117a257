import { Webhook } from 'standardwebhooks';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';
import type { Receiver } from '../../fixtures/webhook-receiver';
import { answer, startReceiver } from '../../fixtures/webhook-receiver';

const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const METRICS_TOKEN = 'metrics-token-for-webhook-tests-0123';
const CREATE = `mutation($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id } } }`;
const DELIVERIES = `query($id: ID!, $status: WebhookDeliveryStatus) { webhookDeliveries(endpointId: $id, status: $status) {
  nodes { id eventId eventType resourceId status attempts nextAttemptAt lastAttemptAt lastStatusCode lastError deliveredAt } } }`;

interface Delivery {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
}

const typesOf = (receiver: Receiver) =>
  receiver.received.map((r) => (JSON.parse(r.body) as { type: string }).type);

/** Delivery by the worker the service runs: signed per Standard Webhooks, in order, retried, isolated. */
describe('webhook delivery', () => {
  let sut: TestApp;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    sut = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_MS: '500', METRICS_TOKEN });
    sut.app.startWorkers();
  });
  afterAll(async () => {
    await sut.close();
    await Promise.all(receivers.map((r) => r.close()));
  });

  const receiver = async (...args: Parameters<typeof startReceiver>) => {
    const started = await startReceiver(...args);
    receivers.push(started);
    return started;
  };
  const register = async (url: string, token = sut.tenant.adminToken, eventTypes: string[] = []) => {
    const result = await sut.gql<{ createWebhookEndpoint: { secret: string; endpoint: { id: string } } }>(
      CREATE,
      { input: { url, eventTypes } },
      token,
    );
    expect(result.errors).toBeUndefined();
    return {
      id: result.data!.createWebhookEndpoint.endpoint.id,
      secret: result.data!.createWebhookEndpoint.secret,
    };
  };
  const scimCreate = async (userName: string, token = sut.tenant.scimToken): Promise<string> => {
    const res = await sut.http
      .post('/scim/v2/Users')
      .set('Authorization', `Bearer ${token}`)
      .send({ schemas: [SCIM_USER], userName });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const deliveries = async (id: string, status?: string): Promise<Delivery[]> => {
    const result = await sut.gql<{ webhookDeliveries: { nodes: Delivery[] } }>(DELIVERIES, { id, status });
    expect(result.errors).toBeUndefined();
    return result.data!.webhookDeliveries.nodes;
  };

  it('provision and deprovision over SCIM: every event signed (verified by standardwebhooks), in order, the body the feed event', async () => {
    const hook = await receiver();
    const endpoint = await register(hook.url);
    const id = await scimCreate('ada@example.com');
    const patch = await sut.http
      .patch(`/scim/v2/Users/${id}`)
      .set('Authorization', `Bearer ${sut.tenant.scimToken}`)
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(patch.status).toBe(200);
    expect(
      (await sut.http.delete(`/scim/v2/Users/${id}`).set('Authorization', `Bearer ${sut.tenant.scimToken}`))
        .status,
    ).toBe(204);
    await hook.waitFor((r) => r.length >= 3);
    expect(typesOf(hook)).toEqual(['user.created', 'user.deactivated', 'user.deleted']);
    const verifier = new Webhook(endpoint.secret);
    const feed = await sut.gql<{ events: { nodes: Record<string, unknown>[] } }>(
      'query($id: ID) { events(resourceId: $id) { nodes { id type organizationId resourceId version occurredAt actor channel data } } }',
      { id },
    );
    hook.received.forEach((request, i) => {
      expect(verifier.verify(request.body, request.headers)).toEqual(feed.data!.events.nodes[i]);
      expect(request.headers['webhook-id']).toBe(feed.data!.events.nodes[i].id);
      expect(request.headers['content-type']).toBe('application/json');
    });
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`).verify(
        hook.received[0].body,
        hook.received[0].headers,
      ),
    ).toThrow();
    const done = await deliveries(endpoint.id, 'DELIVERED');
    expect(done).toHaveLength(3);
    expect(done.every((d) => d.attempts === 1 && d.lastStatusCode === 204)).toBe(true);
  });

  it('after rotateWebhookSecret the old and the new secret both verify (24 h overlap)', async () => {
    const hook = await receiver();
    const endpoint = await register(hook.url);
    const rotated = await sut.gql<{ rotateWebhookSecret: { secret: string } }>(
      'mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }',
      { id: endpoint.id },
    );
    await scimCreate('rotation@example.com');
    await hook.waitFor((r) => r.length >= 1);
    const [request] = hook.received;
    expect(request.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(endpoint.secret).verify(request.body, request.headers)).toMatchObject({
      type: 'user.created',
    });
    expect(
      new Webhook(rotated.data!.rotateWebhookSecret.secret).verify(request.body, request.headers),
    ).toMatchObject({
      type: 'user.created',
    });
  });

  it("an endpoint of another organization gets only that organization's events, and subscriptions filter by type", async () => {
    const mine = await receiver();
    const theirs = await receiver();
    const deletesOnly = await receiver();
    await register(mine.url);
    await register(theirs.url, sut.other.adminToken);
    await register(deletesOnly.url, sut.tenant.adminToken, ['user.deleted']);
    const ours = await scimCreate('isolated@example.com');
    const other = await scimCreate('isolated@example.com', sut.other.scimToken);
    await mine.waitFor((r) => r.length >= 1);
    await theirs.waitFor((r) => r.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(mine.received.map((r) => JSON.parse(r.body).resourceId)).toEqual([ours]);
    expect(theirs.received.map((r) => JSON.parse(r.body).resourceId)).toEqual([other]);
    expect(JSON.parse(theirs.received[0].body).organizationId).toBe(sut.other.organizationId);
    expect(deletesOnly.received).toHaveLength(0);
  });

  it('500, redirect, 10 MB answer, connection reset and a hang: one failed attempt each, retry due ~5 s later; a good endpoint is unaffected', async () => {
    const good = await receiver();
    const bad: Record<string, Receiver> = {
      '500': await receiver(answer(500)),
      redirect: await receiver((_req, res) =>
        res.writeHead(302, { location: `${good.url}/redirected` }).end(),
      ),
      huge: await receiver((_req, res) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(Buffer.alloc(10 * 1024 * 1024, 'x'));
      }),
      reset: await receiver((req) => req.socket.destroy()),
      hang: await receiver(() => undefined),
    };
    const endpoints = Object.fromEntries(
      await Promise.all(
        Object.entries(bad).map(async ([name, r]) => [name, (await register(r.url)).id] as const),
      ),
    );
    await register(good.url);
    const started = Date.now();
    await scimCreate('bad-receivers@example.com');
    await good.waitFor((r) => r.length >= 1);
    expect(Date.now() - started).toBeLessThan(3_000);
    for (const [name, id] of Object.entries(endpoints)) {
      let pending: Delivery[] = [];
      await bad[name].waitFor(() => true);
      const deadline = Date.now() + 5_000;
      while (Date.now() < deadline) {
        pending = await deliveries(id, 'PENDING');
        if (pending[0]?.attempts === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect({ name, attempts: pending[0]?.attempts }).toEqual({ name, attempts: 1 });
      const wait = Date.parse(pending[0].nextAttemptAt!) - Date.parse(pending[0].lastAttemptAt!);
      expect(wait).toBeGreaterThanOrEqual(4_000);
      expect(wait).toBeLessThanOrEqual(6_000);
      expect(pending[0].lastError).toBeTruthy();
    }
    expect(good.received).toHaveLength(1); // the redirect was not followed to good/redirected
    expect((await deliveries(endpoints['500'], 'PENDING'))[0].lastStatusCode).toBe(500);
    expect((await deliveries(endpoints.redirect, 'PENDING'))[0].lastStatusCode).toBe(302);
    expect((await deliveries(endpoints.hang, 'PENDING'))[0].lastError).toMatch(/no answer within 500 ms/);
  });

  it('redeliver sends a delivered event again; replayEvents queues every event since a time again', async () => {
    const hook = await receiver();
    const endpoint = await register(hook.url);
    const since = new Date().toISOString();
    await scimCreate('replay-1@example.com');
    await scimCreate('replay-2@example.com');
    await hook.waitFor((r) => r.length >= 2);
    const [latest] = await deliveries(endpoint.id, 'DELIVERED');
    const again = await sut.gql<{ redeliver: Delivery }>(
      'mutation($id: ID!) { redeliver(deliveryId: $id) { id eventId status attempts } }',
      { id: latest.id },
    );
    expect(again.data!.redeliver).toMatchObject({ eventId: latest.eventId, status: 'PENDING', attempts: 0 });
    await hook.waitFor((r) => r.length >= 3);
    expect(hook.received[2].headers['webhook-id']).toBe(latest.eventId);
    const replay = await sut.gql<{ replayEvents: number }>(
      'mutation($id: ID!, $since: DateTimeISO!) { replayEvents(endpointId: $id, since: $since) }',
      { id: endpoint.id, since },
    );
    expect(replay.data!.replayEvents).toBe(2);
    await hook.waitFor((r) => r.length >= 5);
  });

  it('/metrics reports deliveries by outcome, outbox lag and dead letters', async () => {
    const res = await sut.http.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.text).toMatch(/identity_webhook_deliveries_total\{outcome="delivered"\} [1-9]/);
    expect(res.text).toMatch(/identity_webhook_deliveries_total\{outcome="retry"\} [1-9]/);
    expect(res.text).toMatch(/identity_webhook_outbox_lag_seconds \d/);
    expect(res.text).toMatch(/identity_webhook_dead_letters 0/);
  });
});
