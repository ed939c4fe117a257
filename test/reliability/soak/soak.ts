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
 * sampled after a forced GC. Passes when every request got the answer its kind expects (status and
 * content; see soak-load.ts), every kind succeeded at least once, no error was logged, the database
 * is consistent afterwards, and neither heap nor RSS shows a growth trend after the warm-up. SQLite in a temporary file by
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
/** Every request kind soak-load.ts sends; each must succeed at least once. */
const REQUEST_KINDS = [
  'create group',
  'create user',
  'get user',
  'patch user',
  'filter users',
  'graphql users',
  'add member',
  'graphql _entities',
  'get group',
  'remove member',
  'graphql deactivate',
  'delete user',
  'list users',
];
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

  // Every outcome other than `ok` fails the soak (soak-load.ts judges each answer against its
  // request kind), and so does a kind that never once succeeded (a scenario cut short every time).
  const failures = [
    ...Object.entries(report.counts ?? {}).flatMap(([op, outcomes]) =>
      Object.entries(outcomes)
        .filter(([outcome]) => outcome !== 'ok')
        .map(([outcome, n]) => `${op}: ${outcome} ×${n}`),
    ),
    ...REQUEST_KINDS.filter((op) => !(report.counts?.[op]?.ok > 0)).map((op) => `${op}: never succeeded`),
  ];
  // Growth is judged after a warm-up (the first fifth: caches, JIT, pools filling).
  const warm = samples.filter((s) => s.atSeconds >= SECONDS / 5);
  const first = warm[0] ?? samples[0];
  const last = samples[samples.length - 1];
  const heapSlope = slopePerMinute(warm, (s) => s.heapMb);
  const rssSlope = slopePerMinute(warm, (s) => s.rssMb);
  const heapGrowth = Math.round((last.heapMb - first.heapMb) * 10) / 10;
  const rssGrowth = Math.round((last.rssMb - first.rssMb) * 10) / 10;
  // "No growth trend": heap after GC grows less than 1 MB a minute, or less than 5 MB in all; RSS,
  // which the allocator keeps high after peaks, less than 5 MB a minute or 30 MB in all.
  const memoryVerdicts = [
    ...(heapSlope > 1 && heapGrowth > 5 ? [`heap grows ${heapSlope} MB/min (${heapGrowth} MB)`] : []),
    ...(rssSlope > 5 && rssGrowth > 30 ? [`RSS grows ${rssSlope} MB/min (${rssGrowth} MB)`] : []),
  ];
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
    memoryVerdicts,
    errorLogLines: errorLines,
    brokenInvariants: broken,
    memory: {
      start: samples[0],
      afterWarmUp: first,
      end: last,
      heapSlopeMbPerMinute: heapSlope,
      rssSlopeMbPerMinute: rssSlope,
      heapGrowthAfterWarmUpMb: heapGrowth,
      rssGrowthAfterWarmUpMb: rssGrowth,
    },
    samples,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  const ok =
    code === 0 &&
    failures.length === 0 &&
    errorLines === 0 &&
    broken.length === 0 &&
    memoryVerdicts.length === 0;
  process.stdout.write(
    `\nsoak ${ok ? 'PASSED' : 'FAILED'}: ${report.requests} requests in ${SECONDS} s, ${failures.length} failures, ` +
      `heap ${first.heapMb} → ${last.heapMb} MB (${heapSlope} MB/min), ` +
      `RSS ${first.rssMb} → ${last.rssMb} MB (${rssSlope} MB/min)` +
      `${memoryVerdicts.length ? `; ${memoryVerdicts.join('; ')}` : ''}\n`,
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
