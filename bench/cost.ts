/**
 * `npm run bench:cost`: what each benchmark request costs the service, in units the machine's load
 * does not move much — CPU time of the service process per request (from /proc/<pid>/stat, over
 * `--requests` sequential requests, the median of `--rounds` rounds) and SQL statements per request
 * (bench/sql-audit.ts). No baseline and no throughput: for comparing two versions of the service
 * on a busy machine (run it in each tree). See bench/README.md, "Round two".
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolve } from 'node:path';
import { SequentialClient } from './lib/load';
import type { RequestShape } from './lib/load';
import { dropDatabase, openPool, parseDatabaseUrl, recreateDatabase } from './lib/database';
import { SIZES, argValue } from './lib/options';
import { cpuMsOf, freePort, readMemory, serviceEnv, startServer } from './lib/processes';
import { newestProfile, summarizeProfile } from './lib/profile';
import { Requests } from './lib/requests';
import { bootstrapSecrets, bootstrappedOrganizationId, seedDirectory } from './lib/seed';
import { auditOurs, pairs } from './lib/sql-counts';

const ROOT = resolve(__dirname, '..');

const arg = (name: string, fallback: string) => argValue(name, fallback);

async function main(): Promise<void> {
  process.chdir(ROOT);
  const perRound = Number(arg('requests', '300'));
  const rounds = Number(arg('rounds', '3'));
  const only = arg('only', '')
    .split(',')
    .filter((s) => s !== '');
  const target = parseDatabaseUrl(
    process.env.BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/identity_bench_cost',
  );
  await recreateDatabase(target);
  const tokens = bootstrapSecrets();
  const pool = openPool(target);
  // --cpu-prof: the service runs under V8's profiler; its summary is printed at the end.
  const profileDir = process.argv.includes('--cpu-prof')
    ? mkdtempSync(join(tmpdir(), 'identity-cost-prof-'))
    : null;
  const start = async (name: string, main: string, profile: boolean) => {
    const port = await freePort();
    return startServer({
      name,
      port,
      nodeArgs: [...(profile && profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), main],
      env: serviceEnv(port, target.url, tokens),
    });
  };
  const service = await start('cost', 'dist/src/main.js', true);
  // --compare <tree>: that tree's built service on the same database, measured in alternation with
  // this one (the same seconds of the same machine load for both), its figures ÷ this one's.
  const compareTree = arg('compare', '');
  let other: Awaited<ReturnType<typeof start>> | null = null;
  try {
    const size = SIZES.quick;
    const directory = await seedDirectory(pool, await bootstrappedOrganizationId(pool), size);
    if (compareTree)
      other = await start('cost-compare', join(resolve(compareTree), 'dist/src/main.js'), false);
    const requests = new Requests(directory, tokens);
    const kinds: [string, () => RequestShape][] = [
      [
        'static',
        () => ({
          method: 'GET',
          path: '/scim/v2/ServiceProviderConfig',
          headers: requests.userById().headers,
        }),
      ],
      ['S1', () => requests.userByName()],
      ['S2', () => requests.userById()],
      ['S8', () => requests.groupsWithoutMembers()],
      ['G1', () => requests.entities()],
      ['G2', () => requests.usersFiltered()],
      ['S4', () => requests.createUser('cost', false)],
      ['S5', () => requests.toggleActive()],
      ['S6s', () => requests.addOneMember(false)],
      ['S6', () => requests.addOneMember(true)],
    ];
    const pid = service.process.pid ?? 0;
    const sides = [{ name: 'this', pid, client: new SequentialClient(service.url) }];
    if (other)
      sides.push({ name: 'compared', pid: other.process.pid ?? 0, client: new SequentialClient(other.url) });
    const figures: Record<string, number[]> = {};
    const comparedFigures: Record<string, number[]> = {};
    // Round 0 warms the processes up (JIT, caches, pools) and is not counted. With --compare the
    // two services take turns, in alternating order, kind by kind.
    for (let round = 0; round <= rounds; round++)
      for (const [id, make] of kinds) {
        if (only.length > 0 && !only.includes(id)) continue;
        for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
          for (let i = 0; i < 30; i++) await side.client.send(make());
          const before = cpuMsOf(side.pid);
          for (let i = 0; i < perRound; i++) {
            const response = await side.client.send(make());
            if (response.status >= 300)
              throw new Error(`${side.name} ${id}: HTTP ${response.status} ${response.body}`);
          }
          const perRequest = (cpuMsOf(side.pid) - before) / perRound;
          if (round > 0) ((side.name === 'this' ? figures : comparedFigures)[id] ??= []).push(perRequest);
        }
      }
    for (const side of sides) side.client.close();
    if (other) await other.stop();
    const peak = readMemory(pid);
    await service.stop();
    const profile = profileDir ? newestProfile(profileDir) : null;
    if (profile) process.stdout.write(`${summarizeProfile(profile, 45)}\n`);
    const sql = await auditOurs({
      databaseUrl: target.url,
      requests: pairs(requests, 'ours', size),
    });
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const lines = Object.entries(figures).map(
      ([id, xs]) =>
        `${id.padEnd(7)} CPU ms/request median ${median(xs).toFixed(3)} min ${Math.min(...xs).toFixed(3)}  (rounds: ${xs.map((x) => x.toFixed(3)).join(' ')})`,
    );
    process.stdout.write(`${lines.join('\n')}\npeak RSS ${peak?.peakMb.toFixed(1)} MB\n`);
    if (other) {
      const compared = Object.entries(figures).map(([id, xs]) => {
        const ys = comparedFigures[id] ?? [];
        const ratios = xs.map((x, i) => x / (ys[i] ?? Number.NaN));
        return `${id.padEnd(7)} compared tree ${median(ys).toFixed(3)} ms, this tree ${median(xs).toFixed(3)} ms; this ÷ compared per round: median ${median(ratios).toFixed(2)} (${ratios.map((r) => r.toFixed(2)).join(' ')})`;
      });
      process.stdout.write(`${compared.join('\n')}\n`);
    }
    for (const r of sql) {
      process.stdout.write(`SQL ${r.statements}  ${r.id} (HTTP ${r.status})\n`);
      if (process.argv.includes('--sql'))
        process.stdout.write(`${r.sql.map((q) => `      ${q}`).join('\n')}\n`);
    }
  } finally {
    await other?.stop();
    await service.stop();
    await pool.end();
    await dropDatabase(target);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
