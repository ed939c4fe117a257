import type { Logger } from '../http/logger';
import { KeyedLock } from '../scim/concurrency/keyed-lock';
import type { WriteLocks } from '../scim/concurrency/keyed-lock';
import { RedisKeyedLock } from '../scim/concurrency/redis-keyed-lock';
import { PageCursorCache } from '../scim/listing/page-cursor-cache';
import type { PageCursors } from '../scim/listing/page-cursor-cache';
import { RedisPageCursorCache } from '../scim/listing/redis-page-cursor-cache';
import type { ChangeFeed } from './change-feed';
import { LocalChangeFeed, RedisChangeFeed } from './change-feed';
import { connectSharedRedis, throttledWarning } from './redis-connection';

/**
 * Cross-request memory that changes answers when instances do not share it (docs/scaling.md lists
 * every piece). Without REDIS_URL it lives in this process, as a single instance needs; with it, in
 * Redis, falling back to this process's copy (with a warning) whenever Redis does not answer.
 */
export interface SharedState {
  readonly pageCursors: PageCursors;
  readonly writeLocks: WriteLocks;
  /** Extension attribute definitions changed in an organization: caches of them forget it. */
  readonly definitionChanges: ChangeFeed;
  close(): Promise<void>;
}

export async function createSharedState(redisUrl: string | undefined, logger: Logger): Promise<SharedState> {
  if (!redisUrl)
    return {
      pageCursors: new PageCursorCache(),
      writeLocks: new KeyedLock(),
      definitionChanges: new LocalChangeFeed(),
      close: async () => {},
    };
  const redis = await connectSharedRedis(redisUrl, logger);
  const warn = throttledWarning(logger, 'shared state degraded: falling back to this instance');
  const definitionChanges = await RedisChangeFeed.open(redis, warn);
  return {
    pageCursors: new RedisPageCursorCache(redis, warn),
    writeLocks: new RedisKeyedLock(redis, warn),
    definitionChanges,
    close: async () => {
      await definitionChanges.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
