import { createLocalJWKSet, errors } from 'jose';
import type { JWSHeaderParameters, FlattenedJWSInput, KeyLike } from 'jose';
import type { Logger } from '../logger';
import { fetchJson } from './bounded-fetch';
import { usableKeys } from './jwk-set';

export interface JwksSettings {
  /** Scheduled refresh; a shorter `Cache-Control: max-age` is honoured down to `minRefetchSeconds`. */
  readonly refreshSeconds: number;
  /** Known keys keep verifying this long after the last successful fetch while the JWKS is down. */
  readonly staleSeconds: number;
  /** At most one fetch per source in this interval, however many unknown `kid`s arrive. */
  readonly minRefetchSeconds: number;
  readonly fetchTimeoutMs: number;
  readonly maxBytes: number;
  readonly maxKeys: number;
}

/** What /readyz and /metrics show of one JWKS; no key material, no token. */
export interface JwksSourceStatus {
  readonly issuer: string | undefined;
  /** Undefined until OIDC discovery has named it. */
  readonly url: string | undefined;
  readonly keys: number;
  /** True when no key verifies: never fetched, or the last good set is older than the stale limit. */
  readonly stale: boolean;
  readonly fetches: number;
  readonly failures: number;
  readonly lastSuccessAt: string | undefined;
  readonly lastFailureAt: string | undefined;
  readonly lastError: string | undefined;
}

/** Where the JWKS is: a configured URL, or the `jwks_uri` OIDC discovery finds (again after a failure). */
export type LocateJwks = (afterFailure: boolean) => Promise<string>;

type Lookup = ReturnType<typeof createLocalJWKSet>;

/**
 * One JWKS, cached. Fetched at start and on a schedule in the background, and at once when a token
 * names an unknown `kid` — but never more than once per `minRefetchSeconds`, so a flood of random
 * `kid`s costs one fetch. A failed or refused fetch keeps the previous keys (until they are stale).
 */
export class JwksSource {
  private keySet: { readonly lookup: Lookup; readonly count: number; readonly fetchedAt: number } | undefined;
  private inFlight: Promise<void> | undefined;
  private lastAttemptAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private failedLastTime = false;
  private url: string | undefined;
  private fetches = 0;
  private failures = 0;
  private lastSuccessAt: number | undefined;
  private lastFailureAt: number | undefined;
  private lastError: string | undefined;

  constructor(
    private readonly locate: LocateJwks,
    private readonly issuer: string | undefined,
    private readonly settings: JwksSettings,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    void this.refresh();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  /** The key for this token header among the keys known now (after the first fetch, at start). */
  async knownKey(header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<KeyLike | undefined> {
    if (!this.keySet && this.inFlight) await this.inFlight;
    return this.lookup(header, token);
  }

  /** The key after fetching the JWKS again — unless a fetch started less than the interval ago. */
  async refetchedKey(header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<KeyLike | undefined> {
    return (await this.refetchForUnknownKid()) ? this.lookup(header, token) : undefined;
  }

  /** Both of the above: what a single-JWKS issuer asks. */
  async keyFor(header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<KeyLike | undefined> {
    return (await this.knownKey(header, token)) ?? this.refetchedKey(header, token);
  }

  status(): JwksSourceStatus {
    const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
    return {
      issuer: this.issuer,
      url: this.url,
      keys: this.keySet?.count ?? 0,
      stale: this.usable() === undefined,
      fetches: this.fetches,
      failures: this.failures,
      lastSuccessAt: iso(this.lastSuccessAt),
      lastFailureAt: iso(this.lastFailureAt),
      lastError: this.lastError,
    };
  }

  private usable(): Lookup | undefined {
    const set = this.keySet;
    if (!set || this.now() - set.fetchedAt > this.settings.staleSeconds * 1000) return undefined;
    return set.lookup;
  }

  private async lookup(header: JWSHeaderParameters, token: FlattenedJWSInput): Promise<KeyLike | undefined> {
    const lookup = this.usable();
    if (!lookup) return undefined;
    try {
      return await lookup(header, token);
    } catch (error) {
      // Several keys without a `kid`: jose's verifier tries each of them when given this error.
      if (error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      return undefined;
    }
  }

  private async refetchForUnknownKid(): Promise<boolean> {
    if (this.inFlight) {
      await this.inFlight;
      return true;
    }
    if (this.now() - this.lastAttemptAt < this.settings.minRefetchSeconds * 1000) return false;
    await this.refresh();
    return true;
  }

  private refresh(): Promise<void> {
    this.inFlight ??= this.fetchOnce().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async fetchOnce(): Promise<void> {
    clearTimeout(this.timer);
    this.lastAttemptAt = this.now();
    this.fetches += 1;
    let next = this.settings.minRefetchSeconds;
    try {
      this.url = await this.locate(this.failedLastTime);
      const limits = { timeoutMs: this.settings.fetchTimeoutMs, maxBytes: this.settings.maxBytes };
      const fetched = await fetchJson(this.url, limits);
      const { keys, dropped } = await usableKeys(fetched.body, this.settings.maxKeys);
      this.keySet = {
        lookup: createLocalJWKSet({ keys: [...keys] }),
        count: keys.length,
        fetchedAt: this.now(),
      };
      if (dropped.length > 0)
        this.logger.warn({ jwks: this.url, dropped: dropped.slice(0, 20) }, 'JWKS keys left out');
      this.succeeded();
      next = this.delayAfterSuccess(fetched.maxAgeSeconds);
    } catch (error) {
      this.failed(error);
    } finally {
      this.schedule(next);
    }
  }

  private delayAfterSuccess(maxAgeSeconds: number | undefined): number {
    const { refreshSeconds, minRefetchSeconds } = this.settings;
    return Math.min(refreshSeconds, Math.max(minRefetchSeconds, maxAgeSeconds ?? refreshSeconds));
  }

  private succeeded(): void {
    if (this.failedLastTime)
      this.logger.info({ jwks: this.url, keys: this.keySet?.count }, 'JWKS fetched again');
    this.failedLastTime = false;
    this.lastSuccessAt = this.now();
    this.lastError = undefined;
  }

  private failed(error: unknown): void {
    this.failedLastTime = true;
    this.failures += 1;
    this.lastFailureAt = this.now();
    this.lastError = (error as Error).message.slice(0, 200);
    const kept = this.usable() ? (this.keySet?.count ?? 0) : 0;
    this.logger.warn(
      { jwks: this.url ?? this.issuer, reason: this.lastError, keptKeys: kept },
      `JWKS fetch failed (${this.lastError}); keeping ${kept} known keys`,
    );
  }

  private schedule(seconds: number): void {
    if (this.closed) return;
    this.timer = setTimeout(() => void this.refresh(), seconds * 1000);
    this.timer.unref();
  }
}
