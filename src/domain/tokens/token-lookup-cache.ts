import type { ConnectionRepository } from '../connections/connection.repository';
import type { OrganizationRepository } from '../organizations/organization.repository';
import type { Repositories, Store } from '../store';
import type { AuthenticatingTokenRow } from './api-token';
import type { ApiTokenRepository } from './api-token.repository';

/**
 * How long a token found by its secret is answered from memory. Another process's change (another
 * instance, the CLI) is seen after at most this long; a change made through this process's store is
 * seen at once (the cache is dropped when such a transaction ends).
 */
export const TOKEN_LOOKUP_CACHE_MS = 1_000;
const MAX_ENTRIES = 10_000;

/**
 * The writes that can make a cached token row wrong: its secret, expiry, revocation, connection,
 * organization. `revokeOfUser` is not among them: it runs on every deactivation, and most users
 * have no personal token, so it reports itself only when it revoked one (see `watched`).
 */
const TOKEN_WRITES = ['expireBy', 'replaceSecret', 'revoke'] as const;
const CONNECTION_WRITES = ['setStatus', 'delete'] as const;
const ORGANIZATION_WRITES = ['delete'] as const;

interface Entry {
  row: AuthenticatingTokenRow;
  readonly until: number;
}

/**
 * The token lookup every API-token request makes (`findByHash`), answered from memory for up to
 * TOKEN_LOOKUP_CACHE_MS. What the row says is still checked on every request by ApiTokenService
 * (revoked, expired against the clock, connection paused), so only the freshness of the row is
 * bounded here: any transaction of this store that revokes, rotates or expires a token, pauses or
 * deletes a connection or deletes an organization drops every cached row when it ends, and a lookup
 * that was in flight across such a change is not cached. Unknown secrets are never cached.
 */
export class TokenLookupCache {
  private readonly entries = new Map<string, Entry>();
  private readonly hashesById = new Map<string, string>();
  /** Bumped by every invalidation: a lookup that straddles one must not fill the cache. */
  private generation = 0;

  constructor(
    private readonly now: () => number = () => performance.now(),
    readonly ttlMs = TOKEN_LOOKUP_CACHE_MS,
  ) {}

  /** The store with the cached lookup; its transactions invalidate the cache when they change credentials. */
  wrap(store: Store): Store {
    const tokens = this.cachingTokens(store.repositories.tokens);
    const repositories: Repositories = { ...store.repositories, tokens };
    return {
      repositories,
      transaction: async (work) => {
        let touched = false;
        const mark = () => {
          touched = true;
          this.invalidate();
        };
        try {
          return await store.transaction((tx) => work(watched(tx, mark)));
        } finally {
          // Again after the commit (or rollback): a lookup that read the old row meanwhile is dropped.
          if (touched) this.invalidate();
        }
      },
      // A rehearsal's transactions go through `transaction` above like any other.
      rehearse: (work) => store.rehearse(work),
      currentRehearsal: () => store.currentRehearsal(),
      outsideRehearsal: (work) => store.outsideRehearsal(work),
      ping: () => store.ping(),
      close: () => store.close(),
    };
  }

  invalidate(): void {
    this.generation++;
    this.entries.clear();
    this.hashesById.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private cachingTokens(inner: ApiTokenRepository): ApiTokenRepository {
    const cached: ApiTokenRepository = Object.create(inner) as ApiTokenRepository;
    cached.findByHash = async (secretHash) => {
      const now = this.now();
      const entry = this.entries.get(secretHash);
      if (entry && entry.until > now) return entry.row;
      const generation = this.generation;
      const row = await inner.findByHash(secretHash);
      if (row && generation === this.generation) {
        if (this.entries.size >= MAX_ENTRIES) this.invalidate();
        this.entries.set(secretHash, { row, until: now + this.ttlMs });
        this.hashesById.set(row.id, secretHash);
      } else if (!row) this.forget(secretHash);
      return row;
    };
    cached.touch = async (id, at, notBefore) => {
      await inner.touch(id, at, notBefore);
      // The cached row must show the new time, or every request until it expires would touch again.
      const entry = this.entries.get(this.hashesById.get(id) ?? '');
      if (entry) entry.row = { ...entry.row, lastUsedAt: at };
    };
    return cached;
  }

  private forget(secretHash: string): void {
    const entry = this.entries.get(secretHash);
    if (!entry) return;
    this.entries.delete(secretHash);
    this.hashesById.delete(entry.row.id);
  }
}

/**
 * `tx` with the credential-changing writes reporting themselves (before they run), and a user's
 * deprovisioning when it revoked a token (after it ran: a lookup that read the row before the
 * revocation committed is dropped by the invalidation when the transaction ends).
 */
function watched(tx: Repositories, mark: () => void): Repositories {
  const tokens = reporting<ApiTokenRepository>(tx.tokens, TOKEN_WRITES, mark);
  tokens.revokeOfUser = async (...args) => {
    const revoked = await tx.tokens.revokeOfUser(...args);
    if (revoked.length > 0) mark();
    return revoked;
  };
  return {
    ...tx,
    tokens,
    connections: reporting<ConnectionRepository>(tx.connections, CONNECTION_WRITES, mark),
    organizations: reporting<OrganizationRepository>(tx.organizations, ORGANIZATION_WRITES, mark),
  };
}

function reporting<T extends object>(target: T, methods: readonly (keyof T)[], mark: () => void): T {
  const wrapped = Object.create(target) as T;
  for (const name of methods) {
    const method = target[name] as unknown as (...args: unknown[]) => Promise<unknown>;
    (wrapped as Record<keyof T, unknown>)[name] = (...args: unknown[]) => {
      mark();
      return method.apply(target, args);
    };
  }
  return wrapped;
}
