import type { WebhookOutbox, OutboxStats } from '../domain/webhooks/webhook-outbox';
import type { Metrics } from '../http/metrics';
import type { DeliveryOutcome } from './webhook-worker';

/** Scrapes within this long share one read of the outbox. */
const STATS_TTL_MS = 1_000;

/**
 * Webhook delivery on /metrics: attempts by outcome (this instance's worker), and — read from the
 * database at scrape time, so every instance reports the same — outbox lag (age of the oldest event
 * not yet delivered) and dead letters. A scrape while the database is down keeps the last values.
 */
export function webhookMetrics(metrics: Metrics, outbox: WebhookOutbox): (outcome: DeliveryOutcome) => void {
  let cached: { at: number; stats: Promise<OutboxStats> } | undefined;
  const stats = () => {
    if (!cached || Date.now() - cached.at > STATS_TTL_MS) cached = { at: Date.now(), stats: outbox.stats() };
    return cached.stats;
  };
  const attempts = metrics.counter<'outcome'>({
    name: 'webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome: delivered, retry (failed, will be retried), dead (failed for the last time).',
    labelNames: ['outcome'],
  });
  metrics.gauge({
    name: 'webhook_outbox_lag_seconds',
    help: 'Age of the oldest change event not yet delivered to an enabled webhook endpoint (0 when none).',
    async collect() {
      const oldest = await stats().then(
        (s) => s.oldestUndeliveredAt,
        () => undefined,
      );
      if (oldest !== undefined) this.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
    },
  });
  metrics.gauge({
    name: 'webhook_dead_letters',
    help: 'Webhook deliveries in the dead-letter state (every attempt failed); see webhookDeliveries(status: DEAD).',
    async collect() {
      const dead = await stats().then(
        (s) => s.dead,
        () => undefined,
      );
      if (dead !== undefined) this.set(dead);
    },
  });
  return (outcome) => attempts.inc({ outcome });
}
