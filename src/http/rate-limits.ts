import { createHash } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit } from 'express-rate-limit';
import type { Options, Store } from 'express-rate-limit';
import { Redis } from 'ioredis';
import { RedisStore } from 'rate-limit-redis';
import type { RedisReply } from 'rate-limit-redis';
import { DomainError } from '../errors';
import { credentialOf } from './authenticator';
import type { Logger } from './logger';
import { refuse } from './refusal';

export interface RateLimitSettings {
  /** Requests per minute per credential; 0 turns the limit off. */
  readonly ratePerMinute: number;
  /** Failed authentications per minute per client address; 0 turns the limit off. */
  readonly authFailuresPerMinute: number;
  /** Counters in Redis (shared by every instance) when set, else in this process's memory. */
  readonly redisUrl?: string;
}

export interface RateLimits {
  /** The guards for every API route, in order: failed-authentication limit, then per-credential limit. */
  readonly handlers: readonly RequestHandler[];
  close(): Promise<void>;
}

const WINDOW_MS = 60_000;
const REDIS_PREFIX = 'identity:rate:';

/**
 * Two limits, both over a fixed one-minute window:
 * - per credential: every request counts against the credential it carries, keyed by a hash of the
 *   credential (the raw token or JWT is never a key, in memory or in Redis); requests without a
 *   credential count against their client address;
 * - per client address, failed authentications only: once an address has had this many 401s in the
 *   window, all of its requests get 429 until the window ends — a guessing client is stopped
 *   whether its next guess would be right or not, and successful requests never count. Behind a
 *   proxy set TRUST_PROXY, or every client shares the proxy's address.
 * With REDIS_URL the counters are shared by all instances; when Redis fails, requests pass (logged).
 */
export async function createRateLimits(settings: RateLimitSettings, logger: Logger): Promise<RateLimits> {
  // One throttle for every Redis complaint (client errors, both limiters): an outage is one warning
  // every 10 s, not one per component.
  const warn = throttledWarning(logger);
  const redis = settings.redisUrl ? await connectRedis(settings.redisUrl, warn) : undefined;
  const storeFor = (name: string): Store =>
    redis
      ? new ReloadingRedisStore({
          prefix: `${REDIS_PREFIX}${name}:`,
          sendCommand: (command: string, ...args: string[]) =>
            redis.call(command, ...args) as Promise<RedisReply>,
        })
      : new MemoryStore();
  const stores: Store[] = [];
  const handlers: RequestHandler[] = [];
  if (settings.authFailuresPerMinute > 0) {
    const store = storeFor('auth-failures');
    await store.init?.({ windowMs: WINDOW_MS } as Options);
    stores.push(store);
    handlers.push(failedAuthenticationLimit(store, settings.authFailuresPerMinute, warn));
  }
  if (settings.ratePerMinute > 0) {
    const store = storeFor('requests');
    stores.push(store);
    handlers.push(credentialLimit(store, settings.ratePerMinute, warn));
  }
  return {
    handlers,
    close: async () => {
      for (const store of stores) await store.shutdown?.();
      await redis?.quit().catch(() => redis.disconnect());
    },
  };
}

function credentialLimit(store: Store, limit: number, warn: Warn): RequestHandler {
  return rateLimit({
    windowMs: WINDOW_MS,
    limit,
    store,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: credentialKey,
    passOnStoreError: true,
    logger: { error: warn, warn },
    handler: (_req: Request, res: Response) =>
      refuse(
        res,
        new DomainError('RATE_LIMITED', 'Too many requests for this credential; retry later'),
        'rate_limit',
      ),
  });
}

/** The credential's SHA-256 (domain-separated from the stored token hash), or the client address. */
function credentialKey(req: Request): string {
  try {
    const credential = credentialOf(req.headers.authorization, { allowBasic: true });
    return `credential:${createHash('sha256').update(`rate-limit:${credential}`).digest('hex')}`;
  } catch {
    return `address:${clientAddress(req)}`;
  }
}

const clientAddress = (req: Request): string => ipKeyGenerator(req.ip ?? 'unknown');

function failedAuthenticationLimit(store: Store, limit: number, warn: Warn): RequestHandler {
  return async (req, res, next) => {
    const key = clientAddress(req);
    const seen = await Promise.resolve(store.get?.(key)).catch((error: unknown) => warn(error));
    const failures = Number(seen?.totalHits);
    if (Number.isFinite(failures) && failures >= limit) {
      const seconds = seen?.resetTime ? Math.ceil((seen.resetTime.getTime() - Date.now()) / 1000) : 60;
      res.setHeader('Retry-After', String(Math.min(60, Math.max(1, seconds))));
      refuse(
        res,
        new DomainError('RATE_LIMITED', 'Too many failed authentication attempts; retry later'),
        'auth_failures',
      );
      return;
    }
    res.once('finish', () => {
      if (res.statusCode === 401)
        Promise.resolve(store.increment(key)).catch((error: unknown) => warn(error));
    });
    next();
  };
}

/**
 * rate-limit-redis loads its Lua scripts once and keeps the promise: a load that failed (Redis was
 * unreachable or slow at that moment) would fail every later call, long after Redis is back. This
 * loads them again after any failure, so limiting resumes by itself.
 */
class ReloadingRedisStore extends RedisStore {
  override async get(key: string) {
    return super.get(key).catch((error: unknown) => this.reloadAndThrow(error));
  }

  override async increment(key: string) {
    return super.increment(key).catch((error: unknown) => this.reloadAndThrow(error));
  }

  private reloadAndThrow(error: unknown): never {
    this.incrementScriptSha = this.loadIncrementScript();
    this.getScriptSha = this.loadGetScript();
    // Whoever awaits them next sees a failure; nobody else must.
    this.incrementScriptSha.catch(() => undefined);
    this.getScriptSha.catch(() => undefined);
    throw error;
  }
}

async function connectRedis(url: string, warn: Warn): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail a command at once while disconnected (the request passes unlimited) instead of queueing it.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
  });
  redis.on('error', (error: unknown) => warn(error));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new DomainError('UNAVAILABLE', `Redis at REDIS_URL is unreachable: ${(error as Error).message}`);
  }
  return redis;
}

type Warn = (error: unknown, message?: string) => undefined;

/**
 * At most one warning every 10 seconds: an unreachable Redis must not flood the log. Also
 * express-rate-limit's own logger (store errors, misconfiguration).
 */
function throttledWarning(logger: Logger): Warn {
  let last = 0;
  return (error, message) => {
    const now = Date.now();
    if (now - last < 10_000) return undefined;
    last = now;
    logger.warn({ err: error }, message ?? 'rate limiting degraded: requests pass without limits');
    return undefined;
  };
}
