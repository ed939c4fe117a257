import { logCapture } from '../support/log-capture';
import type { Check, Ctx } from './isolation-context';
import { asA } from './isolation-context';

/** B's connections as B's admin sees them (ids, names, tokens): A must never see or change any. */
export async function connectionsOfB(ctx: Ctx): Promise<{ id: string; name: string }[]> {
  const res = await ctx.sut.gql<{ connections: { id: string; name: string }[] }>(
    '{ connections { id name status token { id revokedAt expiresAt } } }',
  );
  return res.data!.connections;
}

/** A's attempt on each of B's connections is NOT_FOUND, exactly as for an id that never existed. */
const notFoundOnB =
  (query: string, extra: Record<string, unknown> = {}): Check =>
  async (ctx) => {
    for (const { id } of await connectionsOfB(ctx)) {
      const res = await asA(ctx, query, { id, ...extra });
      expect(res.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    }
  };

export const CONNECTION_QUERIES: Readonly<Record<string, Check>> = {
  connectionRequests: async (ctx) => {
    // B's request log and counters: NOT_FOUND for each of B's connections, whatever the filter.
    await ctx.sut.app.services.requestLog.flush();
    for (const { id } of await connectionsOfB(ctx)) {
      const res = await asA(
        ctx,
        'query($c: ID!, $r: ID) { connectionRequests(connectionId: $c, filter: { resourceId: $r }) { nodes { id path } } }',
        { c: id, r: ctx.victim.userId },
      );
      expect(res.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
    }
  },
  connections: async (ctx) => {
    const ofB = await connectionsOfB(ctx);
    const res = await asA(ctx, '{ connections { id name } }');
    const seen = JSON.stringify(res.data);
    for (const { id } of ofB) expect(seen).not.toContain(id);
  },
  connection: async (ctx) => {
    for (const { id } of await connectionsOfB(ctx)) {
      expect((await asA(ctx, 'query($id: ID!) { connection(id: $id) { id } }', { id })).data).toEqual({
        connection: null,
      });
    }
  },
};

export const CONNECTION_MUTATIONS: Readonly<Record<string, Check>> = {
  createConnection: async (ctx) => {
    // A's new connection is A's: its token sees nothing of B.
    const res = await asA(
      ctx,
      'mutation { createConnection(input: { name: "A app", kind: OKTA_SCIM2 }) { secret connection { id } } }',
    );
    const issued = res.data?.createConnection as { secret: string; connection: { id: string } };
    logCapture.secret(issued.secret);
    const scim = await ctx.sut.http
      .get(`/scim/v2/Users/${ctx.victim.userId}`)
      .set('Authorization', `Bearer ${issued.secret}`);
    expect(scim.status).toBe(404);
    await asA(ctx, 'mutation($id: ID!) { deleteConnection(id: $id) { id } }', { id: issued.connection.id });
  },
  rotateConnectionToken: notFoundOnB('mutation($id: ID!) { rotateConnectionToken(id: $id) { secret } }'),
  revokeConnectionToken: notFoundOnB('mutation($id: ID!) { revokeConnectionToken(id: $id) { id } }'),
  setConnectionStatus: notFoundOnB(
    'mutation($id: ID!) { setConnectionStatus(id: $id, status: PAUSED) { id } }',
  ),
  renameConnection: notFoundOnB('mutation($id: ID!) { renameConnection(id: $id, name: "pwned") { id } }'),
  deleteConnection: notFoundOnB('mutation($id: ID!) { deleteConnection(id: $id) { id } }'),
  recordScimRequests: async (ctx) => {
    // What a standalone facade reports counts only for the reporting token's own connection: A's
    // admin has none (FORBIDDEN), and A's connection token moves A's counters, never B's.
    const countsOfB = async () =>
      JSON.stringify(
        (
          await ctx.sut.gql(
            '{ connections { id requestCounts { ok clientError serverError } usersCreated } }',
          )
        ).data,
      );
    const before = await countsOfB();
    const report = {
      at: new Date().toISOString(),
      requestId: 'isolation',
      method: 'POST',
      path: '/scim/v2/Users',
      status: 201,
      durationMs: 1,
      usersCreated: 1000,
    };
    const query = 'mutation($r: [ScimRequestReport!]!) { recordScimRequests(requests: $r) }';
    const byAdmin = await asA(ctx, query, { r: [report] });
    expect(byAdmin.errors?.map((e) => e.extensions.code)).toEqual(['FORBIDDEN']);
    const created = await asA(
      ctx,
      'mutation { createConnection(input: { name: "A reporter", kind: GENERIC_SCIM2 }) { secret connection { id } } }',
    );
    const issued = created.data?.createConnection as { secret: string; connection: { id: string } };
    logCapture.secret(issued.secret);
    const res = await ctx.sut.http
      .post('/graphql')
      .set('Authorization', `Bearer ${issued.secret}`)
      .send({ query, variables: { r: [report] }, extensions: { identity: { channel: 'scim' } } });
    expect(res.body).toEqual({ data: { recordScimRequests: 1 } });
    expect(await countsOfB()).toBe(before);
    await asA(ctx, 'mutation($id: ID!) { deleteConnection(id: $id) { id } }', { id: issued.connection.id });
  },
};
