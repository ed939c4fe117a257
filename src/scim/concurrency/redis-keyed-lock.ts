import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { KeyedLock } from './keyed-lock';
import type { WriteLocks } from './keyed-lock';

const PREFIX = 'identity:write-lock:';
/** A holder that died keeps the lock at most this long; work that outlives it is still safe (see below). */
const LEASE_MS = 10_000;
/** How long a PATCH waits for another instance's before going ahead on the version check alone. */
const WAIT_MS = 15_000;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Serializes read-apply-write per resource across instances: first in this process (KeyedLock, so
 * one instance sends Redis one waiter per key), then through a Redis lease (SET NX PX, released only
 * by its holder). The lease is an optimisation, not the guarantee: writes still carry the version
 * read, so when Redis is unreachable, a lease expires mid-work or the wait runs out, a racing write
 * fails with a version conflict and the PATCH is re-applied to the new state — no update is lost,
 * it only costs retries. That is why a Redis failure lets the work run (with a warning).
 */
export class RedisKeyedLock implements WriteLocks {
  private readonly local = new KeyedLock();

  constructor(
    private readonly redis: Redis,
    private readonly warn: (error: unknown) => void,
    private readonly sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    return this.local.run(key, async () => {
      const token = await this.acquire(PREFIX + key);
      try {
        return await work();
      } finally {
        if (token) await this.redis.eval(RELEASE, 1, PREFIX + key, token).catch(this.warn);
      }
    });
  }

  /** The lease's token once held; undefined when Redis failed or the wait ran out. */
  private async acquire(key: string): Promise<string | undefined> {
    const token = randomUUID();
    const deadline = Date.now() + WAIT_MS;
    try {
      for (let attempt = 0; Date.now() < deadline; attempt++) {
        if ((await this.redis.set(key, token, 'PX', LEASE_MS, 'NX')) === 'OK') return token;
        await this.sleep(Math.min(50, 5 + attempt * 5) * (0.5 + Math.random()));
      }
    } catch (error) {
      this.warn(error);
    }
    return undefined;
  }
}
