import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { Express, RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CounterConfiguration, GaugeConfiguration, HistogramConfiguration } from 'prom-client';

/** Every metric of ours starts with this; prom-client's process and Node.js metrics keep their names. */
export const METRIC_PREFIX = 'identity_';

/** Latency buckets (seconds) for request-like durations: 1 ms to 10 s. */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One process's (one app's) metrics: its own prom-client registry — never the global one, so two
 * apps in one process (tests) do not share or double-register series — with the process metrics.
 *
 * Components add their own metrics through `counter`/`gauge`/`histogram` (names get the `identity_`
 * prefix; keep label values bounded: route templates, operation names, ids of tokens — never raw
 * paths, user input or secrets). A gauge that reads a current value (pool in use, queue length) is
 * best given a `collect()` that sets it at scrape time rather than being updated on every change.
 */
export class Metrics {
  readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  counter<L extends string>(config: Omit<CounterConfiguration<L>, 'registers'>): Counter<L> {
    return new Counter({ ...config, name: METRIC_PREFIX + config.name, registers: [this.registry] });
  }

  gauge<L extends string>(config: Omit<GaugeConfiguration<L>, 'registers'>): Gauge<L> {
    return new Gauge({ ...config, name: METRIC_PREFIX + config.name, registers: [this.registry] });
  }

  histogram<L extends string>(config: Omit<HistogramConfiguration<L>, 'registers'>): Histogram<L> {
    return new Histogram({ ...config, name: METRIC_PREFIX + config.name, registers: [this.registry] });
  }

  /** `GET /metrics` in the Prometheus text format; with a token, only for `Authorization: Bearer <token>`. */
  handler(token: string | undefined): RequestHandler {
    const allowed = token === undefined ? () => true : bearerMatcher(token);
    return async (req, res) => {
      if (!allowed(req.headers.authorization)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        res.status(401).json({ error: 'Authentication required' });
        return;
      }
      const text = await this.registry.metrics();
      res.setHeader('Cache-Control', 'no-store');
      res.type(this.registry.contentType).send(text);
    };
  }

  /** The app METRICS_PORT serves: `/metrics` and nothing else. */
  standaloneApp(token: string | undefined): Express {
    const app = express();
    app.disable('x-powered-by');
    app.get('/metrics', this.handler(token));
    app.use((_req, res) => {
      res.status(404).json({ error: 'Not found' });
    });
    return app;
  }
}

/** Compares hashes in constant time, so the comparison says nothing about the token's characters. */
function bearerMatcher(token: string): (header: string | undefined) => boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  const expected = digest(token);
  return (header) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
    return match !== null && timingSafeEqual(digest(match[1]), expected);
  };
}
