import request from 'supertest';
import { createApp } from '../../../src/app';
import type { App } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/http/logger';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';
import { createTestDatabase } from '../../fixtures/test-database';

const CREATE_TOKEN = `mutation($input: ApiTokenInput!) { createApiToken(input: $input) { secret token { id } } }`;
const CREATE_CONNECTION = `mutation($input: CreateConnectionInput!) { createConnection(input: $input) { secret connection { id } } }`;
const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';

/**
 * API tokens are looked up by their secret once and then answered from memory for at most a second
 * (TokenLookupCache). A change made through an instance takes effect there at once; a change made
 * through another instance on the same database within a second.
 */
describe('the token lookup cache', () => {
  let sut: TestApp;
  let second: App;
  const secondQueries: string[] = [];

  beforeAll(async () => {
    const database = await createTestDatabase();
    sut = await startTestApp({}, database);
    second = await createApp(loadConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }), {
      logger: createLogger('silent'),
      onQuery: (sql) => secondQueries.push(sql),
    });
  });
  afterAll(async () => {
    await second.close();
    await sut.close();
  });

  const tokenLookups = (queries: readonly string[]) =>
    queries.filter((sql) => /FROM\s+\S*api_tokens\S*\s+t\s+LEFT JOIN/i.test(sql)).length;
  const scimGet = (secret: string, http: ReturnType<typeof request> = sut.http) =>
    http.get('/scim/v2/ServiceProviderConfig').set('Authorization', `Bearer ${secret}`);
  const newToken = async (input: Record<string, unknown> = {}) => {
    const result = await sut.gql<{ createApiToken: { secret: string; token: { id: string } } }>(
      CREATE_TOKEN,
      { input: { name: 'cached', scopes: ['scim'], ...input } },
    );
    expect(result.errors).toBeUndefined();
    return { secret: result.data!.createApiToken.secret, id: result.data!.createApiToken.token.id };
  };

  it('answers a repeated token from memory: one lookup, then none', async () => {
    const { secret } = await newToken();
    sut.queries.length = 0;
    expect((await scimGet(secret)).status).toBe(200);
    expect(tokenLookups(sut.queries)).toBe(1);
    sut.queries.length = 0;
    for (let i = 0; i < 3; i++) expect((await scimGet(secret)).status).toBe(200);
    expect(tokenLookups(sut.queries)).toBe(0);
  });

  it('refuses a revoked token at once on the instance that revoked it', async () => {
    const { secret, id } = await newToken();
    expect((await scimGet(secret)).status).toBe(200);
    const revoked = await sut.gql(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id });
    expect(revoked.errors).toBeUndefined();
    expect((await scimGet(secret)).status).toBe(401);
  });

  it('refuses a rotated secret at once and accepts the new one', async () => {
    const { secret, id } = await newToken();
    expect((await scimGet(secret)).status).toBe(200);
    const rotated = await sut.gql<{ rotateApiToken: { secret: string } }>(
      `mutation($id: ID!) { rotateApiToken(id: $id) { secret } }`,
      { id },
    );
    expect(rotated.errors).toBeUndefined();
    expect((await scimGet(secret)).status).toBe(401);
    expect((await scimGet(rotated.data!.rotateApiToken.secret)).status).toBe(200);
  });

  it('refuses a paused connection at once, and serves it again at once when resumed', async () => {
    const created = await sut.gql<{ createConnection: { secret: string; connection: { id: string } } }>(
      CREATE_CONNECTION,
      { input: { name: 'Okta (cache test)', kind: 'OKTA_SCIM2' } },
    );
    expect(created.errors).toBeUndefined();
    const { secret, connection } = created.data!.createConnection;
    const setStatus = (status: string) =>
      sut.gql(
        `mutation($id: ID!, $s: ConnectionStatus!) { setConnectionStatus(id: $id, status: $s) { id } }`,
        {
          id: connection.id,
          s: status,
        },
      );
    expect((await scimGet(secret)).status).toBe(200);
    expect((await setStatus('PAUSED')).errors).toBeUndefined();
    expect((await scimGet(secret)).status).toBe(403);
    expect((await setStatus('ACTIVE')).errors).toBeUndefined();
    expect((await scimGet(secret)).status).toBe(200);
  });

  it("refuses a user's personal token at once when the user is deactivated", async () => {
    const user = await sut.http
      .post('/scim/v2/Users')
      .set('Authorization', `Bearer ${sut.tenant.scimToken}`)
      .send({ schemas: [SCIM_USER], userName: 'personal.cache@example.com', active: true });
    expect(user.status).toBe(201);
    const { secret } = await newToken({ userId: user.body.id, scopes: ['identity:read'] });
    const viewer = (s: string) =>
      sut.http.post('/graphql').set('Authorization', `Bearer ${s}`).send({ query: '{ viewer { subject } }' });
    expect((await viewer(secret)).body.errors).toBeUndefined();
    const deactivated = await sut.gql(`mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }`, {
      id: user.body.id,
    });
    expect(deactivated.errors).toBeUndefined();
    expect((await viewer(secret)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('keeps answering from memory when a user without personal tokens is deactivated', async () => {
    const user = await sut.http
      .post('/scim/v2/Users')
      .set('Authorization', `Bearer ${sut.tenant.scimToken}`)
      .send({ schemas: [SCIM_USER], userName: 'no.tokens@example.com', active: true });
    expect(user.status).toBe(201);
    const { secret } = await newToken();
    expect((await scimGet(secret)).status).toBe(200);
    const deactivated = await sut.gql(`mutation($id: ID!) { setUserActive(id: $id, active: false) { id } }`, {
      id: user.body.id,
    });
    expect(deactivated.errors).toBeUndefined();
    sut.queries.length = 0;
    expect((await scimGet(secret)).status).toBe(200);
    expect(tokenLookups(sut.queries)).toBe(0);
  });

  it('refuses a token revoked through another instance within a second', async () => {
    const { secret, id } = await newToken();
    const other = request(second.express);
    expect((await scimGet(secret, other)).status).toBe(200);
    secondQueries.length = 0;
    expect((await scimGet(secret, other)).status).toBe(200);
    expect(tokenLookups(secondQueries)).toBe(0); // the second instance answers from memory
    // Every request that starts a second or more after the revocation began must be refused.
    const revoking = Date.now();
    const revoked = await sut.gql(`mutation($id: ID!) { revokeApiToken(id: $id) { id } }`, { id });
    expect(revoked.errors).toBeUndefined();
    expect((await scimGet(secret)).status).toBe(401);
    let lastServed = revoking;
    let status = 200;
    while (status === 200 && Date.now() - revoking < 3_000) {
      const started = Date.now();
      status = (await scimGet(secret, other)).status;
      if (status === 200) lastServed = started;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(status).toBe(401);
    expect(lastServed - revoking).toBeLessThan(1_000);
  });
});
