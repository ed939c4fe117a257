import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';
import { createTestConnection } from '../../fixtures/connections';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
const BULK_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const HEALTH = `query($id: ID!) { connection(id: $id) {
  total: requestCounts { ok clientError serverError } usersCreated groupsCreated lastError { status detail } } }`;
const LOG = `query($id: ID!) { connectionRequests(connectionId: $id, first: 50) { nodes { method path status } } }`;

interface Health {
  total: { ok: number; clientError: number; serverError: number };
  usersCreated: number;
  groupsCreated: number;
  lastError: { status: number; detail: string } | null;
}

/** Requests the counters used to miss: Bulk creations, and a paused connection's refusals. */
describe('connection attribution of Bulk creations and refused requests', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  const connect = (name: string) => createTestConnection(sut, 'GENERIC_SCIM2', { name });
  const healthOf = async (id: string) =>
    (await sut.gql<{ connection: Health }>(HEALTH, { id })).data!.connection;
  const logOf = async (id: string) => {
    await sut.app.services.requestLog.flush();
    return (
      await sut.gql<{ connectionRequests: { nodes: { method: string; path: string; status: number }[] } }>(
        LOG,
        { id },
      )
    ).data!.connectionRequests.nodes;
  };

  it('counts the users and groups a Bulk request created, and only those that were created', async () => {
    const { id, secret } = await connect('bulk');
    const res = await sut.http
      .post('/scim/v2/Bulk')
      .set('Authorization', `Bearer ${secret}`)
      .send({
        schemas: [BULK_REQUEST],
        Operations: [
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'u1',
            data: { schemas: [USER], userName: 'bulk-1@example.com' },
          },
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'u2',
            data: { schemas: [USER], userName: 'bulk-2@example.com' },
          },
          // A duplicate userName: 409, nothing created.
          {
            method: 'POST',
            path: '/Users',
            bulkId: 'u3',
            data: { schemas: [USER], userName: 'bulk-1@example.com' },
          },
          {
            method: 'POST',
            path: '/Groups',
            bulkId: 'g1',
            data: { schemas: [GROUP], displayName: 'bulk group', members: [{ value: 'bulkId:u1' }] },
          },
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.Operations.map((o: { status: string }) => o.status)).toEqual([
      '201',
      '201',
      '409',
      '201',
    ]);

    expect(await healthOf(id)).toMatchObject({
      total: { ok: 1, clientError: 0, serverError: 0 },
      usersCreated: 2,
      groupsCreated: 1,
    });
  });

  it("counts a paused connection's refused requests as client errors and logs them; nothing is written", async () => {
    const { id, secret } = await connect('paused');
    const paused = await sut.gql(
      `mutation($id: ID!) { setConnectionStatus(id: $id, status: PAUSED) { status } }`,
      {
        id,
      },
    );
    expect(paused.errors).toBeUndefined();

    const refused = await sut.http
      .post('/scim/v2/Users')
      .set('Authorization', `Bearer ${secret}`)
      .send({ schemas: [USER], userName: 'while-paused@example.com' });
    const refusedV1 = await sut.http.get('/scim/v1/Users').set('Authorization', `Bearer ${secret}`);

    expect(refused.status).toBe(403);
    expect(refusedV1.status).toBe(403);
    expect(await healthOf(id)).toMatchObject({
      total: { ok: 0, clientError: 2, serverError: 0 },
      usersCreated: 0,
      lastError: { status: 403, detail: expect.stringContaining('paused') },
    });
    expect(await logOf(id)).toEqual([
      { method: 'GET', path: '/scim/v1/Users', status: 403 },
      { method: 'POST', path: '/scim/v2/Users', status: 403 },
    ]);
    const users = await sut.http
      .get('/scim/v2/Users')
      .query({ filter: 'userName eq "while-paused@example.com"' })
      .set('Authorization', `Bearer ${sut.tenant.scimToken}`);
    expect(users.body.totalResults).toBe(0);
  });

  it('a 401 with an unknown token is attributed to no connection', async () => {
    const { id } = await connect('untouched');
    const res = await sut.http
      .get('/scim/v2/Users')
      .set('Authorization', 'Bearer idt_not-a-real-token-at-all-000000');
    expect(res.status).toBe(401);
    expect(await healthOf(id)).toMatchObject({ total: { ok: 0, clientError: 0, serverError: 0 } });
    expect(await logOf(id)).toEqual([]);
  });
});
