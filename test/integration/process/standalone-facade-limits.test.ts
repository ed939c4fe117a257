import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exitCode, freePort, spawnTs, waitForOutput } from '../../fixtures/spawn-node';
import type { TestApp } from '../../fixtures/test-app';
import { newTokenSecret, startTestApp } from '../../fixtures/test-app';

// The standalone facade (`npm run start:scim`) in front of a subgraph with a small failed-
// authentication budget. Clients are told apart by binding their sockets to different loopback
// addresses; the facade reaches the subgraph from 127.0.0.1, the one address the subgraph's
// TRUST_PROXY trusts.
jest.setTimeout(120_000);

const LIMIT = 3;
const FACADE = '127.0.0.1';
const CLIENT_A = '127.0.0.2';
const CLIENT_B = '127.0.0.3';
const CLIENT_C = '127.0.0.4';
const STRANGER = '127.0.0.5';

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** One HTTP request from `localAddress`. */
function send(
  localAddress: string,
  url: string,
  token: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        localAddress,
        headers: {
          Authorization: `Bearer ${token}`,
          ...(body !== undefined && { 'Content-Type': 'application/json' }),
          ...options.headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the standalone SCIM facade and the subgraph’s failed-authentication limit', () => {
  let subgraph: TestApp;
  let server: Server;
  let facade: ChildProcess;
  let graphqlUrl: string;
  let scimUrl: string;

  beforeAll(async () => {
    subgraph = await startTestApp({
      TRUST_PROXY: FACADE,
      AUTH_FAILURE_LIMIT_PER_MINUTE: String(LIMIT),
    });
    server = subgraph.app.express.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    graphqlUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const port = await freePort();
    facade = spawnTs('src/scim-main.ts', [], {
      GRAPHQL_URL: graphqlUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      AUTH_FAILURE_LIMIT_PER_MINUTE: String(LIMIT),
      LOG_LEVEL: 'warn',
    });
    await waitForOutput(facade, /SCIM Base URL/, 90_000);
    scimUrl = `http://127.0.0.1:${port}/scim/v2`;
  });
  afterAll(async () => {
    if (facade) {
      facade.kill('SIGTERM');
      await exitCode(facade);
    }
    await new Promise((resolve) => server?.close(resolve));
    await subgraph?.close();
  });

  const viewer = (from: string, headers: Record<string, string> = {}, token = subgraph.tenant.adminToken) =>
    send(from, graphqlUrl, token, { method: 'POST', body: { query: '{ viewer { scopes } }' }, headers });

  it('counts bad tokens against the client that sent them: another client’s good token still works', async () => {
    for (let i = 0; i < LIMIT; i++) {
      expect((await send(CLIENT_A, `${scimUrl}/Users`, newTokenSecret())).status).toBe(401);
    }
    // The client that guessed is stopped, by the facade and by the subgraph alike...
    expect((await send(CLIENT_A, `${scimUrl}/Users`, subgraph.tenant.scimToken)).status).toBe(429);
    expect((await viewer(CLIENT_A)).status).toBe(429);

    // ...and nobody else is: not through the facade, not at the subgraph.
    const other = await send(CLIENT_B, `${scimUrl}/Users?count=1`, subgraph.tenant.scimToken);
    expect(other.status).toBe(200);
    expect(JSON.parse(other.body)).toMatchObject({ totalResults: 0 });
    const created = await send(CLIENT_B, `${scimUrl}/Users`, subgraph.tenant.scimToken, {
      method: 'POST',
      body: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'after.guessing@example.com',
      },
      headers: { 'Content-Type': 'application/scim+json' },
    });
    expect(created.status).toBe(201);
    expect((await viewer(CLIENT_C)).status).toBe(200);
  });

  it('ignores a forwarded address from a client the subgraph does not trust', async () => {
    for (let i = 0; i < LIMIT; i++) {
      const guess = await viewer(STRANGER, { 'X-Forwarded-For': `198.51.100.${i + 1}` }, newTokenSecret());
      expect(guess.status).toBe(401);
    }

    expect((await viewer(STRANGER, { 'X-Forwarded-For': '198.51.100.99' })).status).toBe(429);
  });
});
