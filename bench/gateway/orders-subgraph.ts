/**
 * G3's second subgraph, "orders": a consumer of identity that knows its users only by key, as a shop
 * or billing service would. Its orders are made up, not stored: page `p` holds 100 orders whose
 * buyers are seeded users drawn by a PRNG seeded with `p`, so a random page per request gives
 * different buyers every time, and the same page gives the same buyers on both gateways (parity).
 */
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

/** mulberry32: a small, fast PRNG whose sequence depends only on its seed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The orders of one page: ids `<page>-<n>`, each buyer a `User` reference to a seeded user. */
export function ordersOf(page: number, userIds: readonly string[]) {
  const next = prng(page);
  return Array.from({ length: ORDERS_PER_PAGE }, (_, n) => ({
    id: `${page}-${n}`,
    buyer: { __typename: 'User', id: userIds[Math.floor(next() * userIds.length)] },
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
