import type { RequestShape } from './load';
import type { Directory } from './seed';
import { SMALL_GROUP, userNameOf } from './seed';

/** The secrets both servers accept (the service creates them at its first start). */
export interface Tokens {
  readonly scim: string;
  readonly admin: string;
}

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';

export const ENTITIES_QUERY = `query BenchEntities($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on User { id userName displayName active name { givenName familyName } emails { value type primary } }
  }
}`;

export const USERS_QUERY = `query BenchUsers($filter: Filter, $first: Int) {
  users(filter: $filter, first: $first) {
    totalCount
    nodes { id userName displayName active name { givenName familyName } emails { value type primary } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** G3: the supergraph query a gateway client sends (orders from one subgraph, buyers from identity). */
export const ORDERS_QUERY = `query BenchOrders($page: Int!) {
  orders(page: $page) { buyer { userName emails { value } } }
}`;

/** A GraphQL document as the gateway sends it to a subgraph (recorded by the gateway). */
export interface SubgraphDocument {
  readonly query: string;
  readonly operationName?: string;
}

const randomInt = (from: number, to: number) => from + Math.floor(Math.random() * (to - from));

/** Indexes from..to-1 in random order, shared by both sides so no add repeats another (until it wraps). */
export class Deck {
  private readonly order: Uint32Array;
  private position = 0;

  constructor(from: number, to: number) {
    this.order = Uint32Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
    for (let i = this.order.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [this.order[i], this.order[j]] = [this.order[j], this.order[i]];
    }
  }

  next(): number {
    const value = this.order[this.position % this.order.length];
    this.position++;
    return value;
  }
}

/** Builds every request the scenarios, the parity check and the SQL count send. */
export class Requests {
  private created = 0;
  /** 1 = active; S5 always sends the opposite of the last value, so every PATCH is a real write. */
  private readonly active: Uint8Array;
  private readonly bigDeck: Deck;
  private readonly smallDeck: Deck;
  private readonly runId = Date.now().toString(36);

  constructor(
    readonly directory: Directory,
    readonly tokens: Tokens,
  ) {
    this.active = new Uint8Array(directory.userIds.length).fill(1);
    this.bigDeck = new Deck(directory.bigGroupSize, directory.userIds.length);
    this.smallDeck = new Deck(SMALL_GROUP, directory.userIds.length);
  }

  private get scim() {
    return { Authorization: `Bearer ${this.tokens.scim}`, 'Content-Type': 'application/scim+json' };
  }

  private get graphqlHeaders() {
    return { Authorization: `Bearer ${this.tokens.admin}`, 'Content-Type': 'application/json' };
  }

  /** A random seeded user index (0-based), among the first `limit` (all by default). */
  randomUser(limit = this.directory.userIds.length): number {
    return randomInt(0, Math.min(limit, this.directory.userIds.length));
  }

  userByName(index = this.randomUser()): RequestShape {
    const filter = encodeURIComponent(`userName eq "${userNameOf(index + 1)}"`);
    return { method: 'GET', path: `/scim/v2/Users?filter=${filter}`, headers: this.scim };
  }

  userById(index = this.randomUser()): RequestShape {
    return { method: 'GET', path: `/scim/v2/Users/${this.directory.userIds[index]}`, headers: this.scim };
  }

  usersPage(startIndex: number, count = 100): RequestShape {
    return {
      method: 'GET',
      path: `/scim/v2/Users?startIndex=${startIndex}&count=${count}`,
      headers: this.scim,
    };
  }

  groupsWithoutMembers(): RequestShape {
    return { method: 'GET', path: '/scim/v2/Groups?excludedAttributes=members', headers: this.scim };
  }

  /** Okta's create (its recorded body), with or without its random password. */
  createUser(side: string, withPassword: boolean): RequestShape {
    const userName = `new.${side}.${this.runId}.${++this.created}@bench.test`;
    const body = {
      schemas: [USER_SCHEMA],
      userName,
      name: { givenName: 'New', familyName: `User${this.created}` },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: `New User${this.created}`,
      locale: 'en-US',
      externalId: `00unew${this.runId}${this.created}`,
      groups: [],
      ...(withPassword && { password: `p${Math.random().toString(36).slice(2, 10)}A1` }),
      active: true,
    };
    return { method: 'POST', path: '/scim/v2/Users', body: JSON.stringify(body), headers: this.scim };
  }

  /** Okta's deactivate/reactivate PATCH on a random user, always flipping its state. */
  toggleActive(): RequestShape {
    const index = this.randomUser();
    const active = this.active[index] === 0;
    this.active[index] = active ? 1 : 0;
    const body = { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active } }] };
    return {
      method: 'PATCH',
      path: `/scim/v2/Users/${this.directory.userIds[index]}`,
      body: JSON.stringify(body),
      headers: this.scim,
    };
  }

  addMembers(groupId: string, userIndexes: readonly number[]): RequestShape {
    const members = userIndexes.map((i) => ({ value: this.directory.userIds[i] }));
    const body = { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: members }] };
    return {
      method: 'PATCH',
      path: `/scim/v2/Groups/${groupId}`,
      body: JSON.stringify(body),
      headers: this.scim,
    };
  }

  /** S6: one user who is not yet a member, added to the big (or the small) group. */
  addOneMember(big: boolean): RequestShape {
    const deck = big ? this.bigDeck : this.smallDeck;
    return this.addMembers(big ? this.directory.bigGroupId : this.directory.smallGroupId, [deck.next()]);
  }

  /** S7: `count` users, a different slice for each request number. */
  addManyMembers(groupId: string, request: number, count: number): RequestShape {
    const total = this.directory.userIds.length;
    return this.addMembers(
      groupId,
      Array.from({ length: Math.min(count, total) }, (_, i) => (request * count + i) % total),
    );
  }

  entities(count = 100): RequestShape {
    const representations = this.references(count);
    const body = { operationName: 'BenchEntities', query: ENTITIES_QUERY, variables: { representations } };
    return { method: 'POST', path: '/graphql', body: JSON.stringify(body), headers: this.graphqlHeaders };
  }

  /** 100 `User` references to random seeded users (duplicates possible, as in a gateway's fetch). */
  private references(count: number) {
    return Array.from({ length: count }, () => ({
      __typename: 'User',
      id: this.directory.userIds[this.randomUser()],
    }));
  }

  /** The identity fetch of G3 as the gateway made it, sent straight to a server (the SQL count). */
  entitiesAs(document: SubgraphDocument, count = 100): RequestShape {
    const body = { ...document, variables: { representations: this.references(count) } };
    return { method: 'POST', path: '/graphql', body: JSON.stringify(body), headers: this.graphqlHeaders };
  }

  /** G3, sent to a gateway: a random page of the order book (any page exists: its buyers differ each time). */
  ordersThroughGateway(page = randomInt(0, 2 ** 31)): RequestShape {
    const body = { operationName: 'BenchOrders', query: ORDERS_QUERY, variables: { page } };
    return { method: 'POST', path: '/graphql', body: JSON.stringify(body), headers: this.graphqlHeaders };
  }

  /** `userName sw "user.NN"`: 111 users at 5k, 1,111 at 100k; the first 100 by id. */
  usersFiltered(prefix = `user.${randomInt(10, 100)}`): RequestShape {
    const variables = {
      filter: { condition: { attribute: 'userName', op: 'SW', value: prefix } },
      first: 100,
    };
    const body = { operationName: 'BenchUsers', query: USERS_QUERY, variables };
    return { method: 'POST', path: '/graphql', body: JSON.stringify(body), headers: this.graphqlHeaders };
  }
}
