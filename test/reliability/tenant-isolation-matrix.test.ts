import './support/no-secrets-in-logs';
import { randomUUID } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import { isUnionType } from 'graphql';
import jwt from 'jsonwebtoken';
import type request from 'supertest';
import type { TestApp } from '../fixtures/test-app';
import { recordFigure } from './support/figures';
import { logCapture } from './support/log-capture';
import {
  bearer,
  BULK_REQUEST,
  PATCH_OP,
  SCIM_GROUP,
  SCIM_USER,
  startReliableApp,
} from './support/reliable-app';

/**
 * Organization A ("other") against organization B ("default"): for every SCIM route the routers
 * declare and every GraphQL query, mutation and entity type the schema serves, A cannot read, list,
 * count, modify or learn the existence of B's users, groups, tokens, extension attributes or audit
 * events. The routes and fields are enumerated from the app itself: a new endpoint without a row
 * here fails the first test.
 */
const JWT_SECRET = 'tenant-isolation-secret-of-32-characters!';
const EXTENSION = 'urn:ietf:params:scim:schemas:extension:victimcorp:2.0:User';
const KNOWN_MOUNTS = ['/scim/v2', '/scim/v1'];

interface Victim {
  readonly userId: string;
  readonly userName: string;
  readonly externalId: string;
  readonly memberId: string;
  readonly groupId: string;
  readonly groupName: string;
  readonly tokenId: string;
  /** B's audit events before A tried anything. */
  readonly auditIds: readonly string[];
}

interface Ctx {
  readonly sut: TestApp;
  readonly victim: Victim;
  /** A's own group and user, for attempts to pull B's resources into A's. */
  readonly own: { readonly groupId: string; readonly userId: string };
  readonly a: { readonly scim: string; readonly admin: string; readonly jwtAsVictimUser: string };
}

type Check = (ctx: Ctx) => Promise<void>;

const v2 = (ctx: Ctx) => ({
  get: (path: string) => ctx.sut.http.get(`/scim/v2${path}`).set(bearer(ctx.a.scim)),
  send: (method: 'post' | 'put' | 'patch', path: string, body: object) =>
    ctx.sut.http[method](`/scim/v2${path}`).set(bearer(ctx.a.scim)).send(body),
  delete: (path: string) => ctx.sut.http.delete(`/scim/v2${path}`).set(bearer(ctx.a.scim)),
});
const v1 = (ctx: Ctx) => ({
  get: (path: string) => ctx.sut.http.get(`/scim/v1${path}`).set(bearer(ctx.a.scim)),
  send: (method: 'post' | 'put' | 'patch', path: string, body: object) =>
    ctx.sut.http[method](`/scim/v1${path}`).set(bearer(ctx.a.scim)).send(body),
  delete: (path: string) => ctx.sut.http.delete(`/scim/v1${path}`).set(bearer(ctx.a.scim)),
});

/**
 * Nothing of B's may appear in an answer to A — except what A itself put in the request (a 404
 * message naming the id A asked for tells A nothing new).
 */
function expectNothingOf(victim: Victim, res: request.Response, sent = '') {
  const secrets = [
    victim.userId,
    victim.userName,
    victim.externalId,
    victim.groupId,
    victim.groupName,
    victim.memberId,
    victim.tokenId,
    'B-007',
    ...victim.auditIds,
  ];
  for (const secret of secrets.filter((s) => !sent.includes(s))) expect(res.text).not.toContain(secret);
}

/** A 404 for B's resource reads exactly like a 404 for an id that never existed. */
async function expectNotFoundLikeUnknown(send: (id: string) => request.Test, id: string) {
  const unknown = randomUUID();
  const [theirs, never] = await Promise.all([send(id), send(unknown)]);
  expect(theirs.status).toBe(404);
  expect(never.status).toBe(404);
  expect(theirs.text.split(id).join('<id>')).toBe(never.text.split(unknown).join('<id>'));
}

const victimFilter = (v: Victim) =>
  `userName eq "${v.userName}" or externalId eq "${v.externalId}" or id eq "${v.userId}" or emails.value co "victim" or groups.value eq "${v.groupId}"`;

const SCIM_V2: Readonly<Record<string, Check>> = {
  'GET /ServiceProviderConfig': async (ctx) =>
    expectNothingOf(ctx.victim, await v2(ctx).get('/ServiceProviderConfig')),
  'GET /ResourceTypes': async (ctx) => {
    const res = await v2(ctx).get('/ResourceTypes');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(EXTENSION);
  },
  'GET /ResourceTypes/:id': async (ctx) => {
    const res = await v2(ctx).get('/ResourceTypes/User');
    expect(res.text).not.toContain(EXTENSION);
  },
  'GET /Schemas': async (ctx) => {
    const res = await v2(ctx).get('/Schemas');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(EXTENSION);
    expectNothingOf(ctx.victim, res);
  },
  'GET /Schemas/:id': async (ctx) => expect((await v2(ctx).get(`/Schemas/${EXTENSION}`)).status).toBe(404),
  'GET /Users': async (ctx) => {
    const filtered = await v2(ctx).get(`/Users?filter=${encodeURIComponent(victimFilter(ctx.victim))}`);
    expect(filtered.body.totalResults).toBe(0);
    const all = await v2(ctx).get('/Users?count=1000&sortBy=userName');
    expect(all.body.Resources.map((r: { id: string }) => r.id)).not.toContain(ctx.victim.userId);
    expectNothingOf(ctx.victim, all, ctx.victim.userName);
    const count = await v2(ctx).get('/Users?count=0');
    expect(count.body.totalResults).toBe(all.body.Resources.length);
  },
  'POST /Users': async (ctx) => {
    // B's userName is free in A: a 409 here would tell A that B has this user.
    const res = await v2(ctx).send('post', '/Users', { schemas: [SCIM_USER], userName: ctx.victim.userName });
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe(ctx.victim.userId);
    expect((await v2(ctx).delete(`/Users/${res.body.id}`)).status).toBe(204);
  },
  'POST /Users/.search': async (ctx) => {
    const res = await v2(ctx).send('post', '/Users/.search', { filter: victimFilter(ctx.victim) });
    expect(res.body.totalResults).toBe(0);
  },
  'GET /Users/:id': async (ctx) =>
    expectNotFoundLikeUnknown((id) => v2(ctx).get(`/Users/${id}`), ctx.victim.userId),
  'PUT /Users/:id': async (ctx) =>
    expectNotFoundLikeUnknown(
      (id) => v2(ctx).send('put', `/Users/${id}`, { schemas: [SCIM_USER], userName: 'pwned' }),
      ctx.victim.userId,
    ),
  'PATCH /Users/:id': async (ctx) =>
    expectNotFoundLikeUnknown(
      (id) =>
        v2(ctx).send('patch', `/Users/${id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'replace', path: 'active', value: false }],
        }),
      ctx.victim.userId,
    ),
  'DELETE /Users/:id': async (ctx) =>
    expectNotFoundLikeUnknown((id) => v2(ctx).delete(`/Users/${id}`), ctx.victim.userId),
  'GET /Groups': async (ctx) => {
    const res = await v2(ctx).get(
      `/Groups?filter=${encodeURIComponent(`displayName eq "${ctx.victim.groupName}" or members.value eq "${ctx.victim.userId}" or id eq "${ctx.victim.groupId}"`)}`,
    );
    expect(res.body.totalResults).toBe(0);
    expectNothingOf(ctx.victim, await v2(ctx).get('/Groups?count=1000'), ctx.victim.groupName);
  },
  'POST /Groups': async (ctx) => {
    const withTheirMember = await v2(ctx).send('post', '/Groups', {
      schemas: [SCIM_GROUP],
      displayName: 'steal',
      members: [{ value: ctx.victim.userId }],
    });
    expect(withTheirMember.status).toBe(400);
    expectNothingOf(ctx.victim, withTheirMember, ctx.victim.userId);
    const sameName = await v2(ctx).send('post', '/Groups', {
      schemas: [SCIM_GROUP],
      displayName: ctx.victim.groupName,
    });
    expect(sameName.status).toBe(201);
    await v2(ctx).delete(`/Groups/${sameName.body.id}`);
  },
  'POST /Groups/.search': async (ctx) => {
    const res = await v2(ctx).send('post', '/Groups/.search', {
      filter: `displayName eq "${ctx.victim.groupName}"`,
    });
    expect(res.body.totalResults).toBe(0);
  },
  'GET /Groups/:id': async (ctx) =>
    expectNotFoundLikeUnknown((id) => v2(ctx).get(`/Groups/${id}`), ctx.victim.groupId),
  'PUT /Groups/:id': async (ctx) =>
    expectNotFoundLikeUnknown(
      (id) => v2(ctx).send('put', `/Groups/${id}`, { schemas: [SCIM_GROUP], displayName: 'pwned' }),
      ctx.victim.groupId,
    ),
  'PATCH /Groups/:id': async (ctx) => {
    await expectNotFoundLikeUnknown(
      (id) =>
        v2(ctx).send('patch', `/Groups/${id}`, {
          schemas: [PATCH_OP],
          Operations: [{ op: 'remove', path: 'members' }],
        }),
      ctx.victim.groupId,
    );
    // Pulling B's user into A's own group fails like an unknown id.
    const pull = await v2(ctx).send('patch', `/Groups/${ctx.own.groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: 'members', value: [{ value: ctx.victim.userId }] }],
    });
    const unknown = await v2(ctx).send('patch', `/Groups/${ctx.own.groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'add', path: 'members', value: [{ value: randomUUID() }] }],
    });
    expect(pull.status).toBe(400);
    expect(pull.status).toBe(unknown.status);
  },
  'DELETE /Groups/:id': async (ctx) =>
    expectNotFoundLikeUnknown((id) => v2(ctx).delete(`/Groups/${id}`), ctx.victim.groupId),
  'GET /Me': async (ctx) => {
    // A JWT of organization A whose subject is B's user id: /Me must not serve B's user.
    const res = await ctx.sut.http.get('/scim/v2/Me').set(bearer(ctx.a.jwtAsVictimUser));
    expect(res.status).toBe(404);
    expectNothingOf(ctx.victim, res, ctx.victim.userId);
  },
  'POST /Bulk': async (ctx) => {
    const res = await v2(ctx).send('post', '/Bulk', {
      schemas: [BULK_REQUEST],
      Operations: [
        {
          method: 'PUT',
          path: `/Users/${ctx.victim.userId}`,
          data: { schemas: [SCIM_USER], userName: 'pwned' },
        },
        {
          method: 'PATCH',
          path: `/Users/${ctx.victim.userId}`,
          data: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] },
        },
        { method: 'DELETE', path: `/Users/${ctx.victim.userId}` },
        {
          method: 'PATCH',
          path: `/Groups/${ctx.victim.groupId}`,
          data: { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'members' }] },
        },
        { method: 'DELETE', path: `/Groups/${ctx.victim.groupId}` },
        {
          method: 'POST',
          path: '/Groups',
          bulkId: 'g',
          data: { schemas: [SCIM_GROUP], displayName: 'x', members: [{ value: ctx.victim.userId }] },
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.Operations.map((o: { status: string }) => o.status)).toEqual([
      '404',
      '404',
      '404',
      '404',
      '404',
      '400',
    ]);
  },
};

const SCIM_V1: Readonly<Record<string, Check>> = {
  'GET /ServiceProviderConfigs': async (ctx) =>
    expectNothingOf(ctx.victim, await v1(ctx).get('/ServiceProviderConfigs')),
  'GET /Schemas': async (ctx) => {
    const res = await v1(ctx).get('/Schemas');
    expect(res.text).not.toContain(EXTENSION);
  },
  'GET /Schemas/:name': async (ctx) => expect((await v1(ctx).get(`/Schemas/${EXTENSION}`)).status).toBe(404),
  'GET /Users': async (ctx) => {
    const res = await v1(ctx).get(
      `/Users?filter=${encodeURIComponent(`userName eq "${ctx.victim.userName}"`)}`,
    );
    expect(res.body.totalResults).toBe(0);
    expectNothingOf(ctx.victim, await v1(ctx).get('/Users?count=1000'), ctx.victim.userName);
  },
  'POST /Users': async (ctx) => {
    const res = await v1(ctx).send('post', '/Users', {
      schemas: ['urn:scim:schemas:core:1.0'],
      userName: ctx.victim.userName,
    });
    expect(res.status).toBe(201);
    await v1(ctx).delete(`/Users/${res.body.id}`);
  },
  'GET /Users/:id': async (ctx) =>
    expect((await v1(ctx).get(`/Users/${ctx.victim.userId}`)).status).toBe(404),
  'PUT /Users/:id': async (ctx) =>
    expect(
      (
        await v1(ctx).send('put', `/Users/${ctx.victim.userId}`, {
          schemas: ['urn:scim:schemas:core:1.0'],
          userName: 'pwned',
        })
      ).status,
    ).toBe(404),
  'PATCH /Users/:id': async (ctx) =>
    expect(
      (
        await v1(ctx).send('patch', `/Users/${ctx.victim.userId}`, {
          schemas: ['urn:scim:schemas:core:1.0'],
          active: false,
        })
      ).status,
    ).toBe(404),
  'DELETE /Users/:id': async (ctx) =>
    expect((await v1(ctx).delete(`/Users/${ctx.victim.userId}`)).status).toBe(404),
  'GET /Groups': async (ctx) => {
    const res = await v1(ctx).get(
      `/Groups?filter=${encodeURIComponent(`displayName eq "${ctx.victim.groupName}"`)}`,
    );
    expect(res.body.totalResults).toBe(0);
  },
  'POST /Groups': async (ctx) => {
    const res = await v1(ctx).send('post', '/Groups', {
      schemas: ['urn:scim:schemas:core:1.0'],
      displayName: 'steal-v1',
      members: [{ value: ctx.victim.userId }],
    });
    expect(res.status).toBe(400);
  },
  'GET /Groups/:id': async (ctx) =>
    expect((await v1(ctx).get(`/Groups/${ctx.victim.groupId}`)).status).toBe(404),
  'PUT /Groups/:id': async (ctx) =>
    expect(
      (
        await v1(ctx).send('put', `/Groups/${ctx.victim.groupId}`, {
          schemas: ['urn:scim:schemas:core:1.0'],
          displayName: 'pwned',
        })
      ).status,
    ).toBe(404),
  'PATCH /Groups/:id': async (ctx) =>
    expect(
      (
        await v1(ctx).send('patch', `/Groups/${ctx.victim.groupId}`, {
          schemas: ['urn:scim:schemas:core:1.0'],
          members: [{ value: ctx.own.userId }],
        })
      ).status,
    ).toBe(404),
  'DELETE /Groups/:id': async (ctx) =>
    expect((await v1(ctx).delete(`/Groups/${ctx.victim.groupId}`)).status).toBe(404),
};

const HEALTH: Readonly<Record<string, Check>> = {
  'GET /healthz': async (ctx) => expectNothingOf(ctx.victim, await ctx.sut.http.get('/healthz')),
  'GET /readyz': async (ctx) => expectNothingOf(ctx.victim, await ctx.sut.http.get('/readyz')),
};

const ROUTES: Readonly<Record<string, Readonly<Record<string, Check>>>> = {
  '/': HEALTH,
  '/scim/v2': SCIM_V2,
  '/scim/v1': SCIM_V1,
};

// ---- GraphQL ----

const asA = async (ctx: Ctx, query: string, variables: Record<string, unknown> = {}, token = ctx.a.admin) => {
  const res = await ctx.sut.http.post('/graphql').set(bearer(token)).send({ query, variables });
  const sent = JSON.stringify({ query, variables, token: jwt.decode(token) });
  expectNothingOf(ctx.victim, res, sent);
  return res.body as {
    data?: Record<string, unknown> | null;
    errors?: { extensions: { code: string; field?: string } }[];
  };
};
const notFound =
  (query: string, variables: (v: Victim) => Record<string, unknown>): Check =>
  async (ctx) => {
    const theirs = await asA(ctx, query, variables(ctx.victim));
    expect(theirs.errors?.map((e) => e.extensions.code)).toEqual(['NOT_FOUND']);
  };

const QUERIES: Readonly<Record<string, Check>> = {
  apiTokens: async (ctx) => {
    const res = await asA(ctx, '{ apiTokens { id name } }');
    expect(res.errors).toBeUndefined();
  },
  auditEvents: async (ctx) => {
    const res = await asA(
      ctx,
      `query($t: String) { auditEvents(filter: { targetId: $t }, first: 1000) { nodes { id } } }`,
      { t: ctx.victim.userId },
    );
    expect(res.data).toEqual({ auditEvents: { nodes: [] } });
    // A's own trail may mention B's userName (A created its own user of that name); never B's events.
    const all = await asA(ctx, '{ auditEvents(first: 1000) { nodes { id targetId } } }');
    const seen = (all.data?.auditEvents as { nodes: { id: string; targetId: string }[] }).nodes;
    expect(seen.filter((e) => ctx.victim.auditIds.includes(e.id))).toEqual([]);
    expect(
      seen.filter((e) =>
        [ctx.victim.userId, ctx.victim.groupId, ctx.victim.memberId, ctx.victim.tokenId].includes(e.targetId),
      ),
    ).toEqual([]);
  },
  userExtensionAttributes: async (ctx) => {
    const res = await asA(ctx, '{ userExtensionAttributes { schema name } }');
    expect(JSON.stringify(res.data)).not.toContain(EXTENSION);
  },
  groupMembers: notFound(`query($g: ID!) { groupMembers(groupId: $g) { totalCount } }`, (v) => ({
    g: v.groupId,
  })),
  group: async (ctx) =>
    expect(
      (await asA(ctx, `query($id: ID!) { group(id: $id) { id } }`, { id: ctx.victim.groupId })).data,
    ).toEqual({ group: null }),
  groups: async (ctx) => {
    const res = await asA(
      ctx,
      `query($n: FilterValue) { groups(filter: { condition: { attribute: "displayName", op: EQ, value: $n } }) { totalCount nodes { id } } }`,
      { n: ctx.victim.groupName },
    );
    expect(res.data).toEqual({ groups: { totalCount: 0, nodes: [] } });
  },
  user: async (ctx) =>
    expect(
      (await asA(ctx, `query($id: ID!) { user(id: $id) { id } }`, { id: ctx.victim.userId })).data,
    ).toEqual({ user: null }),
  users: async (ctx) => {
    const res = await asA(
      ctx,
      `query($n: FilterValue, $id: FilterValue) { users(filter: { or: [
        { condition: { attribute: "userName", op: EQ, value: $n } },
        { condition: { attribute: "id", op: EQ, value: $id } },
        { condition: { attribute: "groups.value", op: EQ, value: $id } } ] }) { totalCount nodes { id } } }`,
      { n: ctx.victim.userName, id: ctx.victim.userId },
    );
    expect(res.data).toEqual({ users: { totalCount: 0, nodes: [] } });
  },
  viewer: async (ctx) => {
    const res = await asA(
      ctx,
      '{ viewer { subject organization { id } user { id } } }',
      {},
      ctx.a.jwtAsVictimUser,
    );
    expect((res.data?.viewer as { user: unknown }).user).toBeNull();
  },
  _entities: async (ctx) => {
    const res = await asA(
      ctx,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id } ... on Group { id } } }`,
      {
        r: [
          { __typename: 'User', id: ctx.victim.userId },
          { __typename: 'Group', id: ctx.victim.groupId },
        ],
      },
    );
    expect(res.data).toEqual({ _entities: [null, null] });
  },
  _service: async (ctx) => {
    const res = await asA(ctx, '{ _service { sdl } }');
    expect(JSON.stringify(res.data)).not.toContain(EXTENSION);
  },
};

const MUTATIONS: Readonly<Record<string, Check>> = {
  createApiToken: async (ctx) => {
    const res = await asA(
      ctx,
      `mutation { createApiToken(input: { name: "mine", scopes: ["identity:read"] }) { secret token { id } } }`,
    );
    const created = res.data?.createApiToken as { secret: string; token: { id: string } };
    logCapture.secret(created.secret);
    // The new token is A's: through it, B's user does not exist either.
    const seen = await asA(
      ctx,
      `query($id: ID!) { user(id: $id) { id } }`,
      { id: ctx.victim.userId },
      created.secret,
    );
    expect(seen.data).toEqual({ user: null });
  },
  rotateApiToken: notFound(`mutation($id: ID!) { rotateApiToken(id: $id) { secret } }`, (v) => ({
    id: v.tokenId,
  })),
  revokeApiToken: notFound(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, (v) => ({
    id: v.tokenId,
  })),
  defineUserExtensionAttribute: async (ctx) => {
    // The same URN and name as B's definition: no conflict, it is A's own.
    const res = await asA(
      ctx,
      `mutation($s: String!) { defineUserExtensionAttribute(input: { schema: $s, name: "badge", type: "string" }) { name } }`,
      { s: EXTENSION },
    );
    expect(res.errors).toBeUndefined();
    await asA(ctx, `mutation($s: String!) { removeUserExtensionAttribute(schema: $s, name: "badge") }`, {
      s: EXTENSION,
    });
  },
  removeUserExtensionAttribute: async (ctx) => {
    const res = await asA(
      ctx,
      `mutation($s: String!) { removeUserExtensionAttribute(schema: $s, name: "badge") }`,
      { s: EXTENSION },
    );
    expect(res.data).toEqual({ removeUserExtensionAttribute: false });
  },
  createGroup: async (ctx) => {
    const res = await asA(
      ctx,
      `mutation($m: [ID!]) { createGroup(input: { displayName: "steal", memberIds: $m }) { id } }`,
      { m: [ctx.victim.userId] },
    );
    expect(res.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
  },
  updateGroup: notFound(
    `mutation($id: ID!) { updateGroup(id: $id, input: { displayName: "pwned" }) { id } }`,
    (v) => ({ id: v.groupId }),
  ),
  modifyGroup: notFound(
    `mutation($id: ID!) { modifyGroup(id: $id, input: { displayName: "pwned" }) { id } }`,
    (v) => ({ id: v.groupId }),
  ),
  deleteGroup: notFound(`mutation($id: ID!) { deleteGroup(id: $id) }`, (v) => ({ id: v.groupId })),
  addGroupMembers: async (ctx) => {
    await notFound(
      `mutation($id: ID!, $m: [ID!]!) { addGroupMembers(groupId: $id, memberIds: $m) { added } }`,
      (v) => ({ id: v.groupId, m: [] }),
    )(ctx);
    const pull = await asA(
      ctx,
      `mutation($id: ID!, $m: [ID!]!) { addGroupMembers(groupId: $id, memberIds: $m) { added } }`,
      {
        id: ctx.own.groupId,
        m: [ctx.victim.userId],
      },
    );
    expect(pull.errors?.map((e) => e.extensions.code)).toEqual(['BAD_USER_INPUT']);
  },
  removeGroupMembers: async (ctx) => {
    await notFound(
      `mutation($id: ID!, $m: [ID!]!) { removeGroupMembers(groupId: $id, memberIds: $m) { removed } }`,
      (v) => ({ id: v.groupId, m: [v.memberId] }),
    )(ctx);
  },
  setGroupMembers: notFound(
    `mutation($id: ID!) { setGroupMembers(groupId: $id, memberIds: []) { removed } }`,
    (v) => ({ id: v.groupId }),
  ),
  createUser: async (ctx) => {
    // B's userName is free in A (a CONFLICT would reveal B's user), and a manager reference to B's
    // user resolves to nothing.
    const res = await asA(
      ctx,
      `mutation($n: String!, $m: String) { createUser(input: { userName: $n, enterprise: { managerId: $m } }) { id enterprise { manager { value displayName user { id } } } } }`,
      {
        n: ctx.victim.userName,
        m: ctx.victim.userId,
      },
    );
    const created = res.data?.createUser as {
      id: string;
      enterprise: { manager: { displayName: unknown; user: unknown } };
    };
    expect(created.enterprise.manager).toMatchObject({ displayName: null, user: null });
    await asA(ctx, `mutation($id: ID!) { deleteUser(id: $id) }`, { id: created.id });
  },
  replaceUser: notFound(
    `mutation($id: ID!) { replaceUser(id: $id, input: { userName: "pwned" }) { id } }`,
    (v) => ({ id: v.userId }),
  ),
  updateUser: notFound(
    `mutation($id: ID!) { updateUser(id: $id, input: { title: "pwned" }) { id } }`,
    (v) => ({ id: v.userId }),
  ),
  setUserActive: notFound(`mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }`, (v) => ({
    id: v.userId,
  })),
  deleteUser: notFound(`mutation($id: ID!) { deleteUser(id: $id) }`, (v) => ({ id: v.userId })),
};

const ENTITIES: Readonly<Record<string, Check>> = {
  User: async (ctx) => {
    const res = await asA(
      ctx,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on User { id userName groups { group { id } } } } }`,
      {
        r: [{ __typename: 'User', id: ctx.victim.userId }],
      },
    );
    expect(res.data).toEqual({ _entities: [null] });
  },
  Group: async (ctx) => {
    const res = await asA(
      ctx,
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Group { id memberCount } } }`,
      {
        r: [{ __typename: 'Group', id: ctx.victim.groupId }],
      },
    );
    expect(res.data).toEqual({ _entities: [null] });
  },
};

// ---- enumeration ----

interface Layer {
  readonly handle: { readonly stack?: Layer[] };
  readonly route?: { readonly path: string; readonly methods: Record<string, boolean> };
  match(path: string): boolean;
}

/** Every route of every router mounted on the app, as `mount` → `METHOD path`. */
function declaredRoutes(sut: TestApp): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const layer of (sut.app.express as unknown as { router: { stack: Layer[] } }).router.stack) {
    const routes = (layer.handle.stack ?? []).filter((l) => l.route);
    if (routes.length === 0) continue;
    const mount = layer.match('/no-such-mount/x') ? '/' : KNOWN_MOUNTS.find((m) => layer.match(`${m}/x`));
    if (!mount)
      throw new Error(
        'A router is mounted at a path this matrix does not know: add it to KNOWN_MOUNTS and ROUTES',
      );
    for (const { route } of routes) {
      for (const method of Object.keys(route!.methods))
        (found[mount] ??= []).push(`${method.toUpperCase()} ${route!.path}`);
    }
  }
  return found;
}

function declaredFields(schema: GraphQLSchema) {
  const entity = schema.getType('_Entity');
  return {
    queries: Object.keys(schema.getQueryType()!.getFields()).sort(),
    mutations: Object.keys(schema.getMutationType()?.getFields() ?? {}).sort(),
    entities: isUnionType(entity)
      ? entity
          .getTypes()
          .map((t) => t.name)
          .sort()
      : [],
  };
}

// ---- the matrix ----

describe('tenant isolation matrix (organization A against organization B)', () => {
  let ctx: Ctx;
  let before: string;

  /** B's data as B sees it: must be identical before and after everything A tried. */
  const snapshotOfB = async (): Promise<string> => {
    const asB = (path: string) =>
      ctx.sut.http
        .get(`/scim/v2${path}`)
        .set('Host', 'identity.example.test')
        .set(bearer(ctx.sut.tenant.scimToken));
    const [user, group, members, tokens, audit, extensions] = await Promise.all([
      asB(`/Users/${ctx.victim.userId}`),
      asB(`/Groups/${ctx.victim.groupId}`),
      ctx.sut.gql(`query($g: ID!) { groupMembers(groupId: $g, first: 100) { totalCount nodes { id } } }`, {
        g: ctx.victim.groupId,
      }),
      ctx.sut.gql('{ apiTokens { id revokedAt prefix } }'),
      ctx.sut.gql('{ auditEvents(first: 1000) { nodes { id } } }'),
      ctx.sut.gql('{ userExtensionAttributes { schema name } }'),
    ]);
    return JSON.stringify([user.body, group.body, members.data, tokens.data, audit.data, extensions.data]);
  };

  beforeAll(async () => {
    const sut = await startReliableApp({
      JWT_SECRET,
      RATE_LIMIT_PER_MINUTE: '0',
      AUTH_FAILURE_LIMIT_PER_MINUTE: '0',
    });
    const asB = (query: string, variables: Record<string, unknown> = {}) =>
      sut.gql<Record<string, { id: string }>>(query, variables);
    await asB(
      `mutation($s: String!) { defineUserExtensionAttribute(input: { schema: $s, name: "badge", type: "string" }) { name } }`,
      { s: EXTENSION },
    );
    const user = await sut.http
      .post('/scim/v2/Users')
      .set(bearer(sut.tenant.scimToken))
      .send({
        schemas: [SCIM_USER, EXTENSION],
        userName: 'victim.user@b.example',
        externalId: 'victim-ext-b',
        emails: [{ value: 'victim.user@b.example' }],
        [EXTENSION]: { badge: 'B-007' },
      });
    const member = await asB(
      `mutation { createUser(input: { userName: "victim.member@b.example" }) { id } }`,
    );
    const group = await sut.http
      .post('/scim/v2/Groups')
      .set(bearer(sut.tenant.scimToken))
      .send({
        schemas: [SCIM_GROUP],
        displayName: 'Victim Group B',
        members: [{ value: user.body.id }, { value: member.data!.createUser.id }],
      });
    const token = await sut.gql<{ createApiToken: { secret: string; token: { id: string } } }>(
      `mutation { createApiToken(input: { name: "victim-token", scopes: ["scim"] }) { secret token { id } } }`,
    );
    logCapture.secret(token.data!.createApiToken.secret);
    const ownGroup = await sut.gql<{ createGroup: { id: string } }>(
      `mutation { createGroup(input: { displayName: "A's group" }) { id } }`,
      {},
      sut.other.adminToken,
    );
    const ownUser = await sut.gql<{ createUser: { id: string } }>(
      `mutation { createUser(input: { userName: "a.user@a.example" }) { id } }`,
      {},
      sut.other.adminToken,
    );
    const audit = await sut.gql<{ auditEvents: { nodes: { id: string }[] } }>(
      '{ auditEvents(first: 1000) { nodes { id } } }',
    );
    const jwtAsVictimUser = jwt.sign(
      { sub: user.body.id, org: sut.other.organizationId, scope: 'scim identity:admin' },
      JWT_SECRET,
      {
        algorithm: 'HS256',
        expiresIn: 600,
      },
    );
    logCapture.secret(jwtAsVictimUser);
    ctx = {
      sut,
      victim: {
        userId: user.body.id,
        userName: 'victim.user@b.example',
        externalId: 'victim-ext-b',
        memberId: member.data!.createUser.id,
        groupId: group.body.id,
        groupName: 'Victim Group B',
        tokenId: token.data!.createApiToken.token.id,
        auditIds: audit.data!.auditEvents.nodes.map((e) => e.id),
      },
      own: { groupId: ownGroup.data!.createGroup.id, userId: ownUser.data!.createUser.id },
      a: { scim: sut.other.scimToken, admin: sut.other.adminToken, jwtAsVictimUser },
    };
    before = await snapshotOfB();
  });
  afterAll(() => ctx.sut.close());

  it('has a row for every route, query, mutation and entity type the app serves', () => {
    const routes = declaredRoutes(ctx.sut);
    expect(Object.keys(routes).sort()).toEqual(Object.keys(ROUTES).sort());
    for (const [mount, declared] of Object.entries(routes)) {
      expect({ mount, routes: [...new Set(declared)].sort() }).toEqual({
        mount,
        routes: Object.keys(ROUTES[mount]).sort(),
      });
    }
    const fields = declaredFields(ctx.sut.app.schema);
    expect(fields).toEqual({
      queries: Object.keys(QUERIES).sort(),
      mutations: Object.keys(MUTATIONS).sort(),
      entities: Object.keys(ENTITIES).sort(),
    });
  });

  const rows = [
    ...Object.entries(ROUTES).flatMap(([mount, checks]) =>
      Object.entries(checks).map(
        ([route, check]) => [`${mount === '/' ? '' : mount} ${route}`.trim(), check] as const,
      ),
    ),
    ...Object.entries(QUERIES).map(([field, check]) => [`GraphQL query ${field}`, check] as const),
    ...Object.entries(MUTATIONS).map(([field, check]) => [`GraphQL mutation ${field}`, check] as const),
    ...Object.entries(ENTITIES).map(([type, check]) => [`GraphQL _entities ${type}`, check] as const),
  ];

  it.each(rows)('%s', async (_row, check) => {
    await check(ctx);
  });

  it('answers for B’s ids in the same timing class as for ids that never existed', async () => {
    const samples = {
      scimTheirs: [] as number[],
      scimUnknown: [] as number[],
      gqlTheirs: [] as number[],
      gqlUnknown: [] as number[],
    };
    const time = async (key: keyof typeof samples, send: () => Promise<unknown>) => {
      const started = process.hrtime.bigint();
      await send();
      samples[key].push(Number(process.hrtime.bigint() - started) / 1e6);
    };
    for (let i = 0; i < 40; i++) {
      await time('scimTheirs', () => v2(ctx).get(`/Users/${ctx.victim.userId}`));
      await time('scimUnknown', () => v2(ctx).get(`/Users/${randomUUID()}`));
      await time('gqlTheirs', () =>
        asA(ctx, `query($id: ID!) { user(id: $id) { id } }`, { id: ctx.victim.userId }),
      );
      await time('gqlUnknown', () =>
        asA(ctx, `query($id: ID!) { user(id: $id) { id } }`, { id: randomUUID() }),
      );
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1];
    const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<
      keyof typeof samples,
      number
    >;
    recordFigure('isolation', 'median ms: B’s id vs unknown id (SCIM GET /Users/:id, GraphQL user)', m);
    const sameClass = (a: number, b: number) => Math.abs(a - b) < Math.max(3, 0.3 * Math.min(a, b));
    expect(sameClass(m.scimTheirs, m.scimUnknown)).toBe(true);
    expect(sameClass(m.gqlTheirs, m.gqlUnknown)).toBe(true);
  });

  it('left everything of B exactly as it was', async () => {
    expect(await snapshotOfB()).toBe(before);
    recordFigure('isolation', 'matrix rows', { rows: rows.length });
  });
});
