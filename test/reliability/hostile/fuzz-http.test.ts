import '../support/no-secrets-in-logs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import request from 'supertest';
import type { TestApp } from '../../fixtures/test-app';
import { recordFigure } from '../support/figures';
import { bearer, startReliableApp } from '../support/reliable-app';
import {
  anyJson,
  attributeList,
  filterText,
  GROUP_PATHS,
  nastyString,
  patchBody,
  scimPath,
  userBody,
  USER_PATHS,
} from './hostile-arbitraries';

/** Bounded: every property runs this many cases, every request must answer within 10 s. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const DEADLINE_MS = 10_000;
/** What only the server knows: SQL, stack frames, source paths, driver codes. */
const LEAKS =
  /\b(SELECT|INSERT INTO|DELETE FROM)\b.+\b(FROM|VALUES|WHERE)\b|\n\s+at [^\n]+:\d+:\d+|\/work\/|node_modules|SQLITE_[A-Z]+|\bER_[A-Z_]{4,}|QueryFailedError|TypeError:|ReferenceError:/;

/**
 * Property-based HTTP fuzzing: whatever arrives in a SCIM body, filter, sortBy, attributes list,
 * path or GraphQL variable, the answer is a 2xx/3xx/4xx — never a 5xx, never a hang — and no error
 * body carries SQL, a stack trace or a file path. GraphQL errors are never INTERNAL.
 */
describe('HTTP fuzzing (fast-check)', () => {
  let sut: TestApp;
  let server: Server;
  let http: ReturnType<typeof request>;
  let userId: string;
  let groupId: string;
  const statuses = new Map<number, number>();
  let requests = 0;

  beforeAll(async () => {
    sut = await startReliableApp({ RATE_LIMIT_PER_MINUTE: '0' });
    server = sut.app.express.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    http = request(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const user = await sut.http
      .post('/scim/v2/Users')
      .set(bearer(sut.tenant.scimToken))
      .send({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'fuzz-target',
        emails: [{ value: 'f@x.example' }],
      });
    userId = user.body.id;
    const group = await sut.http
      .post('/scim/v2/Groups')
      .set(bearer(sut.tenant.scimToken))
      .send({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'fuzz-group',
        members: [{ value: userId }],
      });
    groupId = group.body.id;
  });
  afterAll(async () => {
    recordFigure('hostile', 'fuzzing: requests by status', {
      requests,
      statuses: Object.fromEntries(statuses),
    });
    await new Promise((resolve) => server.close(resolve));
    await sut.close();
  });

  async function expectSafe(pending: request.Test): Promise<request.Response> {
    const res = await pending.timeout({ deadline: DEADLINE_MS });
    requests += 1;
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    if (res.status >= 500 || LEAKS.test(res.text)) {
      throw new Error(`${res.status} for ${pending.url}: ${res.text.slice(0, 500)}`);
    }
    const code = res.body?.errors?.[0]?.extensions?.code;
    if (code === 'INTERNAL') throw new Error(`INTERNAL for ${pending.url}: ${res.text.slice(0, 500)}`);
    return res;
  }

  const scim = () => sut.tenant.scimToken;
  /** Any JSON value as the body, primitives included (superagent only serializes objects itself). */
  const json = (pending: request.Test, body: unknown) =>
    pending.set('Content-Type', 'application/json').send(JSON.stringify(body) ?? '');
  const run = (property: fc.IAsyncProperty<never> | fc.IAsyncPropertyWithHooks<never>) =>
    fc.assert(property as fc.IAsyncProperty<unknown>, { numRuns: RUNS });

  it('SCIM list parameters: filter, sortBy, sortOrder, attributes, startIndex, count, cursor', async () => {
    await run(
      fc.asyncProperty(
        fc.constantFrom('Users', 'Groups'),
        fc.record(
          {
            filter: filterText([...USER_PATHS, ...GROUP_PATHS]),
            sortBy: fc.oneof(fc.constantFrom(...USER_PATHS, ...GROUP_PATHS), nastyString),
            sortOrder: fc.oneof(fc.constantFrom('ascending', 'descending'), nastyString),
            attributes: attributeList(USER_PATHS),
            excludedAttributes: attributeList(USER_PATHS),
            startIndex: fc.oneof(fc.integer().map(String), nastyString),
            count: fc.oneof(fc.integer({ min: -5, max: 5000 }).map(String), nastyString),
            cursor: fc.oneof(fc.constant(''), nastyString, fc.base64String()),
          },
          { requiredKeys: [] },
        ),
        async (resource, query) => {
          await expectSafe(http.get(`/scim/v2/${resource}`).query(query).set(bearer(scim())));
        },
      ) as never,
    );
  });

  it('SCIM POST /.search with arbitrary SearchRequest bodies', async () => {
    await run(
      fc.asyncProperty(
        fc.constantFrom('Users', 'Groups'),
        fc.oneof(
          fc.record(
            {
              schemas: fc.constant(['urn:ietf:params:scim:api:messages:2.0:SearchRequest']),
              filter: fc.oneof(filterText(USER_PATHS), anyJson),
              attributes: fc.oneof(fc.array(fc.constantFrom(...USER_PATHS)), anyJson),
              sortBy: fc.oneof(fc.constantFrom(...USER_PATHS), anyJson),
              startIndex: anyJson,
              count: anyJson,
            },
            { requiredKeys: [] },
          ),
          anyJson,
        ),
        async (resource, body) => {
          await expectSafe(json(http.post(`/scim/v2/${resource}/.search`).set(bearer(scim())), body));
        },
      ) as never,
    );
  });

  it('SCIM User bodies on POST and PUT', async () => {
    await run(
      fc.asyncProperty(fc.boolean(), userBody, async (create, body) => {
        const target = create ? http.post('/scim/v2/Users') : http.put(`/scim/v2/Users/${userId}`);
        await expectSafe(target.set(bearer(scim())).send(body));
      }) as never,
    );
  });

  it('SCIM PATCH bodies on a user and a group', async () => {
    await run(
      fc.asyncProperty(fc.boolean(), patchBody, async (user, body) => {
        const target = http.patch(user ? `/scim/v2/Users/${userId}` : `/scim/v2/Groups/${groupId}`);
        await expectSafe(json(target.set(bearer(scim())), body));
      }) as never,
    );
  });

  it('SCIM Bulk bodies', async () => {
    await run(
      fc.asyncProperty(
        fc.record({
          schemas: fc.constant(['urn:ietf:params:scim:api:messages:2.0:BulkRequest']),
          failOnErrors: fc.oneof(fc.integer({ min: -1, max: 3 }), anyJson),
          Operations: fc.array(
            fc.record(
              {
                method: fc.constantFrom('POST', 'PUT', 'PATCH', 'DELETE', 'GET', 'post', ''),
                path: fc.oneof(
                  fc.constantFrom('/Users', '/Groups', `/Users/${'bulkId:a'}`, '/Bulk'),
                  scimPath,
                  nastyString,
                ),
                bulkId: fc.oneof(fc.constantFrom('a', 'b'), nastyString),
                version: nastyString,
                data: fc.oneof(userBody, patchBody, anyJson),
              },
              { requiredKeys: ['method'] },
            ),
            { maxLength: 5 },
          ),
        }),
        async (body) => {
          await expectSafe(http.post('/scim/v2/Bulk').set(bearer(scim())).send(body));
        },
      ) as never,
    );
  });

  it.each(['/scim/v2/Users/%ZZ', '/scim/v2/Groups/%E0%A4%A', '/scim/v1/Users/%ZZ'])(
    'answers an undecodable path parameter (%s) with 400, not 500',
    async (path) => {
      const res = await expectSafe(http.get(path).set(bearer(scim())));
      expect(res.status).toBe(400);
    },
  );

  it('paths, methods and headers under /scim/v2', async () => {
    await run(
      fc.asyncProperty(
        fc.constantFrom('get', 'post', 'put', 'patch', 'delete') as fc.Arbitrary<
          'get' | 'post' | 'put' | 'patch' | 'delete'
        >,
        scimPath,
        fc.oneof(
          fc.constant(undefined),
          nastyString.map((s) => s.replace(/[^\t\x20-\x7e]/g, '')),
        ),
        anyJson,
        async (method, path, etag, body) => {
          let pending = http[method](path).set(bearer(scim()));
          if (etag !== undefined) pending = pending.set('If-Match', etag).set('If-None-Match', etag);
          if (method !== 'get' && method !== 'delete') pending = json(pending, body);
          await expectSafe(pending);
        },
      ) as never,
    );
  });

  it('raw bodies that are not JSON, with any content type', async () => {
    await run(
      fc.asyncProperty(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom(
          'application/scim+json',
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          '',
        ),
        async (raw, type) => {
          await expectSafe(
            http.post('/scim/v2/Users').set(bearer(scim())).set('Content-Type', type).send(raw),
          );
          await expectSafe(
            http
              .post('/graphql')
              .set(bearer(sut.tenant.adminToken))
              .set('Content-Type', type || 'application/json')
              .send(raw),
          );
        },
      ) as never,
    );
  });

  it('GraphQL variables: filters, ordering, paging, ids and inputs of any shape', async () => {
    const LIST = `query($f: Filter, $o: OrderBy, $n: Int, $a: String, $s: Int) {
      users(filter: $f, orderBy: $o, first: $n, after: $a, offset: $s) { totalCount nodes { id } }
      groups(filter: $f, orderBy: $o, first: $n, after: $a, offset: $s) { totalCount nodes { id } } }`;
    const structuredFilter = fc.letrec<{ f: unknown }>((tie) => ({
      f: fc.oneof(
        { depthSize: 'small' },
        fc.record({
          condition: fc.record(
            {
              attribute: fc.oneof(fc.constantFrom(...USER_PATHS, ...GROUP_PATHS), nastyString),
              op: fc.constantFrom('EQ', 'NE', 'CO', 'SW', 'EW', 'GT', 'GE', 'LT', 'LE', 'PR', 'XX'),
              value: fc.oneof(
                nastyString,
                fc.integer(),
                fc.double(),
                fc.boolean(),
                fc.constant(null),
                anyJson,
              ),
            },
            { requiredKeys: ['attribute', 'op'] },
          ),
        }),
        fc.record({ and: fc.array(tie('f'), { maxLength: 3 }) }),
        fc.record({ or: fc.array(tie('f'), { maxLength: 3 }) }),
        fc.record({ not: tie('f') }),
        fc.record({
          some: fc.record({ attribute: fc.constantFrom('emails', 'members', 'x'), filter: tie('f') }),
        }),
        anyJson,
      ),
    })).f;
    await run(
      fc.asyncProperty(
        fc.record(
          {
            f: structuredFilter,
            o: fc.oneof(
              fc.record({
                attribute: fc.oneof(fc.constantFrom(...USER_PATHS), nastyString),
                direction: fc.constantFrom('ASC', 'DESC', 'UP'),
              }),
              anyJson,
            ),
            n: fc.oneof(fc.integer({ min: -10, max: 2000 }), anyJson),
            a: fc.oneof(nastyString, fc.base64String(), anyJson),
            s: fc.oneof(fc.integer(), anyJson),
          },
          { requiredKeys: [] },
        ),
        async (variables) => {
          await expectSafe(
            http.post('/graphql').set(bearer(sut.tenant.adminToken)).send({ query: LIST, variables }),
          );
        },
      ) as never,
    );
  });

  it('GraphQL mutation inputs and entity representations of any shape', async () => {
    const MUTATIONS = [
      'mutation($i: UserInput!) { createUser(input: $i) { id } }',
      'mutation($id: ID!, $i: UserPatchInput!) { updateUser(id: $id, input: $i) { id } }',
      'mutation($i: GroupInput!) { createGroup(input: $i) { id } }',
      'mutation($id: ID!, $m: [ID!]!) { addGroupMembers(groupId: $id, memberIds: $m) { added } }',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } ... on Group { id } } }',
      'query($id: ID!) { user(id: $id) { id } group(id: $id) { id } groupMembers(groupId: $id) { totalCount } }',
    ];
    await run(
      fc.asyncProperty(
        fc.constantFrom(...MUTATIONS),
        fc.record({
          i: fc.oneof(userBody, fc.dictionary(nastyString, anyJson, { maxKeys: 4 }), anyJson),
          id: fc.oneof(fc.constant(userId), fc.uuid(), nastyString, anyJson),
          m: fc.oneof(fc.array(fc.oneof(fc.uuid(), nastyString), { maxLength: 5 }), anyJson),
          r: fc.oneof(
            fc.array(
              fc.record({
                __typename: fc.constantFrom('User', 'Group', 'Nope', ''),
                id: fc.oneof(fc.uuid(), nastyString, anyJson),
              }),
              { maxLength: 5 },
            ),
            anyJson,
          ),
        }),
        async (query, variables) => {
          await expectSafe(
            http.post('/graphql').set(bearer(sut.tenant.adminToken)).send({ query, variables }),
          );
        },
      ) as never,
    );
  });
});
