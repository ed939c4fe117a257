/**
 * `npm run bench:heap`: what HEAP_GROWTH_PERCENT trades. Services from this tree's dist/ on one
 * seeded MariaDB database (the quick directory), differing only in HEAP_GROWTH_PERCENT
 * (`--variants 0,50`: 0 is V8's own policy), take turns under the repeated run's mixed load from
 * `--connections` (4) for `--amount` (1,500) requests a turn, the order alternating by round.
 * Per turn: the service's CPU ms per request (user + system of all its threads, from /proc, so
 * concurrent marking counts) and its RSS; at the end, each one's peak (VmHWM). Round 0 warms up
 * and is not counted. See bench/README.md, Memory.
 */
import { resolve } from 'node:path';
import { dropDatabase, openPool, parseDatabaseUrl, recreateDatabase } from './lib/database';
import { load } from './lib/load';
import { mixedLoad } from './lib/memory-check';
import { SIZES, argValue } from './lib/options';
import { cpuMsOf, freePort, readMemory, serviceEnv, startServer } from './lib/processes';
import { Requests } from './lib/requests';
import { bootstrapSecrets, bootstrappedOrganizationId, seedDirectory } from './lib/seed';

const ROOT = resolve(__dirname, '..');
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const out = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  process.chdir(ROOT);
  const variants = argValue('variants', '0,50').split(',');
  const rounds = Number(argValue('rounds', '4'));
  const amount = Number(argValue('amount', '1500'));
  const connections = Number(argValue('connections', '4'));
  const target = parseDatabaseUrl(
    process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/identity_bench_heap',
  );
  await recreateDatabase(target);
  const tokens = bootstrapSecrets();
  const pool = openPool(target);
  const start = async (percent: string) => {
    const port = await freePort();
    const server = await startServer({
      name: `heap-${percent}`,
      port,
      nodeArgs: ['dist/src/main.js'],
      env: { ...serviceEnv(port, target.url, tokens), HEAP_GROWTH_PERCENT: percent },
    });
    return { percent, server, pid: server.process.pid ?? 0, cpu: [] as number[] };
  };
  const sides: Awaited<ReturnType<typeof start>>[] = [];
  try {
    // The first service bootstraps the organisation the seed fills; the others start on it after.
    sides.push(await start(variants[0]));
    const directory = await seedDirectory(pool, await bootstrappedOrganizationId(pool), SIZES.quick);
    for (const percent of variants.slice(1)) sides.push(await start(percent));
    const next = mixedLoad(new Requests(directory, tokens));
    for (let round = 0; round <= rounds; round++)
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        const before = cpuMsOf(side.pid);
        const sample = await load({ baseUrl: side.server.url, next, connections, amount });
        const perRequest = (cpuMsOf(side.pid) - before) / sample.latencies.length;
        if (round > 0) side.cpu.push(perRequest);
        out(
          `round ${round} HEAP_GROWTH_PERCENT=${side.percent}: ${sample.latencies.length} ok, ${sample.failures} failed, ${perRequest.toFixed(3)} CPU ms/request, RSS ${readMemory(side.pid)?.rssMb.toFixed(1)} MB`,
        );
      }
    for (const side of sides)
      out(
        `HEAP_GROWTH_PERCENT=${side.percent}: CPU ms/request median ${median(side.cpu).toFixed(3)} (${side.cpu.map((x) => x.toFixed(3)).join(' ')}), peak RSS ${readMemory(side.pid)?.peakMb.toFixed(1)} MB`,
      );
    for (const side of sides.slice(1)) {
      const ratios = side.cpu.map((x, i) => x / sides[0].cpu[i]);
      out(
        `${side.percent} ÷ ${sides[0].percent} per round: median ${median(ratios).toFixed(3)} (${ratios.map((r) => r.toFixed(3)).join(' ')})`,
      );
    }
  } finally {
    for (const side of sides) await side.server.stop();
    await pool.end();
    await dropDatabase(target);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
