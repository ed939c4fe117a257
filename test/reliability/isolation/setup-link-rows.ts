import { logCapture } from '../support/log-capture';
import { connectionsOfB } from './connection-rows';
import type { Check, Ctx } from './isolation-context';
import { asA } from './isolation-context';

const codes = (res: { errors?: { extensions: { code: string } }[] }) =>
  res.errors?.map((e) => e.extensions.code);

/** B's setup link still serves B's visitor: nothing A tried revoked or redirected it. */
async function linkOfBStillWorks(ctx: Ctx): Promise<void> {
  // B's visitor, not A: its answer is B's own, so it is not checked for B's ids.
  const res = await ctx.sut.gql('{ viewer { setupLink { id revokedAt } } }', {}, ctx.victim.setupLinkSecret);
  expect(res.data?.viewer).toEqual({ setupLink: { id: ctx.victim.setupLinkId, revokedAt: null } });
}

export const SETUP_LINK_QUERIES: Readonly<Record<string, Check>> = {
  setupLinks: async (ctx) => {
    // B's connections' links: NOT_FOUND, as for a connection that never existed.
    for (const { id } of await connectionsOfB(ctx)) {
      expect(
        codes(await asA(ctx, 'query($c: ID!) { setupLinks(connectionId: $c) { id } }', { c: id })),
      ).toEqual(['NOT_FOUND']);
    }
  },
};

export const SETUP_LINK_MUTATIONS: Readonly<Record<string, Check>> = {
  createSetupLink: async (ctx) => {
    for (const { id } of await connectionsOfB(ctx)) {
      const res = await asA(ctx, 'mutation($c: ID!) { createSetupLink(connectionId: $c) { url } }', {
        c: id,
      });
      expect(codes(res)).toEqual(['NOT_FOUND']);
    }
    // A's own link reaches A's connection only: B's connections and their logs are FORBIDDEN to it.
    const own = await asA(
      ctx,
      'mutation { createConnection(input: { name: "A linked", kind: OKTA_SCIM2 }) { secret connection { id } } }',
    );
    const issued = own.data!.createConnection as { secret: string; connection: { id: string } };
    logCapture.secret(issued.secret);
    const link = await asA(ctx, 'mutation($c: ID!) { createSetupLink(connectionId: $c) { url } }', {
      c: issued.connection.id,
    });
    const secret = (link.data!.createSetupLink as { url: string }).url.split('/').pop()!;
    logCapture.secret(secret);
    const viewer = await asA(ctx, '{ viewer { connection { id } } }', {}, secret);
    expect(viewer.data?.viewer).toEqual({ connection: { id: issued.connection.id } });
    const onB = [
      'query($c: ID!) { connection(id: $c) { id } }',
      'query($c: ID!) { connectionRequests(connectionId: $c) { nodes { id } } }',
      'mutation($c: ID!) { rotateConnectionToken(id: $c) { secret } }',
    ];
    for (const { id } of await connectionsOfB(ctx)) {
      for (const query of onB) expect(codes(await asA(ctx, query, { c: id }, secret))).toEqual(['FORBIDDEN']);
    }
    await asA(ctx, 'mutation($id: ID!) { deleteConnection(id: $id) { id } }', { id: issued.connection.id });
  },
  revokeSetupLink: async (ctx) => {
    const res = await asA(ctx, 'mutation($id: ID!) { revokeSetupLink(id: $id) { id } }', {
      id: ctx.victim.setupLinkId,
    });
    expect(codes(res)).toEqual(['NOT_FOUND']);
    await linkOfBStillWorks(ctx);
  },
};
