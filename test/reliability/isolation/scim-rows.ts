import { randomUUID } from 'node:crypto';
import { bearer, BULK_REQUEST, PATCH_OP, SCIM_GROUP, SCIM_USER } from '../support/reliable-app';
import type { Check } from './isolation-context';
import {
  answered,
  EXTENSION,
  expectNotFoundLikeUnknown,
  expectNothingOf,
  v1,
  v2,
  victimFilter,
} from './isolation-context';

/** SCIM 1.1 answers a successful DELETE like 2.0: 204, no body. */
const V1_DELETED = 204;

/** One row per route the SCIM routers (and the health router) declare: what A tries against B. */
export const SCIM_V2: Readonly<Record<string, Check>> = {
  'GET /ServiceProviderConfig': async (ctx) =>
    expectNothingOf(ctx.victim, answered(await v2(ctx).get('/ServiceProviderConfig'))),
  'GET /ResourceTypes': async (ctx) => {
    const res = await v2(ctx).get('/ResourceTypes');
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(EXTENSION);
  },
  'GET /ResourceTypes/:id': async (ctx) => {
    const res = answered(await v2(ctx).get('/ResourceTypes/User'));
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
    const filtered = answered(
      await v2(ctx).get(`/Users?filter=${encodeURIComponent(victimFilter(ctx.victim))}`),
    );
    expect(filtered.body.totalResults).toBe(0);
    const all = answered(await v2(ctx).get('/Users?count=1000&sortBy=userName'));
    expect(all.body.Resources.map((r: { id: string }) => r.id)).not.toContain(ctx.victim.userId);
    expectNothingOf(ctx.victim, all, ctx.victim.userName);
    const count = answered(await v2(ctx).get('/Users?count=0'));
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
    const res = answered(await v2(ctx).send('post', '/Users/.search', { filter: victimFilter(ctx.victim) }));
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
    const res = answered(
      await v2(ctx).get(
        `/Groups?filter=${encodeURIComponent(`displayName eq "${ctx.victim.groupName}" or members.value eq "${ctx.victim.userId}" or id eq "${ctx.victim.groupId}"`)}`,
      ),
    );
    expect(res.body.totalResults).toBe(0);
    expectNothingOf(ctx.victim, answered(await v2(ctx).get('/Groups?count=1000')), ctx.victim.groupName);
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
    answered(await v2(ctx).delete(`/Groups/${sameName.body.id}`), 204);
  },
  'POST /Groups/.search': async (ctx) => {
    const res = answered(
      await v2(ctx).send('post', '/Groups/.search', { filter: `displayName eq "${ctx.victim.groupName}"` }),
    );
    expect(res.body.totalResults).toBe(0);
  },
  'POST /.search': async (ctx) => {
    // The root search spans every resource type: none of B's users or groups, by any attribute.
    const filter = `${victimFilter(ctx.victim)} or displayName eq "${ctx.victim.groupName}" or id eq "${ctx.victim.groupId}"`;
    const res = answered(await v2(ctx).send('post', '/.search', { filter, count: 1000 }));
    expect(res.body.totalResults).toBe(0);
    expectNothingOf(ctx.victim, res, ctx.victim.userName);
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

export const SCIM_V1: Readonly<Record<string, Check>> = {
  'GET /ServiceProviderConfigs': async (ctx) =>
    expectNothingOf(ctx.victim, answered(await v1(ctx).get('/ServiceProviderConfigs'))),
  'GET /Schemas': async (ctx) => {
    const res = answered(await v1(ctx).get('/Schemas'));
    expect(res.text).not.toContain(EXTENSION);
  },
  'GET /Schemas/:name': async (ctx) => expect((await v1(ctx).get(`/Schemas/${EXTENSION}`)).status).toBe(404),
  'GET /Users': async (ctx) => {
    const res = answered(
      await v1(ctx).get(`/Users?filter=${encodeURIComponent(`userName eq "${ctx.victim.userName}"`)}`),
    );
    expect(res.body.totalResults).toBe(0);
    expectNothingOf(ctx.victim, answered(await v1(ctx).get('/Users?count=1000')), ctx.victim.userName);
  },
  'POST /Users': async (ctx) => {
    const res = await v1(ctx).send('post', '/Users', {
      schemas: ['urn:scim:schemas:core:1.0'],
      userName: ctx.victim.userName,
    });
    expect(res.status).toBe(201);
    answered(await v1(ctx).delete(`/Users/${res.body.id}`), V1_DELETED);
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
    const res = answered(
      await v1(ctx).get(`/Groups?filter=${encodeURIComponent(`displayName eq "${ctx.victim.groupName}"`)}`),
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

export const HEALTH: Readonly<Record<string, Check>> = {
  'GET /healthz': async (ctx) => expectNothingOf(ctx.victim, answered(await ctx.sut.http.get('/healthz'))),
  'GET /readyz': async (ctx) => expectNothingOf(ctx.victim, answered(await ctx.sut.http.get('/readyz'))),
};

/**
 * The admin console is static files: the same bytes for every caller, whatever credential is sent,
 * and nothing of B in them (the console reads data only through the GraphQL rows above).
 */
const consolePage =
  (path: (ctx: Parameters<Check>[0]) => string): Check =>
  async (ctx) => {
    const asA = await ctx.sut.http.get(path(ctx)).set(bearer(ctx.a.admin));
    const anonymous = await ctx.sut.http.get(path(ctx));
    expectNothingOf(ctx.victim, asA);
    expect(asA.status).toBe(anonymous.status);
    expect(asA.text).toBe(anonymous.text);
  };

export const ADMIN_CONSOLE: Readonly<Record<string, Check>> = {
  'GET /': consolePage(() => '/admin/'),
  'GET /*splat': consolePage((ctx) => `/admin/users/${ctx.victim.userId}`),
};

export const ROUTES: Readonly<Record<string, Readonly<Record<string, Check>>>> = {
  '/': HEALTH,
  '/admin': ADMIN_CONSOLE,
  '/scim/v2': SCIM_V2,
  '/scim/v1': SCIM_V1,
};
