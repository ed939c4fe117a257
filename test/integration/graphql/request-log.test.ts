import type { TestApp } from '../../fixtures/test-app';
import { expectOneError, startTestApp } from '../../fixtures/test-app';

const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const NODE =
  'id requestId method path status durationMs quirks dryRun resourceIds auditEventIds requestBody responseBody at';
const REQUESTS = `query($c: ID!, $f: ConnectionRequestFilter, $first: Int, $after: String) {
  connectionRequests(connectionId: $c, filter: $f, first: $first, after: $after) {
    nodes { ${NODE} } pageInfo { hasNextPage endCursor } } }`;

interface Entry {
  id: string;
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  quirks: string[];
  dryRun: boolean;
  resourceIds: string[];
  auditEventIds: string[];
  requestBody: string | null;
  responseBody: string | null;
  at: string;
}

/** The request log of a connection: what the IdP sent, redacted, bounded, linked to audit events. */
describe('connection request log', () => {
  let sut: TestApp;
  let now = Date.parse('2026-03-01T10:00:00Z');
  let connectionId: string;
  let secret: string;
  let userId: string;

  const entries = async (filter: Record<string, unknown> = {}, first = 100) => {
    await sut.app.services.requestLog.flush();
    const result = await sut.gql<{ connectionRequests: { nodes: Entry[] } }>(REQUESTS, {
      c: connectionId,
      f: filter,
      first,
    });
    expect(result.errors).toBeUndefined();
    return result.data!.connectionRequests.nodes;
  };
  const scim = () => ({ Authorization: `Bearer ${secret}` });

  beforeAll(async () => {
    sut = await startTestApp({ REQUEST_LOG_MAX_BODY_BYTES: '600', REQUEST_LOG_DAYS: '7' }, undefined, {
      clock: () => new Date(now),
    });
    const created = await sut.gql<{ createConnection: { secret: string; connection: { id: string } } }>(
      `mutation { createConnection(input: { name: "Entra", kind: ENTRA_SCIM2 }) { secret connection { id } } }`,
    );
    ({ secret } = created.data!.createConnection);
    connectionId = created.data!.createConnection.connection.id;
    const user = await sut.http
      .post('/scim/v2/Users?access_token=should-not-be-kept')
      .set(scim())
      .send({ schemas: [SCIM_USER], userName: 'logged@example.com', password: 'Hunter2-Secret!' });
    userId = user.body.id;
    await sut.http
      .patch(`/scim/v2/Users/${userId}`)
      .set(scim())
      .send({
        schemas: [PATCH_OP],
        Operations: [
          { op: 'Replace', path: 'active', value: 'False' },
          { op: 'replace', path: 'password', value: 'Another-Secret-9' },
        ],
      });
    now += 1000;
    await sut.http.get('/scim/v2/Users/01890000-0000-7000-8000-000000000000').set(scim());
  });
  afterAll(() => sut.close());

  it('records each request newest first: method, path, status, duration, quirks, resources, bodies', async () => {
    const log = await entries();
    expect(log.map((e) => [e.method, e.status])).toEqual([
      ['GET', 404],
      ['PATCH', 200],
      ['POST', 201],
    ]);
    const [get, patch, post] = log;
    expect(get.resourceIds).toEqual(['01890000-0000-7000-8000-000000000000']);
    expect(patch).toMatchObject({ resourceIds: [userId], dryRun: false, path: `/scim/v2/Users/${userId}` });
    expect(patch.quirks).toContain('entra:string-boolean');
    expect(post.resourceIds).toEqual([userId]);
    expect(post.path).toBe('/scim/v2/Users?access_token=[redacted]');
    expect(JSON.parse(post.requestBody!)).toMatchObject({ userName: 'logged@example.com' });
    expect(post.responseBody).toContain(userId);
    expect(post.durationMs).toBeGreaterThanOrEqual(0);
    expect(new Date(get.at).getTime()).toBe(now);
  });

  it('never holds a password, the token or the Authorization header', async () => {
    const text = JSON.stringify(await entries());
    for (const secretText of ['Hunter2-Secret!', 'Another-Secret-9', secret, 'should-not-be-kept', 'Bearer'])
      expect(text).not.toContain(secretText);
    expect(text).toContain('[redacted]');
  });

  it('links a request and the audit events it produced, both ways', async () => {
    const [, patch, post] = await entries();
    expect(post.auditEventIds).toHaveLength(1);
    const audit = await sut.gql<{
      auditEvents: { nodes: { id: string; connectionRequest: { id: string } | null }[] };
    }>(
      `query($t: String) { auditEvents(filter: { targetId: $t }) { nodes { id connectionRequest { id } } } }`,
      { t: userId },
    );
    const byId = new Map(audit.data!.auditEvents.nodes.map((e) => [e.id, e.connectionRequest?.id]));
    expect(byId.get(post.auditEventIds[0])).toBe(post.id);
    for (const id of patch.auditEventIds) expect(byId.get(id)).toBe(patch.id);
  });

  it('filters by status, method, resource and time', async () => {
    expect((await entries({ status: 404 })).map((e) => e.method)).toEqual(['GET']);
    expect((await entries({ method: 'patch' })).map((e) => e.status)).toEqual([200]);
    expect((await entries({ resourceId: userId })).map((e) => e.method)).toEqual(['PATCH', 'POST']);
    expect((await entries({ since: new Date(now).toISOString() })).map((e) => e.method)).toEqual(['GET']);
    expect((await entries({ until: new Date(now).toISOString() })).map((e) => e.method)).toEqual([
      'PATCH',
      'POST',
    ]);
  });

  it('pages with first/after', async () => {
    const first = await sut.gql<{ connectionRequests: { nodes: Entry[]; pageInfo: { endCursor: string } } }>(
      REQUESTS,
      { c: connectionId, first: 2 },
    );
    const rest = await sut.gql<{ connectionRequests: { nodes: Entry[] } }>(REQUESTS, {
      c: connectionId,
      first: 2,
      after: first.data!.connectionRequests.pageInfo.endCursor,
    });
    expect(rest.data!.connectionRequests.nodes.map((e) => e.method)).toEqual(['POST']);
  });

  it('truncates a body beyond REQUEST_LOG_MAX_BODY_BYTES with a marker', async () => {
    const long = 'x'.repeat(1000);
    await sut.http
      .post('/scim/v2/Users')
      .set(scim())
      .send({ schemas: [SCIM_USER], userName: 'long@example.com', title: long });
    const [entry] = await entries({ method: 'POST' }, 1);
    expect(
      Buffer.byteLength(entry.requestBody!.replace(/…\[truncated \d+ bytes\]$/, '')),
    ).toBeLessThanOrEqual(600);
    expect(entry.requestBody).toMatch(/…\[truncated \d+ bytes\]$/);
    expect(entry.responseBody).toMatch(/…\[truncated \d+ bytes\]$/);
  });

  it.each([
    ['an unknown connection', { c: '01890000-0000-7000-8000-000000000000' }, 'NOT_FOUND'],
    ['a malformed cursor', { after: 'not-a-cursor' }, 'BAD_USER_INPUT'],
    ['a page too large', { first: 5000 }, 'BAD_USER_INPUT'],
  ])('answers %s with one error', async (_case, variables, code) => {
    expectOneError(await sut.gql(REQUESTS, { c: connectionId, ...variables }), code);
  });

  it("is invisible to another organization's admin: NOT_FOUND, like an unknown connection", async () => {
    expectOneError(await sut.gql(REQUESTS, { c: connectionId }, sut.other.adminToken), 'NOT_FOUND');
  });

  it('counts the quirks each connection needed, with when each was last seen, before and after a flush', async () => {
    const QUIRKS = `query($c: ID!) { connection(id: $c) { quirksSeen { name count lastSeenAt } } }`;
    const read = async () =>
      (
        await sut.gql<{ connection: { quirksSeen: { name: string; count: number; lastSeenAt: string }[] } }>(
          QUIRKS,
          {
            c: connectionId,
          },
        )
      ).data!.connection.quirksSeen;
    const before = (await read()).find((q) => q.name === 'entra:string-boolean');
    expect(before).toMatchObject({ count: 1 });
    await sut.app.services.connectionHealth.flush();
    await sut.http
      .patch(`/scim/v2/Users/${userId}`)
      .set(scim())
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'True' }] });
    const after = (await read()).find((q) => q.name === 'entra:string-boolean');
    expect(after).toEqual({
      name: 'entra:string-boolean',
      count: 2,
      lastSeenAt: new Date(now).toISOString(),
    });
    await sut.app.services.connectionHealth.flush();
    expect((await read()).find((q) => q.name === 'entra:string-boolean')).toEqual(after);
    // Another organization's connections never show them.
    const other = await sut.gql(`{ connections { quirksSeen { name } } }`, {}, sut.other.adminToken);
    expect(JSON.stringify(other.data)).not.toContain('entra:string-boolean');
  });

  it('forgets entries older than REQUEST_LOG_DAYS', async () => {
    expect((await entries()).length).toBeGreaterThan(0);
    now += 8 * 24 * 3_600_000;
    await sut.http.get('/scim/v2/Users?count=1').set(scim());
    const left = await entries();
    expect(left.map((e) => e.path)).toEqual(['/scim/v2/Users?count=1']);
  });
});
