import { isIP } from 'node:net';
import { availableParallelism } from 'node:os';
import { parseSecretKey } from './domain/webhooks/secret-box';
import { DEFAULT_OPERATION_LIMITS } from './graphql/limits/operation-limits';
import type { JwtConfig } from './jwt-config';
import { readJwtConfig } from './jwt-config';

/**
 * The only reader of process.env. Every variable is parsed once, all problems are reported
 * together, and the result is a frozen, typed object passed down from the composition root.
 */
export interface Config {
  readonly port: number;
  readonly host: string;
  /**
   * Unset → SQLite at ./data/identity.sqlite; `sqlite:<path>`; `mysql://user:pass@host:3306/db`.
   * SQLite takes `?busyTimeout=MS` (default 5000): how long a write waits for another process's
   * lock, without blocking the event loop, before it fails with UNAVAILABLE.
   */
  readonly databaseUrl: string | undefined;
  readonly publicUrl: string;
  /** PUBLIC_URL as set; unset → SCIM `meta.location` follows each request's own host. */
  readonly explicitPublicUrl: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Static JWT_SECRET / JWT_PUBLIC_KEY, JWKS issuers, claim mapping: see jwt-config.ts. */
  readonly jwt: JwtConfig;
  readonly bootstrap: {
    readonly organizationSlug: string;
    readonly adminToken: string | undefined;
    readonly scimToken: string | undefined;
  };
  readonly graphqlIntrospection: boolean;
  /** Set → the SCIM facade sends its GraphQL operations to this URL instead of executing in-process. */
  readonly graphqlUrl: string | undefined;
  readonly scim: {
    readonly maxResults: number;
    readonly defaultCount: number;
    readonly bulkMaxOperations: number;
  };
  /**
   * Express `trust proxy` (default false). On a subgraph behind the standalone SCIM facade, the
   * facade's address: its `X-Forwarded-For` (the SCIM client) then keys the failed-auth limit.
   */
  readonly trustProxy: string | number | boolean;
  readonly corsOrigins: readonly string[];
  readonly bodyLimitBytes: number;
  /** How long in-flight requests may run after SIGTERM/SIGINT before their connections are closed. */
  readonly shutdownTimeoutMs: number;
  /** Keep retrying, with backoff, a database that is not reachable yet for this long at start; 0 = fail at once. */
  readonly dbConnectRetrySeconds: number;
  /** HEAP_GROWTH_PERCENT: V8's old-generation growth past the live heap (see heap-policy.ts); 0 = V8's own. */
  readonly heapGrowthPercent: number;
  /** PASSWORD_HASH_CONCURRENCY: passwords hashed at once (each scrypt holds 32 MiB and a core). */
  readonly passwordHashConcurrency: number;
  /** Admission control in front of every API route (see src/http/admission-control.ts). */
  readonly admission: {
    readonly maxInFlight: number;
    readonly maxQueued: number;
    readonly maxQueueMs: number;
    readonly retryAfterSeconds: number;
    readonly refusalsPerSecond: number;
  };
  /** What one client connection may hold (applied to the HTTP server by src/serve.ts). */
  readonly connections: {
    readonly maxConnections: number;
    readonly headersTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    readonly idleSocketTimeoutMs: number;
  };
  /** `/metrics`: on the API port behind `token` when set; only on `port` when that is set; else off. */
  readonly metrics: { readonly token: string | undefined; readonly port: number | undefined };
  readonly events: {
    /** EVENT_RETENTION_DAYS (default 30): how far back the events feed reaches; older payloads are purged hourly, an older cursor is CURSOR_EXPIRED. */
    readonly retentionDays: number;
  };
  readonly webhooks: {
    /** WEBHOOKS (default on): off → this instance runs no delivery worker (a read-only replica). */
    readonly enabled: boolean;
    /** WEBHOOK_ALLOW_PRIVATE (default false): allow private/loopback/link-local targets and plain http://. */
    readonly allowPrivate: boolean;
    /** WEBHOOK_SECRET_KEY (32 bytes, base64 or hex); unset → generated once and kept in the database. */
    readonly secretKey: Buffer | undefined;
    /** WEBHOOK_TIMEOUT_MS (default 10000): one delivery attempt, connect to answer. */
    readonly timeoutMs: number;
  };
  /** How often connection health counters are written from memory to the database (and on shutdown). */
  readonly connectionHealthFlushMs: number;
  readonly requestLog: {
    /** Days a connection's request log keeps an entry. */
    readonly days: number;
    /** Longest request or response body kept per entry, in bytes (longer ones are truncated with a marker). */
    readonly maxBodyBytes: number;
  };
  readonly limits: {
    /** Requests per minute per credential (keyed by the credential's hash); 0 = no limit. */
    readonly ratePerMinute: number;
    /** Failed authentications per minute per client address before it gets 429s; 0 = no limit. */
    readonly authFailuresPerMinute: number;
    /**
     * Shared state lives here when set (rate-limit counters, SCIM import-walk cursors, per-resource
     * PATCH leases: see docs/scaling.md); else in this process's memory. Default: unset.
     */
    readonly redisUrl: string | undefined;
    /** A request still running after this long is answered 503; 0 = no limit. */
    readonly requestTimeoutMs: number;
    /** DB_QUERY_TIMEOUT_MS as set (MySQL/MariaDB only); it is applied to `databaseUrl`. */
    readonly dbQueryTimeoutMs: number | undefined;
    readonly graphql: { readonly maxDepth: number; readonly maxAliases: number; readonly maxCost: number };
  };
}

type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

class Reader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
    return fallback;
  }

  url(name: string, protocols: readonly string[]): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    try {
      const url = new URL(raw);
      if (!protocols.includes(url.protocol)) throw new Error();
      return raw;
    } catch {
      this.problems.push(
        `${name} must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}`,
      );
      return undefined;
    }
  }

  token(name: string): string | undefined {
    const raw = this.string(name);
    if (raw !== undefined && !/^idt_[A-Za-z0-9_-]{20,200}$/.test(raw)) {
      this.problems.push(`${name} must be "idt_" followed by 20-200 characters of [A-Za-z0-9_-]`);
      return undefined;
    }
    return raw;
  }
}

function databaseUrl(reader: Reader): string | undefined {
  const raw = reader.string('DATABASE_URL');
  if (raw === undefined) return undefined;
  if (/^sqlite:.+/.test(raw) || /^(mysql|mariadb):\/\/.+/.test(raw)) return raw;
  reader.problems.push('DATABASE_URL must be sqlite:<path> or mysql://user:password@host:3306/database');
  return undefined;
}

/** DB_QUERY_TIMEOUT_MS becomes the MySQL URL's `queryTimeout` (SQLite statements run in-process). */
function withQueryTimeout(url: string | undefined, timeoutMs: number | undefined): string | undefined {
  if (url === undefined || timeoutMs === undefined || url.startsWith('sqlite:')) return url;
  const parsed = new URL(url);
  parsed.searchParams.set('queryTimeout', String(timeoutMs));
  return parsed.toString();
}

function optionalInteger(reader: Reader, name: string, min: number, max: number): number | undefined {
  return reader.string(name) === undefined ? undefined : reader.integer(name, 0, min, max);
}

const PROXY_PRESETS = ['loopback', 'linklocal', 'uniquelocal'];

/** Express's `trust proxy`: true/false, a hop count, or addresses, CIDR ranges and presets. */
function trustProxy(reader: Reader): string | number | boolean {
  const raw = reader.string('TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const invalid = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => !PROXY_PRESETS.includes(entry) && !isAddressOrRange(entry));
  if (invalid.length === 0) return raw;
  reader.problems.push(
    `TRUST_PROXY must be true, false, a number of proxy hops, or a comma-separated list of IP addresses, CIDR ranges and ${PROXY_PRESETS.join('/')} (got "${raw}"; not an address: ${invalid.map((e) => `"${e}"`).join(', ')})`,
  );
  return false;
}

function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (version === 4 && isIP(prefix) === 4) return true; // a netmask, e.g. 10.0.0.0/255.0.0.0
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * MAX_IN_FLIGHT defaults to twice the MySQL pool (a request spends part of its time outside the
 * database, so two per connection keep the pool busy without a queue behind it), 16 on SQLite or
 * without a database (statements run in-process, one at a time). The queue holds four times as
 * many, so an IdP's burst (50 parallel creates) waits rather than being refused. The queue's length,
 * not its deadline, bounds the wait of fast requests (80 behind 20 running drain in a few service
 * times); MAX_QUEUE_MS only cuts off waits behind slow ones (password hashing). In sustained
 * overload the waits become short and newest-first (src/http/admission-queue.ts), and refusals are
 * answered at most OVERLOAD_REFUSALS_PER_SECOND a second; refused clients are told to come back
 * about MAX_IN_FLIGHT + MAX_QUEUE per second (src/http/retry-schedule.ts), so clients that honour
 * Retry-After need far fewer.
 */
function admission(reader: Reader): Config['admission'] {
  const maxInFlight = reader.integer('MAX_IN_FLIGHT', 2 * databaseConnections(reader), 1, 100_000);
  return {
    maxInFlight,
    maxQueued: reader.integer('MAX_QUEUE', 4 * maxInFlight, 0, 1_000_000),
    maxQueueMs: reader.integer('MAX_QUEUE_MS', 5_000, 0, 60_000),
    retryAfterSeconds: reader.integer('OVERLOAD_RETRY_AFTER_SECONDS', 1, 1, 3_600),
    refusalsPerSecond: reader.integer('OVERLOAD_REFUSALS_PER_SECOND', 1_000, 1, 1_000_000),
  };
}

/** The MySQL pool size of DATABASE_URL (`?poolSize=`, default 10); SQLite counts as 8. */
function databaseConnections(reader: Reader): number {
  const raw = reader.string('DATABASE_URL') ?? '';
  if (!/^(mysql|mariadb):\/\//.test(raw)) return 8;
  const pool = Number(URL.canParse(raw) ? (new URL(raw).searchParams.get('poolSize') ?? 10) : 10);
  return Number.isInteger(pool) && pool > 0 && pool <= 10_000 ? pool : 10;
}

function metricsToken(reader: Reader): string | undefined {
  const token = reader.string('METRICS_TOKEN');
  if (token !== undefined && token.length < 16)
    reader.problems.push('METRICS_TOKEN must be at least 16 characters');
  return token;
}

function webhookSecretKey(reader: Reader): Buffer | undefined {
  const raw = reader.string('WEBHOOK_SECRET_KEY');
  if (raw === undefined) return undefined;
  const key = parseSecretKey(raw);
  if (!key)
    reader.problems.push('WEBHOOK_SECRET_KEY must be 32 bytes, as base64 (44 characters) or hex (64)');
  return key ?? undefined;
}

export function loadConfig(env: Env = process.env): Config {
  const reader = new Reader(env);
  const port = reader.integer('PORT', 4000, 0, 65535);
  const publicUrl = reader.url('PUBLIC_URL', ['http:', 'https:'])?.replace(/\/+$/, '');
  const dbQueryTimeoutMs = optionalInteger(reader, 'DB_QUERY_TIMEOUT_MS', 0, 600_000);
  const config: Config = {
    port,
    host: reader.string('HOST') ?? '0.0.0.0',
    databaseUrl: withQueryTimeout(databaseUrl(reader), dbQueryTimeoutMs),
    publicUrl: publicUrl ?? `http://localhost:${port}`,
    explicitPublicUrl: publicUrl,
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    jwt: readJwtConfig(reader),
    bootstrap: {
      organizationSlug: reader.string('BOOTSTRAP_ORGANIZATION') ?? 'default',
      adminToken: reader.token('BOOTSTRAP_ADMIN_TOKEN'),
      scimToken: reader.token('BOOTSTRAP_SCIM_TOKEN'),
    },
    graphqlIntrospection: reader.boolean('GRAPHQL_INTROSPECTION', true),
    graphqlUrl: reader.url('GRAPHQL_URL', ['http:', 'https:']),
    scim: {
      maxResults: reader.integer('SCIM_MAX_RESULTS', 1000, 1, 1000),
      defaultCount: reader.integer('SCIM_DEFAULT_COUNT', 100, 1, 1000),
      bulkMaxOperations: reader.integer('SCIM_BULK_MAX_OPERATIONS', 1000, 1, 10_000),
    },
    trustProxy: trustProxy(reader),
    corsOrigins: (reader.string('CORS_ORIGINS') ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    bodyLimitBytes: reader.integer('BODY_LIMIT_BYTES', 1_048_576, 1024, 64 * 1_048_576),
    shutdownTimeoutMs: reader.integer('SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    dbConnectRetrySeconds: reader.integer('DB_CONNECT_RETRY_SECONDS', 0, 0, 3600),
    heapGrowthPercent: reader.integer('HEAP_GROWTH_PERCENT', 100, 0, 300),
    passwordHashConcurrency: reader.integer(
      'PASSWORD_HASH_CONCURRENCY',
      defaultHashConcurrency(availableParallelism()),
      1,
      16,
    ),
    admission: admission(reader),
    connections: {
      // Above the 1,024 concurrent clients an instance is expected to answer (503s included): a
      // connection over the cap is closed unanswered, which a client cannot tell from a crash.
      maxConnections: reader.integer('MAX_CONNECTIONS', 4_096, 1, 1_000_000),
      // A slowloris client (one header byte a second) loses its socket after this.
      headersTimeoutMs: reader.integer('HEADERS_TIMEOUT_MS', 10_000, 1_000, 600_000),
      keepAliveTimeoutMs: reader.integer('KEEP_ALIVE_TIMEOUT_MS', 5_000, 1, 600_000),
      // A socket with no traffic either way (a client that stopped reading its answer) is destroyed.
      idleSocketTimeoutMs: reader.integer('IDLE_SOCKET_TIMEOUT_MS', 120_000, 1_000, 3_600_000),
    },
    metrics: {
      token: metricsToken(reader),
      port: optionalInteger(reader, 'METRICS_PORT', 1, 65535),
    },
    events: { retentionDays: reader.integer('EVENT_RETENTION_DAYS', 30, 1, 3650) },
    webhooks: {
      enabled: reader.boolean('WEBHOOKS', true),
      allowPrivate: reader.boolean('WEBHOOK_ALLOW_PRIVATE', false),
      secretKey: webhookSecretKey(reader),
      timeoutMs: reader.integer('WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
    },
    connectionHealthFlushMs: reader.integer('CONNECTION_HEALTH_FLUSH_MS', 5_000, 100, 600_000),
    requestLog: {
      days: reader.integer('REQUEST_LOG_DAYS', 7, 1, 365),
      // A TEXT column holds 65,535 bytes on MySQL: the marker must fit too.
      maxBodyBytes: reader.integer('REQUEST_LOG_MAX_BODY_BYTES', 16_384, 256, 60_000),
    },
    limits: {
      // An Okta import of 100,000 users at count=100 is 1,000 requests: far below 6,000 a minute.
      ratePerMinute: reader.integer('RATE_LIMIT_PER_MINUTE', 6_000, 0, 10_000_000),
      authFailuresPerMinute: reader.integer('AUTH_FAILURE_LIMIT_PER_MINUTE', 100, 0, 10_000_000),
      redisUrl: reader.url('REDIS_URL', ['redis:', 'rediss:']),
      requestTimeoutMs: reader.integer('REQUEST_TIMEOUT_MS', 60_000, 0, 3_600_000),
      dbQueryTimeoutMs,
      graphql: {
        maxDepth: reader.integer('GRAPHQL_MAX_DEPTH', DEFAULT_OPERATION_LIMITS.maxDepth, 1, 1000),
        maxAliases: reader.integer('GRAPHQL_MAX_ALIASES', DEFAULT_OPERATION_LIMITS.maxAliases, 0, 100_000),
        maxCost: reader.integer('GRAPHQL_MAX_COST', DEFAULT_OPERATION_LIMITS.maxCost, 1, 1_000_000_000),
      },
    },
  };
  if (reader.problems.length > 0) throw new ConfigError(reader.problems);
  return Object.freeze(config);
}

/**
 * Passwords hashed at once by default: one core is left to the event loop (a hash keeps a core busy
 * for tens of milliseconds), and no more than two, so the libuv pool keeps threads for everything
 * else and memory stays bounded (32 MiB a hash). On a 2-core machine that is one.
 */
export function defaultHashConcurrency(cores: number): number {
  return Math.min(2, Math.max(1, cores - 1));
}
