import { randomUUID } from 'node:crypto';
import type { ChangeEvent } from '../domain/events/change-event';
import type { Clock } from '../domain/shared/clock';
import type { Store } from '../domain/store';
import { AUTO_DISABLE_AFTER_MS, RETRY_SCHEDULE_MS, nextAttemptAt } from '../domain/webhooks/retry-schedule';
import { signWebhook } from '../domain/webhooks/secret-box';
import type { WebhookEndpointService } from '../domain/webhooks/webhook-endpoint.service';
import type { ClaimedDelivery, DeliverySettlement } from '../domain/webhooks/webhook-outbox';
import type { Logger } from '../http/logger';
import type { AddressGuard } from './address-guard';
import type { SendResult, Sender } from './webhook-sender';
import { sendWebhook } from './webhook-sender';

export type DeliveryOutcome = 'delivered' | 'retry' | 'dead';

export interface WebhookWorkerOptions {
  readonly store: Store;
  readonly endpoints: WebhookEndpointService;
  readonly guard: AddressGuard;
  readonly logger: Logger;
  readonly clock: Clock;
  /** WEBHOOK_TIMEOUT_MS: a whole attempt (connect, send, answer) is bounded by this. */
  readonly timeoutMs: number;
  /** Waits before each retry (default RETRY_SCHEDULE_MS); the delivery is dead after the last. */
  readonly schedule?: readonly number[];
  /** How often the outbox is looked at when the last look found nothing. */
  readonly pollMs?: number;
  /** Attempts in flight at once; a hanging receiver holds one slot for at most `timeoutMs`. */
  readonly concurrency?: number;
  readonly random?: () => number;
  readonly send?: Sender;
  readonly onOutcome?: (outcome: DeliveryOutcome) => void;
  /** Settled deliveries older than this are deleted (EVENT_RETENTION_DAYS: their events are gone too). */
  readonly retentionDays?: number;
}

/** Events fanned out per endpoint per pass. */
const FAN_OUT_BATCH = 500;
/** Settled deliveries past retention are deleted at most this often, this many at a time. */
const PRUNE_EVERY_MS = 10 * 60_000;
const PRUNE_BATCH = 1_000;
const DAY_MS = 86_400_000;

/**
 * The delivery worker: fans new events out to enabled endpoints, leases due deliveries (one
 * resource's events one at a time, in order), signs and sends them, and settles each attempt —
 * delivered, retry at the next step of the schedule (with jitter), or dead after the last. A lease
 * outlives the attempt's timeout, so a worker killed mid-delivery leaves rows that another (or the
 * restarted) worker picks up once the lease expires: at least once, never lost.
 */
export class WebhookWorker {
  /** Identifies this worker's leases. */
  readonly owner = `worker:${randomUUID()}`;
  private readonly inFlight = new Map<string, { done: Promise<void>; abort: AbortController }>();
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<number> | undefined;
  private readonly schedule: readonly number[];
  private prunedAt = 0;

  constructor(private readonly options: WebhookWorkerOptions) {
    this.schedule = options.schedule ?? RETRY_SCHEDULE_MS;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop();
  }

  /** Stops leasing, abandons attempts in flight (unsettled) and gives their leases back. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    await this.pass?.catch(() => 0);
    for (const { abort } of this.inFlight.values()) abort.abort();
    await Promise.all([...this.inFlight.values()].map((entry) => entry.done));
    await this.options.store.repositories.webhookOutbox.release(this.owner).catch(() => undefined);
  }

  /** One pass, waiting for every attempt it starts: what the loop does, for tests with a fake clock. */
  async runOnce(): Promise<number> {
    const started = await this.tick();
    await Promise.all([...this.inFlight.values()].map((entry) => entry.done));
    return started;
  }

  private loop(): void {
    if (!this.running) return;
    this.pass = this.tick().catch((error: unknown) => {
      this.options.logger.warn({ err: error }, 'webhook worker pass failed; retrying');
      return 0;
    });
    void this.pass.then((started) => {
      if (!this.running) return;
      this.timer = setTimeout(() => this.loop(), started > 0 ? 10 : (this.options.pollMs ?? 500));
      this.timer.unref();
    });
  }

  private async tick(): Promise<number> {
    const { store, clock } = this.options;
    const outbox = store.repositories.webhookOutbox;
    await this.prune();
    await outbox.fanOut(clock(), FAN_OUT_BATCH);
    const free = (this.options.concurrency ?? 16) - this.inFlight.size;
    if (free <= 0) return 0;
    const now = clock();
    const leaseUntil = new Date(now.getTime() + 2 * this.options.timeoutMs + 5_000);
    const claimed = await outbox.claim(now, leaseUntil, this.owner, free);
    for (const delivery of claimed) {
      const abort = new AbortController();
      const done = this.attempt(delivery, abort.signal).finally(() =>
        this.inFlight.delete(delivery.delivery.id),
      );
      this.inFlight.set(delivery.delivery.id, { done, abort });
    }
    return claimed.length;
  }

  private async prune(): Promise<void> {
    const now = this.options.clock().getTime();
    if (this.options.retentionDays === undefined || now - this.prunedAt < PRUNE_EVERY_MS) return;
    this.prunedAt = now;
    const before = new Date(now - this.options.retentionDays * DAY_MS);
    await this.options.store.repositories.webhookOutbox.prune(before, PRUNE_BATCH);
  }

  private async attempt(claimed: ClaimedDelivery, signal: AbortSignal): Promise<void> {
    const result = await this.send(claimed, signal);
    if (signal.aborted) return; // stopping: the lease is given back, the attempt does not count
    const { store, clock, logger } = this.options;
    const { delivery } = claimed;
    const at = clock();
    const settlement = this.settlement(result, delivery.attempts + 1, at);
    try {
      const settled = await store.repositories.webhookOutbox.settle(delivery.id, this.owner, settlement);
      if (!settled) return; // the lease expired and another worker took the delivery
      this.options.onOutcome?.(result.ok ? 'delivered' : settlement.status === 'DEAD' ? 'dead' : 'retry');
      const failingSince = await store.repositories.webhookOutbox.recordEndpointResult(
        delivery.endpointId,
        result.ok,
        at,
      );
      if (failingSince && at.getTime() - failingSince.getTime() >= AUTO_DISABLE_AFTER_MS)
        await this.options.endpoints.autoDisable(delivery.organizationId, delivery.endpointId, failingSince);
    } catch (error) {
      // The database did not take the outcome: nothing is marked, the lease expires, it is sent again.
      logger.warn(
        { err: error, deliveryId: delivery.id },
        'webhook delivery outcome not recorded; it will be retried',
      );
    }
  }

  private settlement(result: SendResult, attempts: number, at: Date): DeliverySettlement {
    if (result.ok)
      return {
        status: 'DELIVERED',
        attemptedAt: at,
        nextAttemptAt: null,
        statusCode: result.statusCode,
        error: null,
      };
    const next = nextAttemptAt(this.schedule, attempts, at, this.options.random);
    return {
      status: next ? 'PENDING' : 'DEAD',
      attemptedAt: at,
      nextAttemptAt: next,
      statusCode: result.statusCode,
      error: result.error,
    };
  }

  private async send(claimed: ClaimedDelivery, signal: AbortSignal): Promise<SendResult> {
    const { event } = claimed;
    if (!event) return { ok: false, statusCode: null, error: 'the event is beyond EVENT_RETENTION_DAYS' };
    try {
      const now = this.options.clock();
      const secrets = await this.options.endpoints.signingSecrets(claimed.secrets, now);
      const target = await this.options.guard.target(new URL(claimed.url));
      const body = JSON.stringify(webhookBody(event));
      const timestamp = Math.floor(now.getTime() / 1000);
      const headers = {
        'content-type': 'application/json',
        'user-agent': 'identity-service-webhooks/1',
        'webhook-id': event.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': secrets
          .map((secret) => signWebhook(secret, event.id, timestamp, body))
          .join(' '),
      };
      const send = this.options.send ?? sendWebhook;
      return await send(target, headers, body, { timeoutMs: this.options.timeoutMs, signal });
    } catch (error) {
      return { ok: false, statusCode: null, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

/** The webhook body: the event exactly as the GraphQL `events` feed returns it. */
export const webhookBody = (event: ChangeEvent) => ({
  id: event.id,
  type: event.type,
  organizationId: event.organizationId,
  resourceId: event.resourceId,
  version: event.version,
  occurredAt: event.occurredAt.toISOString(),
  actor: event.actor,
  channel: event.channel,
  data: event.data,
});
