import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Writable } from 'node:stream';
import { createApp } from '../../../src/app';
import { bootstrapFirstStart } from '../../../src/bootstrap';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/http/logger';
import { spawnTs } from '../../fixtures/spawn-node';
import { newTokenSecret } from '../../fixtures/test-app';
import { createTestDatabase } from '../../fixtures/test-database';
import { brokenInvariants } from '../support/consistency';

/**
 * `npm run soak [-- --seconds 600 --concurrency 8]`: the service in this process (so its memory is
 * what is measured), a mixed SCIM + GraphQL load from a child process against 127.0.0.1, memory
 * sampled after a forced GC. Passes when there was no 5xx and no network error, the database is
 * consistent afterwards, and heap and RSS show no growth trend. SQLite in a temporary file by
 * default; MariaDB when TEST_DATABASE_URL is set.
 */
interface Sample {
  readonly atSeconds: number;
  readonly rssMb: number;
  readonly heapMb: number;
}

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const SECONDS = option('seconds', 600);
const CONCURRENCY = option('concurrency', 8);
const SAMPLE_EVERY_MS = Math.max(1000, Math.min(10_000, (SECONDS * 1000) / 30));
const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;

function sample(started: number): Sample {
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  return {
    atSeconds: Math.round((Date.now() - started) / 1000),
    rssMb: mb(memory.rss),
    heapMb: mb(memory.heapUsed),
  };
}

/** Least-squares slope, in MB per minute. */
function slopePerMinute(points: readonly Sample[], value: (s: Sample) => number): number {
  const n = points.length;
  if (n < 3) return 0;
  const mx = points.reduce((a, p) => a + p.atSeconds, 0) / n;
  const my = points.reduce((a, p) => a + value(p), 0) / n;
  const num = points.reduce((a, p) => a + (p.atSeconds - mx) * (value(p) - my), 0);
  const den = points.reduce((a, p) => a + (p.atSeconds - mx) ** 2, 0);
  return den === 0 ? 0 : Math.round((num / den) * 60 * 100) / 100;
}

async function main(): Promise<number> {
  const database = await createTestDatabase();
  let errorLines = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      errorLines += chunk
        .toString()
        .split('\n')
        .filter((line) => /"level":"(error|fatal)"/.test(line)).length;
      done();
    },
  });
  const config = loadConfig({ DATABASE_URL: database.url, RATE_LIMIT_PER_MINUTE: '10000000' });
  const app = await createApp(config, { logger: createLogger('warn', sink) });
  const tokens = { adminToken: newTokenSecret(), scimToken: newTokenSecret() };
  await bootstrapFirstStart(app.services, { organizationSlug: 'default', ...tokens });
  const server: Server = app.express.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const loop = monitorEventLoopDelay({ resolution: 20 });
  loop.enable();
  const started = Date.now();
  const samples: Sample[] = [sample(started)];
  const timer = setInterval(() => samples.push(sample(started)), SAMPLE_EVERY_MS);
  const load = spawnTs(
    'test/reliability/soak/soak-load.ts',
    [baseUrl, tokens.scimToken, tokens.adminToken, String(SECONDS), String(CONCURRENCY)],
    {},
  );
  let output = '';
  load.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  load.stderr!.on('data', (chunk: Buffer) => process.stderr.write(chunk));
  const code = await new Promise<number | null>((resolve) => load.on('exit', resolve));
  clearInterval(timer);
  samples.push(sample(started));
  loop.disable();

  const report = JSON.parse(output.trim().split('\n').pop() ?? '{}') as {
    counts: Record<string, Record<string, number>>;
    requests: number;
    p50: number;
    p99: number;
    max: number;
  };
  await new Promise((resolve) => server.close(resolve));
  await app.close();
  const broken = await brokenInvariants(database.url);
  await database.drop();

  const failures = Object.entries(report.counts ?? {}).flatMap(([op, outcomes]) =>
    Object.entries(outcomes)
      .filter(([outcome]) => !/^[234]\d\d$/.test(outcome) || outcome.startsWith('5'))
      .map(([outcome, n]) => `${op}: ${outcome} ×${n}`),
  );
  // Growth is judged after a warm-up (the first fifth: caches, JIT, pools filling).
  const warm = samples.filter((s) => s.atSeconds >= SECONDS / 5);
  const first = warm[0] ?? samples[0];
  const last = samples[samples.length - 1];
  const heapSlope = slopePerMinute(warm, (s) => s.heapMb);
  const rssSlope = slopePerMinute(warm, (s) => s.rssMb);
  const heapGrowth = Math.round((last.heapMb - first.heapMb) * 10) / 10;
  const result = {
    database: database.url.startsWith('sqlite:') ? 'sqlite' : 'mariadb',
    seconds: SECONDS,
    concurrency: CONCURRENCY,
    requests: report.requests,
    requestsPerSecond: Math.round(report.requests / SECONDS),
    latencyMs: { p50: report.p50, p99: report.p99, max: report.max },
    eventLoopDelayP99Ms: Math.round(loop.percentile(99) / 1e6),
    statuses: report.counts,
    failures,
    errorLogLines: errorLines,
    brokenInvariants: broken,
    memory: {
      start: samples[0],
      afterWarmUp: first,
      end: last,
      heapSlopeMbPerMinute: heapSlope,
      rssSlopeMbPerMinute: rssSlope,
      heapGrowthAfterWarmUpMb: heapGrowth,
    },
    samples,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  // "No growth trend": heap after GC grows less than 1 MB a minute, or less than 5 MB in all.
  const growing = heapSlope > 1 && heapGrowth > 5;
  const ok = code === 0 && failures.length === 0 && errorLines === 0 && broken.length === 0 && !growing;
  process.stdout.write(
    `\nsoak ${ok ? 'PASSED' : 'FAILED'}: ${report.requests} requests in ${SECONDS} s, ${failures.length} failures, ` +
      `heap ${first.heapMb} → ${last.heapMb} MB (${heapSlope} MB/min), RSS ${samples[0].rssMb} → ${last.rssMb} MB\n`,
  );
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`soak failed to run: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
