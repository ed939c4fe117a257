import { Counter, Gauge } from 'prom-client';
import type { Registry } from 'prom-client';
import type { JwksSourceStatus } from './jwks-source';

type Figure = (status: JwksSourceStatus) => number;

const FIGURES: readonly [name: string, help: string, figure: Figure][] = [
  ['identity_jwks_keys', 'Usable keys in the cached JWKS', (s) => s.keys],
  [
    'identity_jwks_stale',
    '1 when no cached key verifies (never fetched, or older than JWKS_STALE_SECONDS)',
    (s) => Number(s.stale),
  ],
  ['identity_jwks_fetches_total', 'JWKS fetches attempted (start, schedule, unknown kid)', (s) => s.fetches],
  [
    'identity_jwks_fetch_failures_total',
    'JWKS fetches that failed or were refused; the previous keys were kept',
    (s) => s.failures,
  ],
  [
    'identity_jwks_last_success_timestamp_seconds',
    'When the JWKS was last fetched successfully (0: never)',
    (s) => (s.lastSuccessAt ? Date.parse(s.lastSuccessAt) / 1000 : 0),
  ],
];

/**
 * Registers the JWKS figures on a Prometheus registry, read from `jwksStatus()` at each scrape
 * (labelled by issuer and JWKS URL), so the verifier keeps no metric state of its own. The two
 * `_total` figures only grow, so they are counters.
 */
export function registerJwksMetrics(registry: Registry, jwksStatus: () => readonly JwksSourceStatus[]): void {
  const labelsOf = (status: JwksSourceStatus) => ({ issuer: status.issuer ?? '', url: status.url ?? '' });
  for (const [name, help, figure] of FIGURES) {
    const common = { name, help, labelNames: ['issuer', 'url'], registers: [registry] };
    if (name.endsWith('_total')) {
      new Counter({
        ...common,
        collect() {
          this.reset();
          for (const status of jwksStatus()) this.inc(labelsOf(status), figure(status));
        },
      });
    } else {
      new Gauge({
        ...common,
        collect() {
          this.reset();
          for (const status of jwksStatus()) this.set(labelsOf(status), figure(status));
        },
      });
    }
  }
}
