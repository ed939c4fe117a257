import { Agent, request as httpRequest } from 'node:http';
import autocannon from 'autocannon';

/** One request of a scenario; `next()` makes a fresh one (a random id, the next user to patch…). */
export interface RequestShape {
  readonly method: string;
  readonly path: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

export interface Measurement {
  readonly requests: number;
  readonly seconds: number;
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  /** Mean latency (ms): unlike percentiles, means of parts add up to the mean of the whole (G3's share). */
  readonly mean: number;
  /** Responses that were not 2xx/304, plus connection errors and timeouts. */
  readonly failures: number;
  readonly statuses: Record<string, number>;
}

export interface LoadOptions {
  readonly baseUrl: string;
  readonly next: () => RequestShape;
  readonly connections: number;
  /** Run for this long with autocannon, or … */
  readonly seconds?: number;
  /** … send exactly this many requests (without autocannon: the smoke size). */
  readonly amount?: number;
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

/** The raw outcome of one stretch of load; stretches of one side are merged into a Measurement. */
export interface Sample {
  readonly latencies: number[];
  readonly seconds: number;
  readonly failures: number;
  readonly statuses: Record<string, number>;
}

export function merge(samples: readonly Sample[]): Measurement {
  const statuses: Record<string, number> = {};
  for (const sample of samples)
    for (const [status, count] of Object.entries(sample.statuses))
      statuses[status] = (statuses[status] ?? 0) + count;
  return summarize(
    samples.flatMap((s) => s.latencies),
    samples.reduce((sum, s) => sum + s.seconds, 0),
    samples.reduce((sum, s) => sum + s.failures, 0),
    statuses,
  );
}

export function summarize(
  latencies: number[],
  seconds: number,
  failures: number,
  statuses: Record<string, number>,
): Measurement {
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    seconds,
    rps: latencies.length / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    mean: sorted.reduce((sum, ms) => sum + ms, 0) / sorted.length,
    failures,
    statuses,
  };
}

/**
 * Drives load with autocannon's programmatic API and records every response time itself (in ms with
 * sub-millisecond resolution: autocannon's own histogram has 1 ms steps, too coarse for the baseline).
 * Only successful responses count towards throughput and latency.
 */
export async function load(options: LoadOptions): Promise<Sample> {
  if (options.amount !== undefined) return loadAmount(options, options.amount);
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let failures = 0;
  const started = process.hrtime.bigint();
  const instance = autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.seconds ?? 1,
    timeout: 60,
    requests: [
      {
        setupRequest: (request) => {
          const shape = options.next();
          return {
            ...request,
            method: shape.method,
            path: shape.path,
            body: shape.body,
            headers: { ...request.headers, ...shape.headers },
          };
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if ((status >= 200 && status < 300) || status === 304) latencies.push(ms);
    else failures++;
  });
  const result = await instance;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { latencies, seconds, failures: failures + result.errors + result.timeouts, statuses };
}

/** A keep-alive client for sequential requests (the import walk, parity checks). */
export class SequentialClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });

  constructor(private readonly baseUrl: string) {}

  send(
    shape: RequestShape,
  ): Promise<{ status: number; ms: number; body: string; headers: Record<string, unknown> }> {
    const url = new URL(shape.path, this.baseUrl);
    return new Promise((resolve, reject) => {
      const started = process.hrtime.bigint();
      const req = httpRequest(
        url,
        {
          method: shape.method,
          agent: this.agent,
          headers: {
            ...shape.headers,
            ...(shape.body !== undefined && { 'Content-Length': Buffer.byteLength(shape.body) }),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              ms: Number(process.hrtime.bigint() - started) / 1e6,
              body: Buffer.concat(chunks).toString('utf8'),
              headers: res.headers,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(shape.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * A fixed number of requests over `connections` keep-alive connections (the smoke size): autocannon
 * ends a run on its one-second tick, which would make a 20-second smoke impossible.
 */
async function loadAmount(options: LoadOptions, amount: number): Promise<Sample> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let failures = 0;
  let sent = 0;
  const started = process.hrtime.bigint();
  const worker = async () => {
    const client = new SequentialClient(options.baseUrl);
    try {
      while (sent < amount) {
        sent++;
        const response = await client.send(options.next());
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status < 300 || response.status === 304) latencies.push(response.ms);
        else failures++;
      }
    } finally {
      client.close();
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  return { latencies, seconds: Number(process.hrtime.bigint() - started) / 1e9, failures, statuses };
}
