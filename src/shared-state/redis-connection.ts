import { Redis } from 'ioredis';
import { DomainError } from '../errors';
import type { Logger } from '../http/logger';

/**
 * A Redis connection for shared state that never makes a request wait on Redis: while disconnected
 * a command fails at once (no offline queue) and callers fall back to per-instance behaviour; the
 * client reconnects by itself. Only the first connection must succeed, so a wrong REDIS_URL fails
 * start-up instead of silently running every instance on its own.
 */
export async function connectSharedRedis(url: string, logger: Logger): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
  });
  const warn = throttledWarning(logger, 'shared state degraded: Redis unreachable');
  redis.on('error', (error: unknown) => warn(error));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new DomainError('UNAVAILABLE', `Redis at REDIS_URL is unreachable: ${(error as Error).message}`);
  }
  return redis;
}

/** At most one warning every 10 seconds: an unreachable Redis must not flood the log. */
export function throttledWarning(logger: Logger, message: string): (error: unknown) => void {
  let last = 0;
  return (error) => {
    const now = Date.now();
    if (now - last < 10_000) return;
    last = now;
    logger.warn({ err: error }, message);
  };
}
