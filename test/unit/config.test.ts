import { availableParallelism } from 'node:os';
import { ConfigError, defaultHashConcurrency, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('serves on port 4000 with SQLite and a localhost public URL when nothing is set', () => {
    const sut = loadConfig({});
    expect(sut.port).toBe(4000);
    expect(sut.databaseUrl).toBeUndefined();
    expect(sut.publicUrl).toBe('http://localhost:4000');
    expect(Object.isFrozen(sut)).toBe(true);
  });

  it('accepts sqlite and mysql database URLs', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).databaseUrl).toBe('sqlite:/tmp/x.sqlite');
    expect(loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/db' }).databaseUrl).toBe(
      'mysql://root@127.0.0.1:3306/db',
    );
  });

  it('strips a trailing slash from PUBLIC_URL so printed URLs have no double slash', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://id.example.com/' }).publicUrl).toBe('https://id.example.com');
  });

  it('reports every invalid variable at once', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'postgres://x',
        LOG_LEVEL: 'loud',
        BOOTSTRAP_ADMIN_TOKEN: 'short',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/LOG_LEVEL/);
    expect(problems).toMatch(/BOOTSTRAP_ADMIN_TOKEN/);
  });

  it('refuses a JWT secret too short to resist brute force', () => {
    expect(() => loadConfig({ JWT_SECRET: 'tiny' })).toThrow(/JWT_SECRET/);
  });

  it('refuses both a JWT secret and a public key, since only one may verify tokens', () => {
    expect(() => loadConfig({ JWT_SECRET: 'x'.repeat(32), JWT_PUBLIC_KEY: 'key' })).toThrow(/not both/);
  });
  it.each([
    ['true', true],
    ['false', false],
    ['2', 2],
    ['loopback', 'loopback'],
    ['loopback, 10.0.0.0/8, fd00::/8', 'loopback, 10.0.0.0/8, fd00::/8'],
    ['192.168.1.1/255.255.255.0', '192.168.1.1/255.255.255.0'],
  ])('accepts TRUST_PROXY=%s as Express understands it', (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });

  it.each(['yes', '10.0.0.0/33', 'loopback,proxy.example.com', '1.2.3'])(
    'reports TRUST_PROXY=%s with the other configuration errors, naming the variable',
    (raw) => {
      expect(() => loadConfig({ TRUST_PROXY: raw, PORT: 'x' })).toThrow(/PORT[\s\S]*TRUST_PROXY must be/);
    },
  );

  it('DB_CONNECT_RETRY_SECONDS defaults to 0 (fail at once) and is bounded', () => {
    expect(loadConfig({}).dbConnectRetrySeconds).toBe(0);
    expect(loadConfig({ DB_CONNECT_RETRY_SECONDS: '30' }).dbConnectRetrySeconds).toBe(30);
    expect(() => loadConfig({ DB_CONNECT_RETRY_SECONDS: '-1' })).toThrow(/DB_CONNECT_RETRY_SECONDS/);
  });

  it('HEAP_GROWTH_PERCENT defaults to 100, 0 leaves V8 its own policy, and it is bounded', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(100);
    expect(loadConfig({ HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(() => loadConfig({ HEAP_GROWTH_PERCENT: '301' })).toThrow(/HEAP_GROWTH_PERCENT/);
  });

  it('hashes passwords on all cores but one by default, one at least and two at most', () => {
    expect([1, 2, 3, 4, 64].map(defaultHashConcurrency)).toEqual([1, 1, 2, 2, 2]);
    expect(loadConfig({}).passwordHashConcurrency).toBe(defaultHashConcurrency(availableParallelism()));
    expect(loadConfig({ PASSWORD_HASH_CONCURRENCY: '4' }).passwordHashConcurrency).toBe(4);
    expect(() => loadConfig({ PASSWORD_HASH_CONCURRENCY: '0' })).toThrow(/PASSWORD_HASH_CONCURRENCY/);
  });

  it('admits twice the MySQL pool at once by default, and four times as many in the queue', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/db' }).admission).toEqual({
      maxInFlight: 20,
      maxQueued: 80,
      maxQueueMs: 5_000,
      retryAfterSeconds: 1,
      refusalsPerSecond: 1_000,
    });
    const pool = loadConfig({ DATABASE_URL: 'mariadb://root@127.0.0.1:3306/db?poolSize=25' });
    expect(pool.admission.maxInFlight).toBe(50);
    expect(loadConfig({}).admission.maxInFlight).toBe(16);
    expect(loadConfig({ MAX_IN_FLIGHT: '3', MAX_QUEUE: '0' }).admission).toMatchObject({
      maxInFlight: 3,
      maxQueued: 0,
    });
  });

  it('serves no /metrics unless METRICS_TOKEN or METRICS_PORT is set, and refuses a guessable token', () => {
    expect(loadConfig({}).metrics).toEqual({ token: undefined, port: undefined });
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics.port).toBe(9464);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });
});
