import type { Redis } from 'ioredis';

/**
 * "Something an instance may remember changed" notices, keyed by organization: extension attribute
 * definitions, which the domain and the SCIM facade cache. Listeners of this process hear a notice
 * at once; with REDIS_URL, every other instance hears it through Redis pub/sub. A notice lost while
 * Redis is away costs staleness up to the caches' own time limit, never a wrong write: the caches
 * keep their TTLs.
 */
export interface ChangeFeed {
  publish(organizationId: string): void;
  subscribe(listener: (organizationId: string) => void): void;
  close(): Promise<void>;
}

/** One process: a notice goes to this process's listeners. */
export class LocalChangeFeed implements ChangeFeed {
  private readonly listeners: ((organizationId: string) => void)[] = [];

  publish(organizationId: string): void {
    for (const listener of this.listeners) listener(organizationId);
  }

  subscribe(listener: (organizationId: string) => void): void {
    this.listeners.push(listener);
  }

  async close(): Promise<void> {}
}

const CHANNEL = 'identity:changes:extension-definitions';

/** Every instance: this process's listeners at once, the others through a Redis channel. */
export class RedisChangeFeed extends LocalChangeFeed {
  private constructor(
    private readonly redis: Redis,
    private readonly subscriber: Redis,
    private readonly warn: (error: unknown) => void,
  ) {
    super();
  }

  /** Subscribes on its own connection (a subscribed Redis connection can do nothing else). */
  static async open(redis: Redis, warn: (error: unknown) => void): Promise<RedisChangeFeed> {
    const subscriber = redis.duplicate();
    subscriber.on('error', warn);
    const feed = new RedisChangeFeed(redis, subscriber, warn);
    subscriber.on('message', (channel: string, organizationId: string) => {
      if (channel === CHANNEL) feed.heard(organizationId);
    });
    await subscriber.connect();
    await subscriber.subscribe(CHANNEL);
    return feed;
  }

  override publish(organizationId: string): void {
    super.publish(organizationId);
    this.redis.publish(CHANNEL, organizationId).catch(this.warn);
  }

  /** A notice from Redis (another instance's, or this one's echo: forgetting twice is harmless). */
  private heard(organizationId: string): void {
    super.publish(organizationId);
  }

  override async close(): Promise<void> {
    await this.subscriber.quit().catch(() => this.subscriber.disconnect());
  }
}
