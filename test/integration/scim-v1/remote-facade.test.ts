import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/http/logger';
import { createScimFacadeApp } from '../../../src/scim-facade-app';
import type { ScimClient } from '../../fixtures/scim-client';
import { expectStatus, scim, TEST_HOST } from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

const CORE = 'urn:scim:schemas:core:1.0';

/** /scim/v1 as the stand-alone facade runs it (GRAPHQL_URL): GraphQL over HTTP to the subgraph. */
describe('SCIM 1.1 facade against a remote subgraph', () => {
  let sut: TestApp;
  let server: Server;
  let facade: express.Express;
  let remote: ScimClient;

  beforeAll(async () => {
    sut = await startTestApp();
    server = createServer(sut.app.express);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const config = loadConfig({ GRAPHQL_URL: `http://127.0.0.1:${port}/graphql`, LOG_LEVEL: 'silent' });
    facade = (await createScimFacadeApp(config, createLogger('silent'))).express;
    remote = scim(facade, sut.tenant.scimToken, '/scim/v1');
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await sut.close();
  });

  it('creates, deactivates and pushes into a group; writes are audited as SCIM 1.1', async () => {
    const created = await remote.post('/Users', {
      schemas: [CORE],
      userName: 'remote.v1@example.com',
      active: true,
    });
    expectStatus(created, 201);
    expect(created.body.meta.location).toBe(`http://${TEST_HOST}/scim/v1/Users/${created.body.id}`);
    const id = created.body.id;
    const off = await remote.patch(`/Users/${id}`, { schemas: [CORE], id, active: false });
    expectStatus(off, 200);
    expect(off.body).toMatchObject({ schemas: [CORE], id, active: false });

    const group = (await remote.post('/Groups', { schemas: [CORE], displayName: 'Remote' })).body.id;
    expectStatus(await remote.patch(`/Groups/${group}`, { schemas: [CORE], members: [{ value: id }] }), 204);
    expect((await remote.get(`/Groups/${group}`)).body.members).toEqual([
      expect.objectContaining({ value: id }),
    ]);
    expectStatus(
      await remote.patch(`/Groups/${group}`, {
        schemas: [CORE],
        members: [{ value: id, operation: 'delete' }],
      }),
      204,
    );
    expect((await remote.get(`/Groups/${group}`)).body.members).toBeUndefined();

    const result = await sut.gql<{
      auditEvents: { nodes: { action: string; channel: string; notes: string[] }[] };
    }>(
      `query($id: String!) { auditEvents(filter: { targetId: $id }, first: 10) { nodes { action channel notes } } }`,
      { id },
    );
    expect([...result.data!.auditEvents.nodes].reverse()).toEqual([
      { action: 'user.create', channel: 'scim:1.1', notes: ['scim:1.1'] },
      { action: 'user.replace', channel: 'scim:1.1', notes: ['scim:1.1'] },
    ]);
  });

  it('errors keep the 1.1 format through the remote path', async () => {
    const res = await remote.post('/Users', { schemas: [CORE], userName: 'remote.v1@example.com' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ Errors: [{ description: expect.any(String), code: '409' }] });
    const wrong = await scim(facade, 'idt_notatokenatall0000000000000', '/scim/v1').get('/Users');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ Errors: [{ description: expect.any(String), code: '401' }] });
  });
});
