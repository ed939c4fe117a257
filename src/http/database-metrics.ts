import type { Metrics } from './metrics';
import { DURATION_BUCKETS } from './metrics';

/**
 * Database usage for /metrics: how many statements and transactions hold or wait for a connection
 * now (compare with the pool size, `?poolSize=`, default 10; SQLite has one connection), and how
 * long each took from asking for a connection to giving it back. Matches the store's
 * DatabaseObserver port structurally.
 */
export function databaseMetrics(metrics: Metrics) {
  let busy = 0;
  metrics.gauge({
    name: 'db_connections_busy',
    help: 'Statements and transactions holding or waiting for a database connection',
    collect() {
      this.set(busy);
    },
  });
  const duration = metrics.histogram({
    name: 'db_work_duration_seconds',
    help: 'Time from asking for a connection to giving it back, per statement outside a transaction or per transaction',
    labelNames: ['kind', 'outcome'] as const,
    buckets: DURATION_BUCKETS,
  });
  return {
    begin(kind: 'statement' | 'transaction') {
      busy += 1;
      const started = performance.now();
      return (outcome: 'ok' | 'error') => {
        busy -= 1;
        duration.observe({ kind, outcome }, (performance.now() - started) / 1000);
      };
    },
  };
}

/** Password hashes waiting for one of the scrypt slots (each costs ~64 MiB and a core for ~100 ms). */
export function passwordHashMetrics(metrics: Metrics, hasher: { readonly queued: number }): void {
  metrics.gauge({
    name: 'password_hash_queue',
    help: 'Password hashes waiting for a scrypt slot',
    collect() {
      this.set(hasher.queued);
    },
  });
}
