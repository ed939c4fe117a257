import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { parse } from 'graphql';
import type { TestApp } from '../fixtures/test-app';
import { startTestApp } from '../fixtures/test-app';

const FEED = `query($after: String, $first: Int) { events(after: $after, first: $first) {
  nodes { id type resourceId version occurredAt actor channel organizationId data }
  pageInfo { endCursor hasNextPage } } }`;

interface Page {
  events: {
    nodes: {
      type: string;
      resourceId: string;
      organizationId: string;
      data: { user?: { userName: string } };
    }[];
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
  };
}

interface GatewayContext {
  readonly token: string;
}

/**
 * The events feed as internal services read it: through a federation gateway composed from the
 * committed SDL, over HTTP to the running subgraph (so its errors are formatted as in production).
 */
describe('the events feed through the federation gateway', () => {
  let sut: TestApp;
  let server: Server;
  let gateway: ApolloServer<GatewayContext>;

  beforeAll(async () => {
    sut = await startTestApp();
    server = sut.app.express.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const sdl = readFileSync(join(__dirname, '..', '..', 'schema', 'identity.graphql'), 'utf8');
    const composed = composeServices([{ name: 'identity', url, typeDefs: parse(sdl) }]);
    expect(composed.errors).toBeUndefined();
    gateway = new ApolloServer<GatewayContext>({
      gateway: new ApolloGateway({
        supergraphSdl: composed.supergraphSdl!,
        buildService: ({ url: subgraphUrl }) =>
          new RemoteGraphQLDataSource<GatewayContext>({
            url: subgraphUrl,
            willSendRequest: ({ request, context }) => {
              request.http?.headers.set('authorization', `Bearer ${context.token}`);
            },
          }),
      }),
    });
    await gateway.start();
  });
  afterAll(async () => {
    await gateway?.stop();
    await new Promise((resolve) => server?.close(resolve));
    await sut?.close();
  });

  const query = async (variables: Record<string, unknown>, token = sut.tenant.adminToken) => {
    const response = await gateway.executeOperation({ query: FEED, variables }, { contextValue: { token } });
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult;
  };
  const feed = async (variables: Record<string, unknown>, token?: string) => {
    const result = await query(variables, token);
    expect(result.errors).toBeUndefined();
    return (result.data as unknown as Page).events;
  };

  it('pages with the cursor, scoped to the caller’s organization', async () => {
    const bootstrap = await feed({ first: 1000 });
    expect(bootstrap.pageInfo.hasNextPage).toBe(false);
    const start = bootstrap.pageInfo.endCursor;
    const ids: string[] = [];
    for (const name of ['feed1', 'feed2', 'feed3']) {
      const res = await sut.gql<{ createUser: { id: string } }>(
        'mutation($u: String!) { createUser(input: { userName: $u }) { id } }',
        { u: `${name}@example.com` },
      );
      ids.push(res.data!.createUser.id);
    }
    await sut.gql(
      'mutation { createUser(input: { userName: "theirs@example.com" }) { id } }',
      {},
      sut.other.adminToken,
    );

    const first = await feed({ after: start, first: 2 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await feed({ after: first.pageInfo.endCursor, first: 2 });
    expect(second.pageInfo.hasNextPage).toBe(false);
    const nodes = [...first.nodes, ...second.nodes];
    expect(nodes.map((e) => [e.type, e.resourceId, e.data.user?.userName])).toEqual([
      ['user.created', ids[0], 'feed1@example.com'],
      ['user.created', ids[1], 'feed2@example.com'],
      ['user.created', ids[2], 'feed3@example.com'],
    ]);
    expect(nodes.every((e) => e.organizationId === sut.tenant.organizationId)).toBe(true);
    const idle = await feed({ after: second.pageInfo.endCursor });
    expect(idle).toEqual({
      nodes: [],
      pageInfo: { endCursor: second.pageInfo.endCursor, hasNextPage: false },
    });

    const theirs = await feed({ first: 1000 }, sut.other.adminToken);
    expect(theirs.nodes.every((e) => e.organizationId === sut.other.organizationId)).toBe(true);
    expect(theirs.nodes.filter((e) => e.type === 'user.created').map((e) => e.data.user?.userName)).toEqual([
      'theirs@example.com',
    ]);
  });

  it('passes BAD_USER_INPUT for a malformed cursor through to the client', async () => {
    const result = await query({ after: 'not-a-cursor' });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
