import { DEFAULT_OPERATION_LIMITS } from './graphql/limits/operation-limits';

/**
 * The only reader of process.env. Every variable is parsed once, all problems are reported
 * together, and the result is a frozen, typed object passed down from the composition root.
 */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Unset → SQLite at ./data/identity.sqlite; `sqlite:<path>`; `mysql://user:pass@host:3306/db`. */
  readonly databaseUrl: string | undefined;
  readonly publicUrl: string;
  /** PUBLIC_URL as set; unset → SCIM `meta.location` follows each request's own host. */
  readonly explicitPublicUrl: string | undefined;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly jwt: {
    readonly secret: string | undefined;
    readonly publicKey: string | undefined;
    readonly issuer: string | undefined;
    readonly audience: string | undefined;
    /** JWT_SUBJECT_CHECK_CACHE_MS (default 5000): how long an instance remembers that a JWT's user is (not) deprovisioned. */
    readonly subjectCheckCacheMs: number;
  };
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
  readonly trustProxy: string | number | boolean;
  readonly corsOrigins: readonly string[];
  readonly bodyLimitBytes: number;
  readonly shutdownTimeoutMs: number;
  readonly events: {
    /** EVENT_RETENTION_DAYS (default 30): how far back the events feed reaches; an older cursor is CURSOR_EXPIRED. */
    readonly retentionDays: number;
  };
  readonly limits: {
    /** Requests per minute per credential (keyed by the credential's hash); 0 = no limit. */
    readonly ratePerMinute: number;
    /** Failed authentications per minute per client address before it gets 429s; 0 = no limit. */
    readonly authFailuresPerMinute: number;
    /** Rate-limit counters live here when set (shared by every instance); else in memory. */
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

function trustProxy(reader: Reader): string | number | boolean {
  const raw = reader.string('TRUST_PROXY');
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}

export function loadConfig(env: Env = process.env): Config {
  const reader = new Reader(env);
  const port = reader.integer('PORT', 4000, 0, 65535);
  const jwtPublicKey = reader.string('JWT_PUBLIC_KEY')?.replace(/\\n/g, '\n');
  const jwtSecret = reader.string('JWT_SECRET');
  const publicUrl = reader.url('PUBLIC_URL', ['http:', 'https:'])?.replace(/\/+$/, '');
  if (jwtSecret && jwtSecret.length < 32) reader.problems.push('JWT_SECRET must be at least 32 characters');
  if (jwtSecret && jwtPublicKey) reader.problems.push('Set JWT_SECRET or JWT_PUBLIC_KEY, not both');
  const dbQueryTimeoutMs = optionalInteger(reader, 'DB_QUERY_TIMEOUT_MS', 0, 600_000);
  const config: Config = {
    port,
    host: reader.string('HOST') ?? '0.0.0.0',
    databaseUrl: withQueryTimeout(databaseUrl(reader), dbQueryTimeoutMs),
    publicUrl: publicUrl ?? `http://localhost:${port}`,
    explicitPublicUrl: publicUrl,
    logLevel: reader.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    jwt: {
      secret: jwtSecret,
      publicKey: jwtPublicKey,
      issuer: reader.string('JWT_ISSUER'),
      audience: reader.string('JWT_AUDIENCE'),
      subjectCheckCacheMs: reader.integer('JWT_SUBJECT_CHECK_CACHE_MS', 5_000, 0, 60_000),
    },
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
    events: { retentionDays: reader.integer('EVENT_RETENTION_DAYS', 30, 1, 3650) },
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
