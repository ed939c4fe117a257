import type { WebhookOutbox, OutboxStats } from '../domain/webhooks/webhook-outbox';
import type { Metrics } from '../http/metrics';
import type { DeliveryOutcome } from './webhook-worker';

/** The outbox is read again at most this often, in the background of a scrape. */
const STATS_TTL_MS = 5_000;

/**
 * Webhook delivery on /metrics: attempts by outcome (this instance's worker), and — read from the
 * database, so every instance reports the same — outbox lag (age of the oldest event not yet
 * delivered) and dead letters. A scrape never waits for the database (a busy or unreachable one
 * must not hang /metrics): it reports the last values read and starts a fresh read when they are
 * older than STATS_TTL_MS.
 */
export function webhookMetrics(metrics: Metrics, outbox: WebhookOutbox): (outcome: DeliveryOutcome) => void {
  let last: OutboxStats | undefined;
  let readAt = 0;
  let reading = false;
  const latest = (): OutboxStats | undefined => {
    if (!reading && Date.now() - readAt > STATS_TTL_MS) {
      reading = true;
      readAt = Date.now();
      outbox
        .stats()
        .then((stats) => (last = stats))
        .catch(() => undefined)
        .finally(() => (reading = false));
    }
    return last;
  };
  const attempts = metrics.counter<'outcome'>({
    name: 'webhook_deliveries_total',
    help: 'Webhook delivery attempts by outcome: delivered, retry (failed, will be retried), dead (failed for the last time).',
    labelNames: ['outcome'],
  });
  metrics.gauge({
    name: 'webhook_outbox_lag_seconds',
    help: 'Age of the oldest change event not yet delivered to an enabled webhook endpoint (0 when none).',
    collect() {
      const stats = latest();
      if (stats)
        this.set(
          stats.oldestUndeliveredAt
            ? Math.max(0, (Date.now() - stats.oldestUndeliveredAt.getTime()) / 1000)
            : 0,
        );
    },
  });
  metrics.gauge({
    name: 'webhook_dead_letters',
    help: 'Webhook deliveries in the dead-letter state (every attempt failed); see webhookDeliveries(status: DEAD).',
    collect() {
      const stats = latest();
      if (stats) this.set(stats.dead);
    },
  });
  return (outcome) => attempts.inc({ outcome });
}
