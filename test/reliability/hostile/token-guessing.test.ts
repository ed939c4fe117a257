import '../support/no-secrets-in-logs';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { TestApp } from '../../fixtures/test-app';
import { createTestDatabase } from '../../fixtures/test-database';
import type { TestDatabase } from '../../fixtures/test-database';
import { scanAllTables } from '../support/consistency';
import { recordFigure } from '../support/figures';
import { logCapture } from '../support/log-capture';
import { bearer, startReliableApp } from '../support/reliable-app';

const randomToken = () => `idt_${randomBytes(24).toString('base64url')}`;
/** The real token with only its last characters changed: a guess that is "almost right". */
const nearMiss = (token: string) => `${token.slice(0, -4)}${randomBytes(3).toString('base64url')}`;

describe('token guessing', () => {
  let database: TestDatabase;
  let sut: TestApp;
  let server: Server;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    database = await createTestDatabase();
    sut = await startReliableApp({ AUTH_FAILURE_LIMIT_PER_MINUTE: '0' }, database);
    server = sut.app.express.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    http = request(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await sut.close();
  });

  it('looks a token up by its SHA-256 hash: the secret is neither stored nor in any SQL text', async () => {
    const guess = nearMiss(sut.tenant.scimToken);
    logCapture.secret(guess);
    sut.queries.length = 0;
    expect((await http.get('/scim/v2/Users').set(bearer(guess))).status).toBe(401);
    expect(sut.queries.some((sql) => /secret_hash\s*=\s*\?/.test(sql))).toBe(true);
    expect(sut.queries.join('\n')).not.toContain(guess.slice(4));
    expect((await http.get('/scim/v2/Users').set(bearer(sut.tenant.scimToken))).status).toBe(200);
    // Every table the database has (listed from it): no secret past its displayed prefix, no guess.
    const secrets = [sut.tenant.adminToken, sut.tenant.scimToken, sut.tenant.readToken, guess];
    const { tables, found } = await scanAllTables(
      database.url,
      secrets.map((secret) => secret.slice(12)),
    );
    expect(tables).toEqual(expect.arrayContaining(['api_tokens', 'users', 'audit_events']));
    expect(found).toEqual([]);
  });

  it('runs exactly the same statements for a near miss as for a random guess', async () => {
    // Why a near miss cannot be told apart: the secret never reaches a comparison; its SHA-256 is
    // looked up, so how close a guess is changes nothing the database or the code does. (Response
    // times are not compared: a sub-millisecond difference cannot be measured on a shared machine.)
    const statementsFor = async (token: string) => {
      logCapture.secret(token);
      sut.queries.length = 0;
      const res = await http.get('/scim/v2/ServiceProviderConfig').set(bearer(token));
      expect(res.status).toBe(401);
      // The request log's and hourly counters' writes run on timers, for earlier requests: not the guess's.
      const own = sut.queries.filter((sql) => !/connection_requests|connection_hourly_counts/i.test(sql));
      return { statements: own, body: res.text };
    };
    await statementsFor(randomToken()); // warm-up: caches filled the same way for both below
    for (let i = 0; i < 20; i++) {
      const near = await statementsFor(nearMiss(sut.tenant.scimToken));
      const random = await statementsFor(randomToken());
      expect(near).toEqual(random);
      expect(near.statements.length).toBeGreaterThan(0);
    }
  });
});

describe('token guessing is rate-limited per client address (default: 100 failures a minute)', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startReliableApp({ TRUST_PROXY: 'loopback' });
  });
  afterAll(() => sut.close());

  it('turns a guessing client away with 429 after 100 failed attempts, over SCIM and GraphQL alike', async () => {
    const from = { 'X-Forwarded-For': '192.0.2.66' };
    const statuses: number[] = [];
    for (let i = 0; i < 105; i++) {
      const guess = randomToken();
      logCapture.secret(guess);
      const res =
        i % 2 === 0
          ? await sut.http.get('/scim/v2/Users').set(from).set(bearer(guess))
          : await sut.http
              .post('/graphql')
              .set(from)
              .set(bearer(guess))
              .send({ query: '{ viewer { subject } }' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 100)).toEqual(Array(100).fill(401));
    expect(statuses.slice(100)).toEqual(Array(5).fill(429));
    // Another client is not affected.
    const other = await sut.http
      .get('/scim/v2/Users')
      .set('X-Forwarded-For', '192.0.2.67')
      .set(bearer(sut.tenant.scimToken));
    expect(other.status).toBe(200);
    recordFigure('hostile', 'token guessing: 429 after failed attempts (default limit)', {
      firstRefusedAt: statuses.indexOf(429) + 1,
    });
  });
});
