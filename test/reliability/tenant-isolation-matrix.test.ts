import './support/no-secrets-in-logs';
import { randomUUID } from 'node:crypto';
import type { GraphQLSchema } from 'graphql';
import { isUnionType } from 'graphql';
import jwt from 'jsonwebtoken';
import { ensureConsoleBuilt } from '../fixtures/build-dist';
import type { TestApp } from '../fixtures/test-app';
import { connectionsOfB } from './isolation/connection-rows';
import { webhooksOfB } from './isolation/webhook-rows';
import { ENTITIES, MUTATIONS, QUERIES } from './isolation/graphql-rows';
import type { Ctx } from './isolation/isolation-context';
import { EXTENSION, v2 } from './isolation/isolation-context';
import { ROUTES } from './isolation/scim-rows';
import { recordFigure } from './support/figures';
import { logCapture } from './support/log-capture';
import { bearer, SCIM_GROUP, SCIM_USER, startReliableApp } from './support/reliable-app';

/**
 * Organization A ("other") against organization B ("default"): for every SCIM route the routers
 * declare and every GraphQL query, mutation and entity type the schema serves, A cannot read, list,
 * count, modify or learn the existence of B's users, groups, tokens, extension attributes or audit
 * events. The routes and fields are enumerated from the app itself: a new endpoint without a row in
 * isolation/scim-rows.ts or isolation/graphql-rows.ts fails the first test.
 */
const JWT_SECRET = 'tenant-isolation-secret-of-32-characters!';
const KNOWN_MOUNTS = ['/scim/v2', '/scim/v1', '/admin'];

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
    const [user, group, members, tokens, audit, extensions, connections, webhooks] = await Promise.all([
      asB(`/Users/${ctx.victim.userId}`),
      asB(`/Groups/${ctx.victim.groupId}`),
      ctx.sut.gql(`query($g: ID!) { groupMembers(groupId: $g, first: 100) { totalCount nodes { id } } }`, {
        g: ctx.victim.groupId,
      }),
      ctx.sut.gql('{ apiTokens { id revokedAt prefix } }'),
      ctx.sut.gql('{ auditEvents(first: 1000) { nodes { id } } }'),
      ctx.sut.gql('{ userExtensionAttributes { schema name } }'),
      connectionsOfB(ctx),
      webhooksOfB(ctx),
    ]);
    return JSON.stringify([
      webhooks,
      user.body,
      group.body,
      members.data,
      tokens.data,
      audit.data,
      extensions.data,
      connections,
    ]);
  };

  beforeAll(async () => {
    ensureConsoleBuilt();
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
    // B's webhook endpoint (never called: this app runs no worker) and, below, its deliveries.
    const hook = await sut.gql<{ createWebhookEndpoint: { secret: string } }>(
      'mutation { createWebhookEndpoint(input: { url: "https://93.184.215.14/b-hook" }) { secret } }',
    );
    logCapture.secret(hook.data!.createWebhookEndpoint.secret);
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
    const [connectionOfB] = (await sut.gql<{ connections: { id: string }[] }>('{ connections { id } }')).data!
      .connections;
    const link = await sut.gql<{ createSetupLink: { url: string; setupLink: { id: string } } }>(
      'mutation($c: ID!) { createSetupLink(connectionId: $c) { url setupLink { id } } }',
      { c: connectionOfB.id },
    );
    const setupLinkSecret = link.data!.createSetupLink.url.split('/').pop()!;
    logCapture.secret(setupLinkSecret);
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
    await sut.app.store.repositories.webhookOutbox.fanOut(new Date(), 1000);
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
        setupLinkId: link.data!.createSetupLink.setupLink.id,
        setupLinkSecret,
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

  it('does for B’s ids exactly what it does for ids that never existed', async () => {
    // The same statements (ids are parameters, not SQL text) and the same answer: nothing that
    // depends on whether B's row exists. Response times are not compared: a sub-millisecond side
    // channel cannot be measured on a shared machine, so docs/reliability.md makes no such claim.
    const probes: [string, (id: string) => Promise<{ status: number; text: string }>][] = [
      ['SCIM GET /Users/:id', (id) => v2(ctx).get(`/Users/${id}`)],
      ['SCIM GET /Groups/:id', (id) => v2(ctx).get(`/Groups/${id}`)],
      [
        'GraphQL user',
        async (id) => {
          const res = await ctx.sut.http
            .post('/graphql')
            .set('Authorization', `Bearer ${ctx.a.admin}`)
            .send({ query: 'query($id: ID!) { user(id: $id) { id } }', variables: { id } });
          return res;
        },
      ],
    ];
    const victimIds = {
      'SCIM GET /Users/:id': ctx.victim.userId,
      'SCIM GET /Groups/:id': ctx.victim.groupId,
    };
    for (const [name, send] of probes) {
      const theirs = victimIds[name as keyof typeof victimIds] ?? ctx.victim.userId;
      await send(randomUUID()); // warm-up: caches filled the same way for both below
      const observe = async (id: string) => {
        ctx.sut.queries.length = 0;
        const res = await send(id);
        return {
          status: res.status,
          text: res.text.split(id).join('<id>'),
          statements: withoutBackgroundWrites(ctx.sut.queries),
        };
      };
      const forTheirs = await observe(theirs);
      const forUnknown = await observe(randomUUID());
      expect({ name, ...forTheirs }).toEqual({ name, ...forUnknown });
      expect(forTheirs.status).toBe(name.startsWith('SCIM') ? 404 : 200);
      expect(forTheirs.statements.length).toBeGreaterThan(0);
    }
  });

  it('left everything of B exactly as it was', async () => {
    expect(await snapshotOfB()).toBe(before);
    recordFigure('isolation', 'matrix rows', { rows: rows.length });
  });
});

/**
 * The request log and the connection health counters are written in the background, batched (about
 * every second and every five): a flush that lands during a probe is not the probe's statement.
 */
const BACKGROUND_TABLES =
  /\b(connection_requests|connection_health|connection_hourly_counts|connection_quirks)\b/;

function withoutBackgroundWrites(statements: readonly string[]): string[] {
  const kept: string[] = [];
  for (const statement of statements) {
    if (BACKGROUND_TABLES.test(statement)) continue;
    // A flush's own transaction, emptied by the line above.
    const previous = kept[kept.length - 1];
    if (/^\s*COMMIT\b/i.test(statement) && previous && /^\s*(BEGIN|START TRANSACTION)\b/i.test(previous)) {
      kept.pop();
      continue;
    }
    kept.push(statement);
  }
  return kept;
}
