import { logCapture } from '../support/log-capture';
import type { Check, Ctx } from './isolation-context';
import { asA } from './isolation-context';

/** B's webhook endpoints and their deliveries, as B's admin sees them (set up before A tries anything). */
export async function webhooksOfB(ctx: Ctx): Promise<{ id: string; url: string; deliveryIds: string[] }[]> {
  const res = await ctx.sut.gql<{ webhookEndpoints: { id: string; url: string }[] }>(
    '{ webhookEndpoints { id url status disabledReason eventTypes updatedAt } }',
  );
  return Promise.all(
    res.data!.webhookEndpoints.map(async (endpoint) => {
      const deliveries = await ctx.sut.gql<{ webhookDeliveries: { nodes: { id: string }[] } }>(
        'query($id: ID!) { webhookDeliveries(endpointId: $id, first: 1000) { nodes { id status attempts } } }',
        { id: endpoint.id },
      );
      return { ...endpoint, deliveryIds: deliveries.data!.webhookDeliveries.nodes.map((d) => d.id) };
    }),
  );
}

const codes = (res: { errors?: { extensions: { code: string } }[] }) =>
  res.errors?.map((e) => e.extensions.code);

/** A's attempt on each of B's endpoints is NOT_FOUND, exactly as for an id that never existed. */
const notFoundOnB =
  (query: string): Check =>
  async (ctx) => {
    const ofB = await webhooksOfB(ctx);
    expect(ofB.length).toBeGreaterThan(0);
    for (const { id } of ofB) expect(codes(await asA(ctx, query, { id }))).toEqual(['NOT_FOUND']);
  };

export const WEBHOOK_QUERIES: Readonly<Record<string, Check>> = {
  webhookEndpoints: async (ctx) => {
    const ofB = await webhooksOfB(ctx);
    const seen = JSON.stringify((await asA(ctx, '{ webhookEndpoints { id url } }')).data);
    for (const { id, url } of ofB) {
      expect(seen).not.toContain(id);
      expect(seen).not.toContain(url);
    }
  },
  webhookEndpoint: async (ctx) => {
    for (const { id } of await webhooksOfB(ctx))
      expect((await asA(ctx, 'query($id: ID!) { webhookEndpoint(id: $id) { id } }', { id })).data).toEqual({
        webhookEndpoint: null,
      });
  },
  webhookDeliveries: notFoundOnB('query($id: ID!) { webhookDeliveries(endpointId: $id) { nodes { id } } }'),
};

export const WEBHOOK_MUTATIONS: Readonly<Record<string, Check>> = {
  createWebhookEndpoint: async (ctx) => {
    // A's new endpoint is A's: it lists only A's endpoints, and B's are not among them.
    const res = await asA(
      ctx,
      'mutation { createWebhookEndpoint(input: { url: "https://93.184.215.14/a-hook" }) { secret endpoint { id } } }',
    );
    const issued = res.data?.createWebhookEndpoint as { secret: string; endpoint: { id: string } };
    logCapture.secret(issued.secret);
    const mine = JSON.stringify((await asA(ctx, '{ webhookEndpoints { id } }')).data);
    for (const { id } of await webhooksOfB(ctx)) expect(mine).not.toContain(id);
    await asA(ctx, 'mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }', {
      id: issued.endpoint.id,
    });
  },
  rotateWebhookSecret: notFoundOnB('mutation($id: ID!) { rotateWebhookSecret(id: $id) { secret } }'),
  disableWebhookEndpoint: notFoundOnB('mutation($id: ID!) { disableWebhookEndpoint(id: $id) { id } }'),
  enableWebhookEndpoint: notFoundOnB('mutation($id: ID!) { enableWebhookEndpoint(id: $id) { id } }'),
  deleteWebhookEndpoint: notFoundOnB('mutation($id: ID!) { deleteWebhookEndpoint(id: $id) { id } }'),
  replayEvents: notFoundOnB(
    'mutation($id: ID!) { replayEvents(endpointId: $id, since: "2000-01-01T00:00:00Z") }',
  ),
  redeliver: async (ctx) => {
    const deliveries = (await webhooksOfB(ctx)).flatMap((e) => e.deliveryIds);
    expect(deliveries.length).toBeGreaterThan(0);
    for (const id of deliveries)
      expect(
        codes(await asA(ctx, 'mutation($id: ID!) { redeliver(deliveryId: $id) { id } }', { id })),
      ).toEqual(['NOT_FOUND']);
  },
};
