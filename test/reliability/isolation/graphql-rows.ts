import { logCapture } from '../support/log-capture';
import type { Check } from './isolation-context';
import { asA, EXTENSION, notFound } from './isolation-context';
import { CONNECTION_MUTATIONS, CONNECTION_QUERIES } from './connection-rows';
import { ORGANIZATION_MUTATIONS, ORGANIZATION_QUERIES } from './organization-rows';
import { SETUP_LINK_MUTATIONS, SETUP_LINK_QUERIES } from './setup-link-rows';

/** One row per Query field, Mutation field and entity type of the schema: what A tries against B. */
export const QUERIES: Readonly<Record<string, Check>> = {
  ...ORGANIZATION_QUERIES,
  ...CONNECTION_QUERIES,
  ...SETUP_LINK_QUERIES,
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
  events: async (ctx) => {
    const victimIds = [ctx.victim.userId, ctx.victim.groupId, ctx.victim.memberId, ctx.victim.tokenId];
    for (const resourceId of victimIds) {
      const res = await asA(ctx, `query($r: ID) { events(resourceId: $r) { nodes { id } } }`, {
        r: resourceId,
      });
      expect(res.data).toEqual({ events: { nodes: [] } });
    }
    // Payloads left out: A's own trail holds users A named like B's (asA checks every answer for B's values).
    const all = await asA(ctx, '{ events(first: 1000) { nodes { id resourceId } } }');
    const seen = (all.data?.events as { nodes: { id: string; resourceId: string }[] }).nodes;
    expect(
      seen.filter((e) => ctx.victim.auditIds.includes(e.id) || victimIds.includes(e.resourceId)),
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

export const MUTATIONS: Readonly<Record<string, Check>> = {
  ...ORGANIZATION_MUTATIONS,
  ...CONNECTION_MUTATIONS,
  ...SETUP_LINK_MUTATIONS,
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
    // Nor can A make a personal token of B's user.
    const personal = await asA(
      ctx,
      `mutation($u: ID) { createApiToken(input: { name: "p", scopes: ["identity:read"], userId: $u }) { secret } }`,
      { u: ctx.victim.userId },
    );
    expect(personal.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(personal.data).toBeNull();
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

export const ENTITIES: Readonly<Record<string, Check>> = {
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
