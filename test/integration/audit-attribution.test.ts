import jwt from 'jsonwebtoken';
import { operatorContext } from '../../src/bootstrap';
import type { Json } from '../fixtures/scim-client';
import { ENTERPRISE, GROUP_SCHEMA, PATCH_OP, USER_SCHEMA } from '../fixtures/scim-client';
import type { TestApp } from '../fixtures/test-app';
import { startTestApp } from '../fixtures/test-app';

const JWT_SECRET = 'an-attribution-test-secret-long-enough-0123456789';
const EXTENSION = 'urn:example:params:scim:schemas:extension:attribution:2.0:User';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';

interface AuditRow {
  actor: string;
  channel: string;
  action: string;
  targetType: string;
  targetId: string;
  requestId: string;
}

/**
 * Every write through every API, each with its own request id, by a caller whose identity the test
 * knows: the audit events of that request must name exactly that caller (`token:<id>` / `jwt:<sub>`),
 * on the channel it came through, with the actions the write performed.
 */
describe('audit attribution', () => {
  let sut: TestApp;
  let scimToken: { id: string; secret: string };
  let adminToken: { id: string; secret: string };
  let sequence = 0;
  const jwtSubject = 'platform-operator-7';
  const jwtBearer = () =>
    jwt.sign({ sub: jwtSubject, org: 'default', scope: 'identity:admin' }, JWT_SECRET, {
      algorithm: 'HS256',
      expiresIn: '5m',
    });

  beforeAll(async () => {
    sut = await startTestApp({ JWT_SECRET });
    const ctx = operatorContext(sut.tenant.organizationId);
    const scimIssued = await sut.app.services.tokens.create(ctx, { name: 'idp', scopes: ['scim'] });
    const adminIssued = await sut.app.services.tokens.create(ctx, {
      name: 'ops',
      scopes: ['identity:admin'],
    });
    scimToken = { id: scimIssued.token.id, secret: scimIssued.secret };
    adminToken = { id: adminIssued.token.id, secret: adminIssued.secret };
  });
  afterAll(() => sut.close());

  const newRequestId = () => `attr-${++sequence}`;

  const eventsOf = async (requestId: string): Promise<AuditRow[]> => {
    const found: AuditRow[] = [];
    let after: string | null = null;
    for (;;) {
      const result: {
        data?: {
          auditEvents: {
            nodes: (AuditRow & { cursor?: string })[];
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
          };
        };
        errors?: unknown;
      } = await sut.gql(
        `query($after: String) { auditEvents(first: 1000, after: $after) {
             nodes { actor channel action targetType targetId requestId }
             pageInfo { hasNextPage endCursor } } }`,
        { after },
        sut.tenant.adminToken,
      );
      expect(result.errors).toBeUndefined();
      const page = result.data!.auditEvents;
      found.push(...page.nodes.filter((e) => e.requestId === requestId));
      if (!page.pageInfo.hasNextPage) return found;
      after = page.pageInfo.endCursor;
    }
  };

  /** The write's events: at least the listed actions, every one attributed to `actor` on `channel`. */
  const expectAttributed = async (requestId: string, actor: string, channel: string, actions: string[]) => {
    const events = await eventsOf(requestId);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(actions));
    expect(events.map((e) => ({ actor: e.actor, channel: e.channel }))).toEqual(
      events.map(() => ({ actor, channel })),
    );
    return events;
  };

  const scimSend = async (
    version: 'v1' | 'v2',
    method: 'post' | 'put' | 'patch' | 'delete',
    path: string,
    body?: unknown,
  ) => {
    const requestId = newRequestId();
    const res = await sut.http[method](`/scim/${version}${path}`)
      .set('Authorization', `Bearer ${scimToken.secret}`)
      .set('X-Request-Id', requestId)
      .set('Content-Type', 'application/scim+json')
      .send(body === undefined ? undefined : JSON.stringify(body));
    expect(res.status).toBeLessThan(300);
    return { requestId, body: res.body as Json };
  };

  const gqlSend = async (bearer: string, query: string, variables: Record<string, unknown> = {}) => {
    const requestId = newRequestId();
    const res = await sut.http
      .post('/graphql')
      .set('Authorization', `Bearer ${bearer}`)
      .set('X-Request-Id', requestId)
      .send({ query, variables });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    return { requestId, data: res.body.data as Json };
  };

  it('names the calling SCIM 2.0 token on every user, group and Bulk write', async () => {
    const actor = `token:${scimToken.id}`;
    const user = await scimSend('v2', 'post', '/Users', {
      schemas: [USER_SCHEMA, ENTERPRISE],
      userName: 'attr.scim2@example.com',
      password: 'a-password-1',
      [ENTERPRISE]: { department: 'Audit' },
    });
    await expectAttributed(user.requestId, actor, 'scim', ['user.create']);
    const userId = user.body.id as string;
    const put = await scimSend('v2', 'put', `/Users/${userId}`, {
      schemas: [USER_SCHEMA],
      userName: 'attr.scim2@example.com',
      displayName: 'Put',
    });
    await expectAttributed(put.requestId, actor, 'scim', ['user.replace']);
    const patch = await scimSend('v2', 'patch', `/Users/${userId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: 'active', value: false }],
    });
    expect((await expectAttributed(patch.requestId, actor, 'scim', [])).length).toBeGreaterThan(0);
    const group = await scimSend('v2', 'post', '/Groups', {
      schemas: [GROUP_SCHEMA],
      displayName: 'Attribution',
      members: [{ value: userId }],
    });
    await expectAttributed(group.requestId, actor, 'scim', ['group.create']);
    const groupId = group.body.id as string;
    const groupPatch = await scimSend('v2', 'patch', `/Groups/${groupId}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'remove', path: `members[value eq "${userId}"]` }],
    });
    await expectAttributed(groupPatch.requestId, actor, 'scim', ['group.modify']);
    const groupPut = await scimSend('v2', 'put', `/Groups/${groupId}`, {
      schemas: [GROUP_SCHEMA],
      displayName: 'Attribution 2',
      members: [{ value: userId }],
    });
    await expectAttributed(groupPut.requestId, actor, 'scim', ['group.modify']);
    const bulk = await scimSend('v2', 'post', '/Bulk', {
      schemas: [BULK],
      Operations: [
        {
          method: 'POST',
          bulkId: 'b1',
          path: '/Users',
          data: { schemas: [USER_SCHEMA], userName: 'attr.bulk@example.com' },
        },
        { method: 'DELETE', path: `/Groups/${groupId}` },
      ],
    });
    await expectAttributed(bulk.requestId, actor, 'scim', ['user.create', 'group.delete']);
    const del = await scimSend('v2', 'delete', `/Users/${userId}`);
    await expectAttributed(del.requestId, actor, 'scim', ['user.delete']);
  });

  it('names the calling SCIM 1.1 token on every user and group write', async () => {
    const actor = `token:${scimToken.id}`;
    const core = 'urn:scim:schemas:core:1.0';
    const user = await scimSend('v1', 'post', '/Users', {
      schemas: [core],
      userName: 'attr.scim1@example.com',
    });
    await expectAttributed(user.requestId, actor, 'scim:1.1', ['user.create']);
    const userId = user.body.id as string;
    const put = await scimSend('v1', 'put', `/Users/${userId}`, {
      schemas: [core],
      userName: 'attr.scim1@example.com',
      displayName: 'One',
    });
    await expectAttributed(put.requestId, actor, 'scim:1.1', ['user.replace']);
    const patch = await scimSend('v1', 'patch', `/Users/${userId}`, { schemas: [core], active: false });
    expect((await expectAttributed(patch.requestId, actor, 'scim:1.1', [])).length).toBeGreaterThan(0);
    const group = await scimSend('v1', 'post', '/Groups', { schemas: [core], displayName: 'Attribution v1' });
    await expectAttributed(group.requestId, actor, 'scim:1.1', ['group.create']);
    const groupId = group.body.id as string;
    const groupPatch = await scimSend('v1', 'patch', `/Groups/${groupId}`, {
      schemas: [core],
      members: [{ value: userId }],
    });
    await expectAttributed(groupPatch.requestId, actor, 'scim:1.1', ['group.modify']);
    const groupDel = await scimSend('v1', 'delete', `/Groups/${groupId}`);
    await expectAttributed(groupDel.requestId, actor, 'scim:1.1', ['group.delete']);
    const del = await scimSend('v1', 'delete', `/Users/${userId}`);
    await expectAttributed(del.requestId, actor, 'scim:1.1', ['user.delete']);
  });

  it.each([
    ['an API token', () => adminToken.secret, () => `token:${adminToken.id}`],
    ['a JWT', () => jwtBearer(), () => `jwt:${jwtSubject}`],
  ])(
    'names %s on every GraphQL write, token and extension-attribute changes included',
    async (_, bearer, actorOf) => {
      const actor = actorOf();
      const tag = `${sequence}`;
      const send = (query: string, variables?: Record<string, unknown>) =>
        gqlSend(bearer(), query, variables);
      const expectWrite = async (write: { requestId: string }, action: string, targetId?: string) => {
        const events = await expectAttributed(write.requestId, actor, 'graphql', [action]);
        if (targetId) expect(events.find((e) => e.action === action)?.targetId).toBe(targetId);
      };

      const define = await send(
        `mutation($n: String!) { defineUserExtensionAttribute(input: { schema: "${EXTENSION}", name: $n, type: "string" }) { name } }`,
        { n: `badge${tag}` },
      );
      await expectWrite(define, 'extension.define');
      const created = await send(`mutation($n: String!) { createUser(input: { userName: $n }) { id } }`, {
        n: `attr.gql.${tag}`,
      });
      const userId = created.data.createUser.id as string;
      await expectWrite(created, 'user.create', userId);
      await expectWrite(
        await send(
          `mutation($id: ID!, $n: String!) { replaceUser(id: $id, input: { userName: $n }) { id } }`,
          {
            id: userId,
            n: `attr.gql.${tag}`,
          },
        ),
        'user.replace',
        userId,
      );
      await expectWrite(
        await send(`mutation($id: ID!) { updateUser(id: $id, input: { title: "T" }) { id } }`, {
          id: userId,
        }),
        'user.update',
        userId,
      );
      const active = await send(`mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }`, {
        id: userId,
      });
      expect(
        (await expectAttributed(active.requestId, actor, 'graphql', [])).map((e) => e.targetId),
      ).toContain(userId);
      const group = await send(`mutation($n: String!) { createGroup(input: { displayName: $n }) { id } }`, {
        n: `G${tag}`,
      });
      const groupId = group.data.createGroup.id as string;
      await expectWrite(group, 'group.create', groupId);
      await expectWrite(
        await send(`mutation($g: ID!) { updateGroup(id: $g, input: { displayName: "H${tag}" }) { id } }`, {
          g: groupId,
        }),
        'group.update',
        groupId,
      );
      const members = { g: groupId, m: [userId] };
      for (const field of ['addGroupMembers', 'removeGroupMembers', 'setGroupMembers']) {
        const write = await send(
          `mutation($g: ID!, $m: [ID!]!) { ${field}(groupId: $g, memberIds: $m) { __typename } }`,
          members,
        );
        const events = await expectAttributed(write.requestId, actor, 'graphql', []);
        expect(events.length).toBeGreaterThan(0);
      }
      await expectWrite(
        await send(`mutation($g: ID!) { modifyGroup(id: $g, input: { displayName: "M${tag}" }) { id } }`, {
          g: groupId,
        }),
        'group.modify',
        groupId,
      );
      const token = await send(
        `mutation { createApiToken(input: { name: "t${tag}", scopes: ["identity:read"] }) { token { id } } }`,
      );
      const tokenId = token.data.createApiToken.token.id as string;
      await expectWrite(token, 'token.create', tokenId);
      await expectWrite(
        await send(`mutation($id: ID!) { rotateApiToken(id: $id) { token { id } } }`, { id: tokenId }),
        'token.rotate',
        tokenId,
      );
      await expectWrite(
        await send(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id: tokenId }),
        'token.revoke',
        tokenId,
      );
      await expectWrite(
        await send(`mutation($g: ID!) { deleteGroup(id: $g) }`, { g: groupId }),
        'group.delete',
        groupId,
      );
      await expectWrite(
        await send(`mutation($id: ID!) { deleteUser(id: $id) }`, { id: userId }),
        'user.delete',
        userId,
      );
      await expectWrite(
        await send(
          `mutation($n: String!) { removeUserExtensionAttribute(schema: "${EXTENSION}", name: $n) }`,
          {
            n: `badge${tag}`,
          },
        ),
        'extension.remove',
      );
    },
  );

  it('records an extension-attribute value change on the user it changed', async () => {
    const name = 'costCode';
    await gqlSend(
      adminToken.secret,
      `mutation { defineUserExtensionAttribute(input: { schema: "${EXTENSION}", name: "${name}", type: "string" }) { name } }`,
    );
    const user = await scimSend('v2', 'post', '/Users', {
      schemas: [USER_SCHEMA, EXTENSION],
      userName: 'attr.ext@example.com',
      [EXTENSION]: { [name]: 'A-1' },
    });
    const patch = await scimSend('v2', 'patch', `/Users/${user.body.id}`, {
      schemas: [PATCH_OP],
      Operations: [{ op: 'replace', path: `${EXTENSION}:${name}`, value: 'B-2' }],
    });
    const [event] = await expectAttributed(patch.requestId, `token:${scimToken.id}`, 'scim', [
      'user.replace',
    ]);
    const changes = await sut.gql<{ auditEvents: { nodes: { changes: { fields?: string[] } }[] } }>(
      `query($id: String) { auditEvents(filter: { targetId: $id, action: "user.replace" }) { nodes { changes } } }`,
      { id: event.targetId },
    );
    expect(JSON.stringify(changes.data!.auditEvents.nodes.map((n) => n.changes))).toContain(name);
  });
});
