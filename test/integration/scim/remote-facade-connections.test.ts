import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { loadConfig } from '../../../src/config';
import { platformOperatorContext } from '../../../src/domain/auth/platform';
import { createLogger } from '../../../src/http/logger';
import type { Servable } from '../../../src/serve';
import { createScimFacadeApp } from '../../../src/scim-facade-app';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';
import { createTestConnection } from '../../fixtures/connections';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const HEALTH = `query($id: ID!) { connection(id: $id) {
  total: requestCounts { ok clientError serverError } usersCreated groupsCreated lastError { status }
  quirksSeen { name count } } }`;
const LOG = `query($id: ID!) { connectionRequests(connectionId: $id, first: 50) {
  nodes { method path status quirks requestBody } } }`;

/**
 * The standalone SCIM facade (GRAPHQL_URL, what `npm run start:scim` serves) in front of the
 * service: a connection's counters, request log and quirks are reported to the subgraph, its
 * compatibility profile holds, and X-Organization reaches the subgraph with every call.
 */
describe('standalone SCIM facade: connections', () => {
  let sut: TestApp;
  let server: Server;
  let graphqlUrl: string;
  let facade: Servable;

  beforeAll(async () => {
    sut = await startTestApp();
    server = createServer(sut.app.express);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    graphqlUrl = `http://127.0.0.1:${port}/graphql`;
  });
  beforeEach(async () => {
    const config = loadConfig({ GRAPHQL_URL: graphqlUrl, LOG_LEVEL: 'silent' });
    facade = await createScimFacadeApp(config, createLogger('silent'));
  });
  afterEach(() => facade.close());
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await sut.close();
  });

  const via = () => request(facade.express);
  const connect = (kind: string) => createTestConnection(sut, kind);

  it("counts and logs the connection's requests, creations (Bulk too) and quirks at the subgraph", async () => {
    const { id, secret } = await connect('ENTRA_SCIM2');
    const auth = { Authorization: `Bearer ${secret}` };

    const created = await via()
      .post('/scim/v2/Users')
      .set(auth)
      .send({ schemas: [USER], userName: 'remote-1@example.com', password: 'Secret-12345!' });
    expect(created.status).toBe(201);
    const missing = await via().get('/scim/v2/Users/01890000-0000-7000-8000-000000000000').set(auth);
    expect(missing.status).toBe(404);
    const patched = await via()
      .patch(`/scim/v2/Users/${created.body.id}`)
      .set(auth)
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
    expect(patched.status).toBe(200);
    const bulk = await via()
      .post('/scim/v2/Bulk')
      .set(auth)
      .send({
        schemas: [BULK_REQUEST],
        Operations: [
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'b',
            data: { schemas: [USER], userName: 'remote-2@example.com' },
          },
        ],
      });
    expect(bulk.status).toBe(200);

    // Shutdown sends what the facade queued (as the SIGTERM of `npm run start:scim` does).
    await facade.close();
    await sut.app.services.requestLog.flush();

    const health = await sut.gql<{ connection: Record<string, unknown> }>(HEALTH, { id });
    expect(health.data!.connection).toMatchObject({
      total: { ok: 3, clientError: 1, serverError: 0 },
      usersCreated: 2,
      lastError: { status: 404 },
      quirksSeen: expect.arrayContaining([{ name: 'entra:string-boolean', count: 1 }]),
    });
    const log = await sut.gql<{
      connectionRequests: {
        nodes: {
          method: string;
          path: string;
          status: number;
          quirks: string[];
          requestBody: string | null;
        }[];
      };
    }>(LOG, { id });
    const nodes = log.data!.connectionRequests.nodes;
    expect(nodes.map((n) => [n.method, n.path, n.status])).toEqual([
      ['POST', '/scim/v2/Bulk', 200],
      ['PATCH', `/scim/v2/Users/${created.body.id}`, 200],
      ['GET', '/scim/v2/Users/01890000-0000-7000-8000-000000000000', 404],
      ['POST', '/scim/v2/Users', 201],
    ]);
    expect(nodes[1].quirks).toContain('entra:string-boolean');
    expect(nodes[3].requestBody).not.toContain('Secret-12345!');
  });

  it("enforces the connection's compatibility profile: an Okta connection's string boolean is 400 invalidValue", async () => {
    const { secret } = await connect('OKTA_SCIM2');
    const auth = { Authorization: `Bearer ${secret}` };
    const created = await via()
      .post('/scim/v2/Users')
      .set(auth)
      .send({ schemas: [USER], userName: 'remote-okta@example.com' });

    const res = await via()
      .patch(`/scim/v2/Users/${created.body.id}`)
      .set(auth)
      .send({ schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: 'False' }] });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ scimType: 'invalidValue' });
    expect(res.body.detail).toContain('OKTA_SCIM2');
  });

  it('forwards X-Organization: a platform:admin provisions into the organization it names', async () => {
    const platform = await sut.app.services.tokens.create(platformOperatorContext(), {
      name: 'platform',
      scopes: ['platform:admin'],
    });
    const auth = { Authorization: `Bearer ${platform.secret}`, 'X-Organization': 'other' };

    const created = await via()
      .post('/scim/v2/Users')
      .set(auth)
      .send({ schemas: [USER], userName: 'platform-made@example.com' });
    expect(created.status).toBe(201);
    const listed = await via()
      .get('/scim/v2/Users')
      .query({ filter: 'userName eq "platform-made@example.com"' })
      .set(auth);
    expect(listed.body.totalResults).toBe(1);

    const inOther = await sut.gql<{ user: { userName: string } | null }>(
      `query($id: ID!) { user(id: $id) { userName } }`,
      { id: created.body.id },
      sut.other.adminToken,
    );
    expect(inOther.data!.user).toEqual({ userName: 'platform-made@example.com' });
    const inDefault = await sut.gql<{ user: unknown }>(`query($id: ID!) { user(id: $id) { id } }`, {
      id: created.body.id,
    });
    expect(inDefault.data!.user).toBeNull();
    // The same platform token without the header acts in no organization.
    const without = await via()
      .get('/scim/v2/Users')
      .set({ Authorization: `Bearer ${platform.secret}` });
    expect(without.status).toBeGreaterThanOrEqual(400);
  });

  it("attributes a paused connection's refused requests to it, though the facade cannot report them", async () => {
    const { id, secret } = await connect('GENERIC_SCIM2');
    await sut.gql(`mutation($id: ID!) { setConnectionStatus(id: $id, status: PAUSED) { status } }`, { id });

    const res = await via()
      .post('/scim/v2/Users?attributes=id')
      .set({ Authorization: `Bearer ${secret}` })
      .send({ schemas: [USER], userName: 'remote-paused@example.com' });

    expect(res.status).toBe(403);
    expect(res.body.detail).toContain('paused');
    await sut.app.services.requestLog.flush();
    const health = await sut.gql<{ connection: Record<string, unknown> }>(HEALTH, { id });
    expect(health.data!.connection).toMatchObject({
      total: { ok: 0, clientError: 1, serverError: 0 },
      usersCreated: 0,
      lastError: { status: 403 },
    });
    const log = await sut.gql<{
      connectionRequests: { nodes: { method: string; path: string; status: number }[] };
    }>(LOG, { id });
    expect(log.data!.connectionRequests.nodes).toMatchObject([
      { method: 'POST', path: '/scim/v2/Users?attributes=id', status: 403 },
    ]);
  });
});
