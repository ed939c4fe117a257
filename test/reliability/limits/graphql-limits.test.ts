import '../support/no-secrets-in-logs';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { getIntrospectionQuery, getOperationAST, Kind, parse } from 'graphql';
import { loadConfig } from '../../../src/config';
import { operatorContext } from '../../../src/bootstrap';
import { measureOperation } from '../../../src/graphql/limits/measure-operation';
import { DEFAULT_OPERATION_LIMITS } from '../../../src/graphql/limits/operation-limits';
import * as generatedOperations from '../../../src/scim/operations/generated';
import { remoteScimFacade } from '../../../src/scim-facade';
import type { TestApp } from '../../fixtures/test-app';
import { expectOneError } from '../../fixtures/test-app';
import { recordFigure } from '../support/figures';
import { logCapture } from '../support/log-capture';
import { bearer, startReliableApp } from '../support/reliable-app';

/** `user(id) { enterprise { manager { user { … } } } }`, exactly `levels` fields deep. */
function deepQuery(levels: number): string {
  const cycle = ['enterprise', 'manager', 'user'];
  const path = ['user'];
  while (path.length < levels - 1) path.push(cycle[(path.length - 1) % 3]);
  const leaf = { user: 'id', enterprise: 'department', manager: 'value' }[path[path.length - 1]];
  const inner = path.slice(1).reduceRight((selection, field) => `${field} { ${selection} }`, leaf as string);
  return `query($id: ID!) { user(id: $id) { ${inner} } }`;
}

describe('GraphQL operation limits: measuring', () => {
  let schema: GraphQLSchema;
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startReliableApp();
    schema = sut.app.schema;
  });
  afterAll(() => sut.close());

  const measure = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    return measureOperation(schema, document, getOperationAST(document)!, variables);
  };

  it.each([
    { query: '{ viewer { subject } }', expected: { depth: 2, aliases: 0, cost: 1 } },
    {
      query: '{ a: viewer { subject } b: viewer { s: subject } }',
      expected: { depth: 2, aliases: 3, cost: 2 },
    },
    { query: '{ users { nodes { id } } }', expected: { depth: 3, aliases: 0, cost: 51 } },
    {
      query: '{ users(first: 1000) { nodes { id emails { value } } } }',
      expected: { depth: 4, aliases: 0, cost: 11_001 },
    },
    { query: '{ users(first: 0) { totalCount } }', expected: { depth: 2, aliases: 0, cost: 1 } },
    {
      query:
        '{ users(first: 10) { edges { node { groups { group { members(first: 5) { nodes { id } } } } } } } }',
      expected: { depth: 8, aliases: 0, cost: 1 + 10 + 10 + 100 + 100 + 100 + 500 },
    },
    {
      query: 'query($n: Int!) { groups(first: $n) { nodes { id } } }',
      variables: { n: 7 },
      expected: { depth: 3, aliases: 0, cost: 8 },
    },
    {
      query: 'query($n: Int = 300) { groups(first: $n) { nodes { id } } }',
      expected: { depth: 3, aliases: 0, cost: 301 },
    },
    {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id emails { value } } } }',
      variables: { r: Array.from({ length: 40 }, () => ({ __typename: 'User', id: 'x' })) },
      expected: { depth: 3, aliases: 0, cost: 40 + 400 },
    },
    {
      query: 'query($g: Boolean!) { user(id: "x") { id groups @include(if: $g) { direct } } }',
      variables: { g: false },
      expected: { depth: 2, aliases: 0, cost: 1 },
    },
    {
      query:
        '{ ...A } fragment A on Query { ...B ...B } fragment B on Query { users(first: 3) { nodes { id } } }',
      expected: { depth: 3, aliases: 0, cost: 8 },
    },
  ])('measures $query', ({ query, variables, expected }) => {
    expect(measure(query, variables)).toEqual(expected);
  });

  it('measures an exponential fragment chain reading each fragment once', () => {
    // 2^1000 spreads. Each fragment's body is counted as it is read, and reading more than twice per
    // fragment aborts: a measurement that expanded the spreads fails at once instead of hanging.
    const fragments = Array.from(
      { length: 1000 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join('\n');
    const document = parse(`{ ...F0 } ${fragments} fragment F1000 on Query { viewer { subject } }`);
    let reads = 0;
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.FRAGMENT_DEFINITION) continue;
      const body = definition.selectionSet;
      Object.defineProperty(definition, 'selectionSet', {
        get: () => {
          if (++reads > 2 * 1001)
            throw new Error(`fragment bodies read ${reads} times: the chain is being expanded`);
          return body;
        },
      });
    }
    const measured = measureOperation(schema, document, getOperationAST(document)!, {});
    expect(measured.cost).toBe(1e12); // the measurement's cap
    expect(reads).toBeLessThanOrEqual(1001);
  });

  // Every document the facade sends, with the largest sizes it ever asks for (a page of
  // SCIM_MAX_RESULTS = 1000, member pages of 1000, groups included).
  const scimOperations = Object.entries(generatedOperations).filter(
    (entry): entry is [string, DocumentNode] => entry[0].endsWith('Document'),
  );
  it.each(scimOperations)('lets the SCIM operation %s through with the defaults', (name, document) => {
    const measured = measureOperation(schema, document, getOperationAST(document)!, {
      first: 1000,
      withGroups: true,
    });
    expect(measured.depth).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxDepth);
    expect(measured.aliases).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxAliases);
    expect(measured.cost).toBeLessThanOrEqual(DEFAULT_OPERATION_LIMITS.maxCost);
    if (name === 'LIST_USERS')
      recordFigure('limits', 'cost of a SCIM page of 1000 users with groups', measured.cost);
  });

  it('counts every SCIM operation (a new one gets measured above)', () => {
    expect(scimOperations.map(([name]) => name).sort()).toEqual(
      [
        'ScimCreateGroupDocument',
        'ScimCreateUserDocument',
        'ScimDeleteGroupDocument',
        'ScimDeleteUserDocument',
        'ScimGetGroupDocument',
        'ScimGetUserDocument',
        'ScimGroupMembersDocument',
        'ScimListGroupsDocument',
        'ScimListUsersDocument',
        'ScimMeDocument',
        'ScimModifyGroupDocument',
        'ScimReplaceUserDocument',
        'ScimUserByUserNameDocument',
        'ScimUserExtensionAttributesDocument',
      ].sort(),
    );
  });

  it('lets the standard introspection query through with the defaults', () => {
    expect(measure(getIntrospectionQuery()).depth).toBeLessThanOrEqual(20);
    expect(measure(getIntrospectionQuery()).cost).toBeLessThanOrEqual(200_000);
  });

  it('builds nested queries of the requested depth', () => {
    expect(measure(deepQuery(20)).depth).toBe(20);
    expect(measure(deepQuery(21)).depth).toBe(21);
  });
});

describe('GraphQL operation limits over HTTP (defaults: depth 20, aliases 30, cost 200,000)', () => {
  let sut: TestApp;
  let userId: string;
  beforeAll(async () => {
    sut = await startReliableApp();
    const created = await sut.gql<{ createUser: { id: string } }>(
      'mutation { createUser(input: { userName: "limits" }) { id } }',
    );
    userId = created.data!.createUser.id;
  });
  afterAll(() => sut.close());

  const post = (body: unknown) =>
    sut.http
      .post('/graphql')
      .set(bearer(sut.tenant.adminToken))
      .set('Content-Type', 'application/json')
      .send(body as object);

  it('accepts an operation at the depth limit and refuses one level more with 400 BAD_USER_INPUT', async () => {
    const ok = await sut.gql(deepQuery(20), { id: userId });
    expect(ok.errors).toBeUndefined();
    const tooDeep = await sut.gql(deepQuery(21), { id: userId });
    expect(tooDeep.status).toBe(400);
    expect(expectOneError(tooDeep, 'BAD_USER_INPUT').message).toMatch(/21 levels deep; at most 20/);
  });

  it('refuses 31 aliases before anything runs: no user is created', async () => {
    const creates = Array.from(
      { length: 31 },
      (_, i) => `u${i}: createUser(input: { userName: "alias-${i}" }) { id }`,
    ).join(' ');
    const result = await sut.gql(`mutation { ${creates} }`);
    expect(result.status).toBe(400);
    expect(expectOneError(result, 'BAD_USER_INPUT').message).toMatch(/31 aliases/);
    const found = await sut.gql<{ users: { totalCount: number } }>(
      '{ users(filter: { condition: { attribute: "userName", op: SW, value: "alias-" } }) { totalCount } }',
    );
    expect(found.data!.users.totalCount).toBe(0);
  });

  it('refuses nested pages whose product is too large (cost), whether sizes are literals or variables', async () => {
    const literal = await sut.gql(
      '{ users(first: 1000) { nodes { groups { group { members(first: 1000) { nodes { id } } } } } } }',
    );
    expect(literal.status).toBe(400);
    expect(expectOneError(literal, 'BAD_USER_INPUT').message).toMatch(/about \d+ objects/);
    const viaVariables = await sut.gql(
      'query($a: Int!, $b: Int!) { groups(first: $a) { nodes { members(first: $b) { nodes { id } } } } }',
      { a: 1000, b: 1000 },
    );
    expect(viaVariables.status).toBe(400);
    expectOneError(viaVariables, 'BAD_USER_INPUT');
  });

  it('refuses an _entities call with more representations than the cost allows', async () => {
    const representations = Array.from({ length: 5_000 }, () => ({ __typename: 'User', id: userId }));
    const result = await sut.gql(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { emails { value } ims { value } phoneNumbers { value } photos { value } } } }',
      { r: representations },
    );
    expect(result.status).toBe(400);
    expectOneError(result, 'BAD_USER_INPUT');
  });

  it('refuses an exponential fragment chain before anything expands it', async () => {
    // 2^300 field selections: answering at all means nothing walked them (no clock needed).
    const fragments = Array.from(
      { length: 300 },
      (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    ).join(' ');
    const result = await sut.gql(
      `{ ...F0 } ${fragments} fragment F300 on Query { users(first: 1) { nodes { id } } }`,
    );
    expect(result.status).toBe(400);
    expectOneError(result, 'BAD_USER_INPUT');
  });

  it('refuses a document of more than 15,000 tokens before validating it', async () => {
    const fields = Array.from({ length: 16_000 }, () => 'subject').join(' ');
    const result = await sut.gql(`{ viewer { ${fields} } }`);
    expect(result.status).toBe(400);
    expect(expectOneError(result, 'BAD_USER_INPUT').message).toMatch(/tokens/);
  });

  it('refuses batched operations (a JSON array body) with 400 BAD_USER_INPUT', async () => {
    const res = await post([{ query: '{ viewer { subject } }' }, { query: '{ viewer { subject } }' }]);
    expect(res.status).toBe(400);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('answers the standard introspection query', async () => {
    const result = await sut.gql(getIntrospectionQuery());
    expect(result.errors).toBeUndefined();
  });
});

describe('GraphQL limits are configurable', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startReliableApp({
      GRAPHQL_MAX_DEPTH: '3',
      GRAPHQL_MAX_ALIASES: '1',
      GRAPHQL_MAX_COST: '100',
    });
  });
  afterAll(() => sut.close());

  it.each([
    ['GRAPHQL_MAX_DEPTH', '{ users { nodes { emails { value } } } }', /4 levels deep; at most 3/],
    ['GRAPHQL_MAX_ALIASES', '{ a: viewer { subject } b: viewer { subject } }', /2 aliases; at most 1/],
    ['GRAPHQL_MAX_COST', '{ users(first: 100) { nodes { id } } }', /about 101 objects; at most 100/],
  ])('%s', async (_name, query, message) => {
    const result = await sut.gql(query);
    expect(result.status).toBe(400);
    expect(expectOneError(result, 'BAD_USER_INPUT').message).toMatch(message);
  });
});

describe('the SCIM facade over HTTP (GRAPHQL_URL) stays within the default limits', () => {
  let sut: TestApp;
  let server: Server;
  let facade: express.Express;
  beforeAll(async () => {
    sut = await startReliableApp();
    server = createServer(sut.app.express);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const config = loadConfig({ GRAPHQL_URL: `http://127.0.0.1:${port}/graphql`, LOG_LEVEL: 'silent' });
    facade = express();
    facade.use('/scim/v2', remoteScimFacade(config, sut.app.schema, logCapture.logger()));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await sut.close();
  });

  it('lists 1000 users with their groups in one page', async () => {
    const ctx = operatorContext(sut.tenant.organizationId);
    const ids: string[] = [];
    for (let i = 0; i < 1000; i++)
      ids.push(
        (await sut.app.services.users.create(ctx, { userName: `page-${String(i).padStart(4, '0')}` })).id,
      );
    await sut.app.services.groups.create(ctx, { displayName: 'Everyone' }, ids);
    await sut.app.services.groups.create(
      ctx,
      { displayName: 'Tenth' },
      ids.filter((_, i) => i % 10 === 0),
    );
    const { default: request } = await import('supertest');
    const res = await request(facade)
      .get('/scim/v2/Users?count=1000&attributes=userName,groups&sortBy=userName')
      .set(bearer(sut.tenant.scimToken));
    expect(res.status).toBe(200);
    expect(res.body.totalResults).toBe(1000);
    const page = res.body.Resources as { id: string; userName: string; groups: { display: string }[] }[];
    expect(page.map((u) => u.id)).toEqual(ids);
    page.forEach((user, i) =>
      expect(user.groups.map((g) => g.display).sort()).toEqual(
        i % 10 === 0 ? ['Everyone', 'Tenth'] : ['Everyone'],
      ),
    );
  });
});
