import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { parse } from 'graphql';
import type { RequestContext } from '../../src/domain/auth/request-context';
import type { Services } from '../../src/domain/services';
import { createServices } from '../../src/domain/services';
import { systemClock } from '../../src/domain/shared/clock';
import type { Store } from '../../src/domain/store';
import type { PasswordHasher } from '../../src/domain/users/password-hasher';
import { buildIdentitySchema } from '../../src/graphql/build-schema';
import type { GraphqlContext } from '../../src/graphql/context';
import { createGraphqlContext } from '../../src/graphql/context';
import { createStore } from '../../src/persistence/typeorm-store';
import type { TestDatabase } from '../fixtures/test-database';
import { createTestDatabase } from '../fixtures/test-database';

/** A second subgraph that only references User by key, as a consumer of identity would. */
const ORDERS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Query {
    order(id: ID!): Order
    orders: [Order!]!
  }

  type Order @key(fields: "id") {
    id: ID!
    buyer: User
  }

  type User @key(fields: "id", resolvable: false) {
    id: ID!
  }
`;

interface Order {
  id: string;
  buyerId: string;
}

function ordersSchema(orders: () => Order[]): GraphQLSchema {
  const toOrder = (order: Order) => ({ id: order.id, buyer: { id: order.buyerId } });
  return buildSubgraphSchema({
    typeDefs: parse(ORDERS_SDL),
    resolvers: {
      Query: {
        order: (_: unknown, { id }: { id: string }) =>
          orders()
            .filter((o) => o.id === id)
            .map(toOrder)[0] ?? null,
        orders: () => orders().map(toOrder),
      },
    },
  });
}

const identitySdl = () => readFileSync(join(__dirname, '..', '..', 'schema', 'identity.graphql'), 'utf8');

/** A password hasher that does not spend scrypt's CPU on test users. */
const plainHasher: PasswordHasher = {
  hash: async (password) => `plain$${password}`,
  verify: async (password, stored) => stored === `plain$${password}`,
};

describe('the identity subgraph in a federated graph', () => {
  it('composes with a subgraph that references User', () => {
    const result = composeServices([
      { name: 'identity', url: 'http://identity/graphql', typeDefs: parse(identitySdl()) },
      { name: 'orders', url: 'http://orders/graphql', typeDefs: parse(ORDERS_SDL) },
    ]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.supergraphSdl).toContain('type User');
  });

  describe('through a gateway', () => {
    let database: TestDatabase;
    let store: Store;
    let services: Services;
    let gateway: ApolloServer<GraphqlContext>;
    let caller: RequestContext;
    let otherCaller: RequestContext;
    const orders: Order[] = [];
    const queries: string[] = [];

    beforeAll(async () => {
      database = await createTestDatabase();
      store = await createStore({ databaseUrl: database.url, onQuery: (sql: string) => queries.push(sql) });
      services = createServices(store, plainHasher, systemClock);
      caller = await adminOf(services, 'acme');
      otherCaller = await adminOf(services, 'globex');

      const composed = composeServices([
        { name: 'identity', url: 'http://identity/graphql', typeDefs: parse(identitySdl()) },
        { name: 'orders', url: 'http://orders/graphql', typeDefs: parse(ORDERS_SDL) },
      ]);
      const subgraphs: Record<string, GraphQLSchema> = {
        identity: await buildIdentitySchema(),
        orders: ordersSchema(() => orders),
      };
      gateway = new ApolloServer<GraphqlContext>({
        gateway: new ApolloGateway({
          supergraphSdl: composed.supergraphSdl!,
          buildService: ({ name }) => new LocalGraphQLDataSource(subgraphs[name]),
        }),
      });
      await gateway.start();
    });

    afterAll(async () => {
      await gateway?.stop();
      await store?.close();
      await database?.drop();
    });

    async function query(source: string) {
      const response = await gateway.executeOperation(
        { query: source },
        { contextValue: createGraphqlContext(services, caller) },
      );
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult;
    }

    it("resolves an order's buyer from the identity subgraph", async () => {
      const ann = await services.users.create(caller, { userName: 'ann@example.com', displayName: 'Ann' });
      orders.push({ id: 'o-1', buyerId: ann.id });
      const result = await query('{ order(id: "o-1") { id buyer { userName displayName } } }');
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({
        order: { id: 'o-1', buyer: { userName: 'ann@example.com', displayName: 'Ann' } },
      });
    });

    it("resolves a buyer of another organization to null: the caller's organization scopes every lookup", async () => {
      const stranger = await services.users.create(otherCaller, { userName: 'stranger@globex.example' });
      orders.push({ id: 'o-2', buyerId: stranger.id });
      const result = await query('{ order(id: "o-2") { id buyer { userName } } }');
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ order: { id: 'o-2', buyer: null } });
    });

    it('loads 100 buyers with one query on users', async () => {
      orders.length = 0;
      for (let i = 0; i < 100; i += 1) {
        const user = await services.users.create(caller, { userName: `buyer${i}@example.com` });
        orders.push({ id: `bulk-${i}`, buyerId: user.id });
      }
      const findMany = jest.spyOn(services.users, 'findMany');
      queries.length = 0;
      const result = await query('{ orders { id buyer { userName } } }');
      expect(result.errors).toBeUndefined();
      const buyers = (result.data?.orders as { buyer: { userName: string } }[]).map((o) => o.buyer.userName);
      expect(buyers).toEqual(orders.map((_, i) => `buyer${i}@example.com`));
      expect(findMany).toHaveBeenCalledTimes(1);
      expect(queries.filter((sql) => /^\s*select\b[\s\S]*\bfrom\s+[`"]?users[`"]?/i.test(sql))).toHaveLength(
        1,
      );
      findMany.mockRestore();
    });
  });
});

/** An organization and an admin caller of it, as the CLI would create them. */
async function adminOf(services: Services, slug: string): Promise<RequestContext> {
  const organization = await services.organizations.create(slug);
  return {
    principal: { organizationId: organization.id, subject: 'cli', scopes: ['identity:admin'], kind: 'cli' },
    channel: 'cli',
    requestId: `test-${slug}`,
  };
}
