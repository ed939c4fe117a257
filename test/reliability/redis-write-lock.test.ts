import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisKeyedLock } from '../../src/scim/concurrency/redis-keyed-lock';

/** Needs Redis at 127.0.0.1:6379 (`.ci/run` starts it). Two locks = two service instances. */
describe('per-resource PATCH serialization across instances (RedisKeyedLock)', () => {
  const clients: Redis[] = [];
  const client = (url = 'redis://127.0.0.1:6379/5') => {
    const redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    redis.on('error', () => undefined);
    clients.push(redis);
    return redis;
  };
  afterAll(() => clients.forEach((redis) => redis.disconnect()));

  it('starts another instance’s work on the same resource only after the first released it', async () => {
    const [a, b] = [client(), client()];
    await Promise.all([a.connect(), b.connect()]);
    const warnings: unknown[] = [];
    const sutA = new RedisKeyedLock(a, (e) => warnings.push(e));
    const sutB = new RedisKeyedLock(b, (e) => warnings.push(e));
    const key = `org:User:${randomUUID()}`;
    const events: string[] = [];
    let releaseA!: () => void;
    const held = new Promise<void>((resolve) => (releaseA = resolve));
    const first = sutA.run(key, async () => {
      events.push('a:start');
      await held;
      events.push('a:end');
    });
    while (events.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = sutB.run(key, async () => events.push('b:start'));
    // B had time to try many times while A still held the lease.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events).toEqual(['a:start']);
    releaseA();
    await Promise.all([first, second]);
    expect(events).toEqual(['a:start', 'a:end', 'b:start']);
    expect(warnings).toEqual([]);
  });

  it('lets different resources proceed at once', async () => {
    const redis = client();
    await redis.connect();
    const sut = new RedisKeyedLock(redis, () => undefined);
    let releaseA!: () => void;
    const held = new Promise<void>((resolve) => (releaseA = resolve));
    const first = sut.run(`org:User:${randomUUID()}`, () => held);
    await expect(sut.run(`org:User:${randomUUID()}`, async () => 'done')).resolves.toBe('done');
    releaseA();
    await first;
  });

  it('runs the work (with a warning) when Redis does not answer: the version check still guards it', async () => {
    const down = client('redis://127.0.0.1:1/0');
    const warnings: unknown[] = [];
    const sut = new RedisKeyedLock(down, (e) => warnings.push(e));
    await expect(sut.run('org:User:x', async () => 'applied')).resolves.toBe('applied');
    expect(warnings.length).toBeGreaterThan(0);
  });
});
