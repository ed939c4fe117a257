import '../support/no-secrets-in-logs';
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import type { TestApp } from '../../fixtures/test-app';
import { createTestDatabase } from '../../fixtures/test-database';
import type { TestDatabase } from '../../fixtures/test-database';
import { countRows } from '../support/consistency';
import { recordFigure } from '../support/figures';
import { logCapture } from '../support/log-capture';
import { bearer, startReliableApp } from '../support/reliable-app';

const randomToken = () => `idt_${randomBytes(24).toString('base64url')}`;
/** The real token with only its last characters changed: a guess that is "almost right". */
const nearMiss = (token: string) => `${token.slice(0, -4)}${randomBytes(3).toString('base64url')}`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

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
    for (const token of [sut.tenant.adminToken, sut.tenant.scimToken, sut.tenant.readToken]) {
      const escaped = token.slice(4).replace(/'/g, "''");
      expect(
        await countRows(
          database.url,
          `SELECT COUNT(*) FROM api_tokens WHERE secret_hash LIKE '%${escaped}%' OR prefix = '${escaped}' OR name LIKE '%${escaped}%'`,
        ),
      ).toBe(0);
    }
  });

  it('takes as long for a near miss as for a random guess (same timing class)', async () => {
    const samples = { random: [] as number[], nearMiss: [] as number[], valid: [] as number[] };
    const time = async (kind: keyof typeof samples, token: string, expected: number) => {
      const started = process.hrtime.bigint();
      const res = await http.get('/scim/v2/ServiceProviderConfig').set(bearer(token));
      samples[kind].push(Number(process.hrtime.bigint() - started) / 1e6);
      expect(res.status).toBe(expected);
    };
    for (let i = 0; i < 10; i++) await time('random', randomToken(), 401); // warm-up, discarded
    samples.random.length = 0;
    for (let i = 0; i < 120; i++) {
      const near = nearMiss(sut.tenant.scimToken);
      const random = randomToken();
      logCapture.secret(near, random);
      await time('nearMiss', near, 401);
      await time('random', random, 401);
      if (i % 4 === 0) await time('valid', sut.tenant.scimToken, 200);
    }
    const medians = {
      random: median(samples.random),
      nearMiss: median(samples.nearMiss),
      valid: median(samples.valid),
    };
    recordFigure('hostile', 'token guessing: median ms (random guess / near miss / valid)', medians);
    const gap = Math.abs(medians.random - medians.nearMiss);
    expect(gap).toBeLessThan(Math.max(3, 0.3 * Math.min(medians.random, medians.nearMiss)));
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
