import type { RequestContext } from '../auth/request-context';
import { authorizeConnection } from '../auth/request-context';
import type { Clock } from '../shared/clock';
import type { Store } from '../store';
import type { ConnectionHealth, HealthDelta, RequestOutcome } from './connection-health';
import { addOutcome, emptyHealth, HOUR_MS, mergeDelta, newDelta, withPending } from './connection-health';

const DAY_MS = 24 * HOUR_MS;
/** Hourly buckets are kept two days: a day for the figure, a day of slack. */
const KEEP_HOURS_MS = 2 * DAY_MS;

/**
 * Health counters of connections. Recording a request is a few increments in memory; the totals
 * reach the database in one batch per flush (every few seconds, and on shutdown), so provisioning
 * never waits on a counter write and a crash loses at most one flush window of counts — never a
 * provisioning change. Reads add what this instance has not flushed yet to what is stored.
 */
export class ConnectionHealthService {
  private pending = new Map<string, HealthDelta>();
  private lastPrune = 0;
  private flushing: Promise<void> = Promise.resolve();
  /** One read of the organization's stored health per GraphQL request, whatever the number of fields. */
  private readonly perRequest = new WeakMap<RequestContext, Promise<Map<string, ConnectionHealth>>>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** A request log entry of the connection that was dropped. */
  recordDropped(organizationId: string, connectionId: string): void {
    this.deltaOf(organizationId, connectionId).logDropped += 1;
  }

  private deltaOf(organizationId: string, connectionId: string): HealthDelta {
    let delta = this.pending.get(connectionId);
    if (!delta) this.pending.set(connectionId, (delta = newDelta(organizationId, connectionId)));
    return delta;
  }

  record(outcome: RequestOutcome): void {
    const delta = this.deltaOf(outcome.organizationId, outcome.connectionId);
    addOutcome(delta, outcome);
  }

  /** Writes what accumulated; on failure keeps it for the next flush. Flushes never overlap. */
  flush(): Promise<void> {
    // A failed flush must not stop later ones: each waits for the previous, whatever its outcome.
    const run = this.flushing.catch(() => undefined).then(() => this.flushOnce());
    this.flushing = run;
    return run;
  }

  async healthOf(ctx: RequestContext, connectionId: string): Promise<ConnectionHealth> {
    const organizationId = authorizeConnection(ctx, connectionId, 'admin');
    const since = this.clock().getTime() - DAY_MS;
    let stored = this.perRequest.get(ctx);
    if (!stored) {
      stored = this.store.repositories.connectionHealth.read(organizationId, new Date(since));
      this.perRequest.set(ctx, stored);
    }
    const pending = this.pending.get(connectionId);
    const own = pending?.organizationId === organizationId ? pending : undefined;
    return withPending(
      (await stored).get(connectionId) ?? emptyHealth,
      own,
      Math.floor(since / HOUR_MS) * HOUR_MS,
    );
  }

  private async flushOnce(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    const now = this.clock().getTime();
    try {
      if (batch.size > 0) {
        await this.store.transaction((tx) => tx.connectionHealth.apply([...batch.values()]));
      }
      if (now - this.lastPrune >= HOUR_MS) {
        await this.store.repositories.connectionHealth.prune(new Date(now - KEEP_HOURS_MS));
        this.lastPrune = now;
      }
    } catch (error) {
      for (const [id, delta] of batch) {
        const newer = this.pending.get(id);
        if (newer) mergeDelta(delta, newer);
        this.pending.set(id, delta);
      }
      throw error;
    }
  }
}
