import './support/no-secrets-in-logs';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import request from 'supertest';
import { createApp } from '../../src/app';
import type { App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { runTs } from '../fixtures/spawn-node';
import { TcpProxy } from '../fixtures/tcp-proxy';
import type { TestApp } from '../fixtures/test-app';
import { createTestDatabase } from '../fixtures/test-database';
import { recordFigure } from './support/figures';
import { logCapture } from './support/log-capture';
import { bearer, startReliableApp } from './support/reliable-app';

/** Needs Redis at 127.0.0.1:6379 (`.ci/run` starts it). Each test uses its own client address. */
const REDIS_URL = 'redis://127.0.0.1:6379/3';
const viewer = { query: '{ viewer { subject } }' };
const address = () => `198.18.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;

describe('rate limits in Redis (REDIS_URL): shared by every instance', () => {
  let first: TestApp;
  let second: App;
  let redis: Redis;
  const env = {
    REDIS_URL,
    RATE_LIMIT_PER_MINUTE: '6',
    AUTH_FAILURE_LIMIT_PER_MINUTE: '4',
    TRUST_PROXY: 'loopback',
  };

  beforeAll(async () => {
    const database = await createTestDatabase();
    first = await startReliableApp(env, database);
    // A second instance on the same database and the same Redis, as behind a load balancer.
    const config = loadConfig({ DATABASE_URL: database.url, ...env });
    second = await createApp(config, { logger: logCapture.logger() });
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    redis.disconnect();
    await second.close();
    await first.close();
  });

  it('counts a credential’s requests across instances: the 7th, on either, is 429', async () => {
    const token = first.tenant.adminToken;
    const from = { 'X-Forwarded-For': address() };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const target = i % 2 === 0 ? first.http : request(second.express);
      statuses.push((await target.post('/graphql').set(from).set(bearer(token)).send(viewer)).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect(
      (await request(second.express).post('/graphql').set(from).set(bearer(token)).send(viewer)).status,
    ).toBe(429);
    expect((await first.http.get('/scim/v2/Users').set(bearer(token))).status).toBe(429);
    recordFigure('redis', 'shared budget of 6/min over two instances: statuses, then the 7th', {
      statuses,
      seventh: 429,
    });
  });

  it('keys counters by a hash of the credential: the token never reaches Redis', async () => {
    const token = first.tenant.scimToken;
    await first.http.get('/scim/v2/Users').set(bearer(token));
    const keys = await redis.keys('identity:rate:*');
    const hash = createHash('sha256').update(`rate-limit:${token}`).digest('hex');
    expect(keys).toContain(`identity:rate:requests:credential:${hash}`);
    expect(keys.join('\n')).not.toContain(token);
    expect(keys.join('\n')).not.toContain(token.slice(4, 20));
    recordFigure('redis', 'key of a credential counter', 'identity:rate:requests:credential:<sha256>');
  });

  it('counts failed authentications per client address across instances', async () => {
    const from = { 'X-Forwarded-For': address() };
    const wrong = bearer(`idt_${randomBytes(24).toString('base64url')}`);
    for (const target of [first.http, request(second.express), first.http, request(second.express)]) {
      expect((await target.get('/scim/v2/Users').set(from).set(wrong)).status).toBe(401);
    }
    const blocked = await request(second.express)
      .get('/scim/v2/Users')
      .set(from)
      .set(bearer(first.tenant.scimToken));
    expect(blocked.status).toBe(429);
    expect(blocked.body.status).toBe('429');
    recordFigure('redis', 'failed authentications over two instances before 429 (limit 4)', 4);
  });
});

describe('when Redis goes away', () => {
  let proxy: TcpProxy;
  let sut: TestApp;

  beforeAll(async () => {
    proxy = new TcpProxy('127.0.0.1', 6379);
    const port = await proxy.start();
    sut = await startReliableApp({ REDIS_URL: `redis://127.0.0.1:${port}/3`, RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await proxy.restore();
    await sut.close();
    await proxy.cut();
  });

  it('lets requests through unlimited (logged), and limits again once Redis is back', async () => {
    const token = sut.tenant.adminToken;
    await proxy.cut();
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      statuses.push((await sut.http.post('/graphql').set(bearer(token)).send(viewer)).status);
    }
    const failOpenMs = Date.now() - started;
    expect(statuses).toEqual(Array(6).fill(200));
    // Throttled: one warning per 10 s of outage, not one per request.
    const warnings = logCapture.lines.filter((l) => l.includes('rate limiting degraded')).length;
    expect(warnings).toBeGreaterThanOrEqual(1);
    expect(warnings).toBeLessThanOrEqual(1 + Math.floor(failOpenMs / 10_000));

    await proxy.restore();
    const restored = Date.now();
    const afterRestore: number[] = [];
    for (let i = 0; i < 40 && !afterRestore.includes(429); i++) {
      afterRestore.push((await sut.http.post('/graphql').set(bearer(token)).send(viewer)).status);
      if (!afterRestore.includes(429)) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(afterRestore).toContain(429);
    // Nothing but 200s before limiting resumed: the restore never turned into errors.
    expect(new Set(afterRestore.slice(0, -1))).toEqual(new Set(afterRestore.length > 1 ? [200] : []));
    recordFigure('redis', 'Redis cut: statuses while cut, warnings logged, requests until limiting resumed', {
      whileCut: statuses,
      warnings,
      requestsAfterRestoreUntil429: afterRestore.length,
      resumedAfterMs: Date.now() - restored,
    });
  });

  it('refuses to start when REDIS_URL cannot be reached: the process exits non-zero, before touching the database', async () => {
    const closed = new TcpProxy('127.0.0.1', 6379);
    const port = await closed.start();
    await closed.cut();
    // A writable path whose file does not exist yet: opening the database would create it.
    const dir = mkdtempSync(path.join(tmpdir(), 'redis-first-'));
    const file = path.join(dir, 'identity.sqlite');
    try {
      const result = await runTs('src/main.ts', [], {
        REDIS_URL: `redis://127.0.0.1:${port}`,
        DATABASE_URL: `sqlite:${file}`,
        PORT: '0',
        LOG_LEVEL: 'silent',
      });
      logCapture.output(result.stdout + result.stderr);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/Failed to start: Redis at REDIS_URL is unreachable/);
      expect(existsSync(file)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
