/**
 * G3's second subgraph, "orders": a consumer of identity that knows its users only by key, as a shop
 * or billing service would. Its orders are made up, not stored: page `p` holds 100 orders whose
 * buyers are seeded users drawn pseudo-randomly from `p`, so a random page per request gives
 * different buyers every time, and the same page gives the same buyers on both gateways (parity).
 */
import { createHash } from 'node:crypto';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { parse } from 'graphql';

export const ORDERS_SDL = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

  type Query {
    "Page \`page\` of the order book, 100 orders (the book is endless: any page exists)."
    orders(page: Int!): [Order!]!
  }

  type Order @key(fields: "id") {
    id: ID!
    buyer: User
  }

  type User @key(fields: "id", resolvable: false) {
    id: ID!
  }
`;

export const ORDERS_PER_PAGE = 100;

/**
 * The orders of one page: ids `<page>-<n>`, each buyer a `User` reference to a seeded user. The
 * buyers' indexes come from one SHAKE256 digest of the page number (4 bytes an order): as good as
 * random, and the same on every call.
 */
export function ordersOf(page: number, userIds: readonly string[]) {
  const bytes = createHash('shake256', { outputLength: 4 * ORDERS_PER_PAGE })
    .update(String(page))
    .digest();
  return Array.from({ length: ORDERS_PER_PAGE }, (_, n) => ({
    id: `${page}-${n}`,
    buyer: { __typename: 'User', id: userIds[bytes.readUInt32BE(4 * n) % userIds.length] },
  }));
}

export function ordersSchema(userIds: readonly string[]): GraphQLSchema {
  return buildSubgraphSchema({
    typeDefs: parse(ORDERS_SDL),
    resolvers: {
      Query: { orders: (_: unknown, { page }: { page: number }) => ordersOf(page, userIds) },
    },
  });
}
