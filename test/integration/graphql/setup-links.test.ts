import { Writable } from 'node:stream';
import { createLogger } from '../../../src/http/logger';
import type { GraphqlError, TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';

const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const LINK = 'id connectionId createdAt createdBy expiresAt revokedAt lastUsedAt useCount';
const CREATE_LINK = `mutation($c: ID!, $h: Int) { createSetupLink(connectionId: $c, expiresInHours: $h) { url setupLink { ${LINK} } } }`;
const REVOKE_LINK = `mutation($id: ID!) { revokeSetupLink(id: $id) { ${LINK} } }`;
const LIST_LINKS = `query($c: ID!) { setupLinks(connectionId: $c) { ${LINK} } }`;
const VIEWER = `{ viewer { subject scopes organization { slug } setupLink { ${LINK} } connection { id name baseUrl token { prefix } } } }`;

interface Link {
  id: string;
  connectionId: string;
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  useCount: number;
}
interface Issued {
  url: string;
  setupLink: Link;
}

/**
 * Setup links over HTTP (issue 13 §6): an admin issues one for a connection; its visitor reads that
 * connection and its request log and resets its token — nothing else — until it expires or is
 * revoked; every use is counted and what it changes is audited as `setup-link:<id>`.
 */
describe('setup links', () => {
  let sut: TestApp;
  let now = Date.parse('2026-04-01T09:00:00Z');
  const logLines: string[] = [];
  let connectionId: string;
  let scimSecret: string;
  let otherConnectionId: string;

  const createConnection = async (name: string, token = sut.tenant.adminToken) => {
    const result = await sut.gql<{ createConnection: { secret: string; connection: { id: string } } }>(
      `mutation($n: String!) { createConnection(input: { name: $n, kind: OKTA_SCIM2 }) { secret connection { id } } }`,
      { n: name },
      token,
    );
    expect(result.errors).toBeUndefined();
    return result.data!.createConnection;
  };
  const issue = async (connection: string, hours?: number): Promise<Issued> => {
    const result = await sut.gql<{ createSetupLink: Issued }>(CREATE_LINK, { c: connection, h: hours });
    expect(result.errors).toBeUndefined();
    return result.data!.createSetupLink;
  };
  const secretOf = (issued: Issued) => issued.url.slice(issued.url.lastIndexOf('/') + 1);
  const auditOf = async (targetId: string) =>
    (
      await sut.gql<{ auditEvents: { nodes: { action: string; actor: string; changes: unknown }[] } }>(
        `query($t: String) { auditEvents(filter: { targetId: $t }) { nodes { action actor changes } } }`,
        { t: targetId },
      )
    ).data!.auditEvents.nodes;

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    sut = await startTestApp({ PUBLIC_URL: 'https://id.example.test' }, undefined, {
      clock: () => new Date(now),
      logger: createLogger('debug', sink),
    });
    const created = await createConnection('Okta prod');
    connectionId = created.connection.id;
    scimSecret = created.secret;
    otherConnectionId = (await createConnection('Okta staging')).connection.id;
  });
  afterAll(() => sut.close());

  it('issues a link for a connection: the URL with its secret once, a 72-hour default, and an audit event without it', async () => {
    const issued = await issue(connectionId);
    expect(issued.url).toMatch(/^https:\/\/id\.example\.test\/admin\/setup\/isl_[A-Za-z0-9_-]{43,}$/);
    expect(issued.setupLink).toEqual({
      id: expect.any(String),
      connectionId,
      createdAt: new Date(now).toISOString(),
      createdBy: expect.stringMatching(/^token:/),
      expiresAt: new Date(now + 72 * 3_600_000).toISOString(),
      revokedAt: null,
      lastUsedAt: null,
      useCount: 0,
    });
    const list = await sut.gql<{ setupLinks: Link[] }>(LIST_LINKS, { c: connectionId }, sut.tenant.readToken);
    expect(list.data!.setupLinks).toEqual([issued.setupLink]);
    expect(JSON.stringify(list)).not.toContain(secretOf(issued));
    const audit = await auditOf(issued.setupLink.id);
    expect(audit).toEqual([
      {
        action: 'setupLink.create',
        actor: expect.stringMatching(/^token:/),
        changes: { connectionId, expiresAt: issued.setupLink.expiresAt },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(secretOf(issued));
  });

  it.each([0, -1, 721, 1.5])(
    'refuses expiresInHours %p with BAD_USER_INPUT and issues nothing',
    async (h) => {
      const before = (await sut.gql<{ setupLinks: Link[] }>(LIST_LINKS, { c: otherConnectionId })).data!;
      const result = await sut.gql(CREATE_LINK, { c: otherConnectionId, h });
      expectOneError(result, 'BAD_USER_INPUT');
      expect((await sut.gql<{ setupLinks: Link[] }>(LIST_LINKS, { c: otherConnectionId })).data).toEqual(
        before,
      );
    },
  );

  it("answers NOT_FOUND for another organization's connection or link, and FORBIDDEN without identity:admin", async () => {
    const theirs = await createConnection('Theirs', sut.other.adminToken);
    expectOneError(await sut.gql(CREATE_LINK, { c: theirs.connection.id }), 'NOT_FOUND');
    expectOneError(await sut.gql(LIST_LINKS, { c: theirs.connection.id }), 'NOT_FOUND');
    const mine = await issue(connectionId);
    expectOneError(await sut.gql(REVOKE_LINK, { id: mine.setupLink.id }, sut.other.adminToken), 'NOT_FOUND');
    expectOneError(await sut.gql(CREATE_LINK, { c: connectionId }, sut.tenant.readToken), 'FORBIDDEN');
    expectOneError(await sut.gql(REVOKE_LINK, { id: mine.setupLink.id }, sut.tenant.readToken), 'FORBIDDEN');
    expect((await sut.gql(VIEWER, {}, sut.tenant.adminToken)).data).toMatchObject({
      viewer: { setupLink: null, connection: null },
    });
  });

  describe('its visitor', () => {
    let issued: Issued;
    let visitor: string;
    const asVisitor = <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) =>
      sut.gql<T>(query, variables, visitor);

    beforeAll(async () => {
      issued = await issue(connectionId, 2);
      visitor = secretOf(issued);
    });

    it('sees itself as the viewer: its link, its connection and its organization; each use is counted', async () => {
      const first = await asVisitor<{ viewer: Record<string, unknown> }>(VIEWER);
      expect(first.errors).toBeUndefined();
      expect(first.data!.viewer).toMatchObject({
        subject: `setup-link:${issued.setupLink.id}`,
        scopes: [],
        organization: { slug: 'default' },
        setupLink: { id: issued.setupLink.id, connectionId, lastUsedAt: new Date(now).toISOString() },
        connection: { id: connectionId, name: 'Okta prod', baseUrl: 'https://id.example.test/scim/v2' },
      });
      const before = (first.data!.viewer.setupLink as Link).useCount;
      await asVisitor(VIEWER);
      const third = await asVisitor<{ viewer: { setupLink: Link } }>(VIEWER);
      expect(third.data!.viewer.setupLink.useCount).toBe(before + 2);
    });

    it('reads its connection, its health and its request log', async () => {
      await sut.http.get('/scim/v2/Users').set('Authorization', `Bearer ${scimSecret}`);
      await sut.app.services.requestLog.flush();
      const read = await asVisitor<{
        connection: { id: string; lastRequestAt: string | null };
        connectionRequests: { nodes: { method: string; path: string; status: number }[] };
      }>(
        `query($c: ID!) { connection(id: $c) { id lastRequestAt requestCounts(window: SINCE_CREATION) { ok } }
          connectionRequests(connectionId: $c) { nodes { method path status } } }`,
        { c: connectionId },
      );
      expect(read.errors).toBeUndefined();
      expect(read.data!.connection).toMatchObject({ id: connectionId, lastRequestAt: expect.any(String) });
      expect(read.data!.connectionRequests.nodes).toEqual([
        { method: 'GET', path: '/scim/v2/Users', status: 200 },
      ]);
    });

    it('resets its token: the new secret provisions, the old one is refused, the rotation is audited as the link', async () => {
      const rotated = await asVisitor<{ rotateConnectionToken: { secret: string } }>(
        `mutation($c: ID!) { rotateConnectionToken(id: $c) { secret } }`,
        { c: connectionId },
      );
      expect(rotated.errors).toBeUndefined();
      const secret = rotated.data!.rotateConnectionToken.secret;
      const created = await sut.http
        .post('/scim/v2/Users')
        .set('Authorization', `Bearer ${secret}`)
        .send({ schemas: [SCIM_USER], userName: 'first@setup.example' });
      expect(created.status).toBe(201);
      expect((await sut.http.get('/scim/v2/Users').set('Authorization', `Bearer ${scimSecret}`)).status).toBe(
        401,
      );
      scimSecret = secret;
      const audit = await auditOf(connectionId);
      expect(audit[0]).toMatchObject({
        action: 'connection.rotate',
        actor: `setup-link:${issued.setupLink.id}`,
      });
      expect(JSON.stringify(audit)).not.toContain(secret);
    });

    const forbidden: [string, string, () => Record<string, unknown>][] = [
      ['users', '{ users { totalCount } }', () => ({})],
      ['groups', '{ groups { totalCount } }', () => ({})],
      ['a user', 'query($id: ID!) { user(id: $id) { id } }', () => ({ id: connectionId })],
      ['API tokens', '{ apiTokens { id } }', () => ({})],
      ['the audit log', '{ auditEvents { nodes { id } } }', () => ({})],
      ['the events feed', '{ events { nodes { id } } }', () => ({})],
      ['the connection list', '{ connections { id } }', () => ({})],
      [
        'another connection',
        'query($c: ID!) { connection(id: $c) { id } }',
        () => ({ c: otherConnectionId }),
      ],
      [
        "another connection's request log",
        'query($c: ID!) { connectionRequests(connectionId: $c) { nodes { id } } }',
        () => ({ c: otherConnectionId }),
      ],
      [
        "another connection's token",
        'mutation($c: ID!) { rotateConnectionToken(id: $c) { secret } }',
        () => ({ c: otherConnectionId }),
      ],
      ['setup links', 'query($c: ID!) { setupLinks(connectionId: $c) { id } }', () => ({ c: connectionId })],
      [
        'issuing a setup link',
        'mutation($c: ID!) { createSetupLink(connectionId: $c) { url } }',
        () => ({ c: connectionId }),
      ],
      [
        'revoking a setup link',
        'mutation($c: ID!) { revokeSetupLink(id: $c) { id } }',
        () => ({ c: issued.setupLink.id }),
      ],
      [
        'revoking its connection token',
        'mutation($c: ID!) { revokeConnectionToken(id: $c) { id } }',
        () => ({ c: connectionId }),
      ],
      [
        'pausing its connection',
        'mutation($c: ID!) { setConnectionStatus(id: $c, status: PAUSED) { id } }',
        () => ({ c: connectionId }),
      ],
      [
        'renaming its connection',
        'mutation($c: ID!) { renameConnection(id: $c, name: "x") { id } }',
        () => ({ c: connectionId }),
      ],
      [
        'deleting its connection',
        'mutation($c: ID!) { deleteConnection(id: $c) { id } }',
        () => ({ c: connectionId }),
      ],
      [
        'creating a connection',
        'mutation { createConnection(input: { name: "x", kind: OKTA_SCIM2 }) { secret } }',
        () => ({}),
      ],
      ['creating a user', 'mutation { createUser(input: { userName: "x@y.z" }) { id } }', () => ({})],
      [
        'creating an API token',
        'mutation { createApiToken(input: { name: "x", scopes: ["identity:admin"] }) { secret } }',
        () => ({}),
      ],
      ['organizations', '{ organizations { nodes { id } } }', () => ({})],
    ];

    it.each(forbidden)('is refused %s with FORBIDDEN', async (_what, query, variables) => {
      const result = await asVisitor(query, variables());
      const error: GraphqlError = expectOneError(result, 'FORBIDDEN');
      expect(error.message).not.toContain(visitor);
    });

    it('changed nothing while refused: its connection is still ACTIVE, named and alive', async () => {
      const read = await sut.gql<{ connection: { name: string; status: string } }>(
        'query($c: ID!) { connection(id: $c) { name status } }',
        { c: connectionId },
      );
      expect(read.data!.connection).toEqual({ name: 'Okta prod', status: 'ACTIVE' });
      expect((await sut.http.get('/scim/v2/Users').set('Authorization', `Bearer ${scimSecret}`)).status).toBe(
        200,
      );
    });

    it.each(['/scim/v2/Users', '/scim/v2/ServiceProviderConfig', '/scim/v1/Users'])(
      'is no SCIM credential: %s answers 403',
      async (path) => {
        const res = await sut.http.get(path).set('Authorization', `Bearer ${visitor}`);
        expect(res.status).toBe(403);
        expect(JSON.stringify(res.body)).toMatch(/setup link is not a SCIM credential/);
      },
    );

    it('is refused with 401 once the link expires, told so in words and by reason', async () => {
      const saved = now;
      now = Date.parse(issued.setupLink.expiresAt) - 1;
      expect((await asVisitor(VIEWER)).status).toBe(200);
      now = Date.parse(issued.setupLink.expiresAt);
      const res = await sut.http
        .post('/graphql')
        .set('Authorization', `Bearer ${visitor}`)
        .send({ query: VIEWER });
      now = saved;
      expect(res.status).toBe(401);
      expect(res.body.errors).toEqual([
        {
          message: expect.stringMatching(/setup link has expired/),
          extensions: { code: 'UNAUTHENTICATED', reason: 'setupLinkExpired' },
        },
      ]);
    });

    it('is refused with 401 once revoked (revocation is audited); an unknown link learns nothing', async () => {
      const revoked = await sut.gql<{ revokeSetupLink: Link }>(REVOKE_LINK, { id: issued.setupLink.id });
      expect(revoked.data!.revokeSetupLink.revokedAt).toBe(new Date(now).toISOString());
      const res = await sut.http
        .post('/graphql')
        .set('Authorization', `Bearer ${visitor}`)
        .send({ query: VIEWER });
      expect(res.status).toBe(401);
      expect(res.body.errors).toEqual([
        {
          message: expect.stringMatching(/setup link was revoked/),
          extensions: { code: 'UNAUTHENTICATED', reason: 'setupLinkRevoked' },
        },
      ]);
      expect((await auditOf(issued.setupLink.id)).map((e) => e.action)).toEqual([
        'setupLink.revoke',
        'setupLink.create',
      ]);
      const unknown = await sut.http
        .post('/graphql')
        .set('Authorization', `Bearer isl_${'A'.repeat(43)}`)
        .send({ query: VIEWER });
      expect(unknown.status).toBe(401);
      expect(unknown.body.errors).toEqual([
        { message: 'Authentication required', extensions: { code: 'UNAUTHENTICATED' } },
      ]);
    });
  });

  it("is revoked with its connection's deletion", async () => {
    const doomed = await createConnection('Doomed');
    const link = await issue(doomed.connection.id);
    expect((await sut.gql(VIEWER, {}, secretOf(link))).status).toBe(200);
    const deleted = await sut.gql('mutation($c: ID!) { deleteConnection(id: $c) { id } }', {
      c: doomed.connection.id,
    });
    expect(deleted.errors).toBeUndefined();
    const after = await sut.gql(VIEWER, {}, secretOf(link));
    expect(after.status).toBe(401);
    expect(after.errors![0].extensions.reason).toBe('setupLinkRevoked');
  });

  it('never writes a setup link secret (or the token it issued) to the logs, not even from its page URL', async () => {
    const link = await issue(connectionId);
    await sut.http.get(new URL(link.url).pathname);
    await sut.http.get(`${new URL(link.url).pathname}?x=${secretOf(link)}`);
    const everything = logLines.join('');
    expect(everything).toContain('/admin/setup/[redacted]');
    expect(everything).toContain('setup-link'); // the logs did see these requests
    expect(everything).not.toMatch(/isl_[A-Za-z0-9_-]{20}/);
    expect(everything).not.toContain(scimSecret);
  });
});
