/**
 * `npm run bench`: the service (built dist/, a child process on 127.0.0.1) and the bare-SQL baseline
 * on one freshly seeded MariaDB database, the same scenarios against both, one table of ratios.
 * See bench/README.md.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dropDatabase, openPool, parseDatabaseUrl, recreateDatabase } from './lib/database';
import type { Federation } from './lib/federation';
import { startFederation } from './lib/federation';
import type { Options } from './lib/options';
import { SIZES, USAGE, UsageError, parseOptions } from './lib/options';
import { checkParity } from './lib/parity';
import type { ParityResult } from './lib/parity';
import type { Overload } from './lib/overload';
import { overloadRuns } from './lib/overload';
import { newestProfile, summarizeProfile } from './lib/profile';
import type { Server } from './lib/processes';
import { freePort, startServer } from './lib/processes';
import type { Report, SqlCount } from './lib/report';
import { problemsOf, renderMarkdown, updateReadme, writeResults } from './lib/report';
import type { RepeatedRun } from './lib/memory-check';
import { checkRepeatedRun } from './lib/memory-check';
import { Requests } from './lib/requests';
import type { Row, Scenario, ScenarioContext, Side } from './lib/measure';
import { MILLION, ROW_ORDER, SCENARIOS } from './lib/scenarios';
import { bootstrappedOrganizationId, growDirectory, seedDirectory } from './lib/seed';
import { countStatements } from './lib/sql-counts';
import type { Attribution } from './lib/scim-token';
import { issueLooseScimToken, readAttribution } from './lib/scim-token';

const ROOT = resolve(__dirname, '..');
const RESULTS = join(ROOT, 'bench', 'results');
const log = (message: string) =>
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** Builds dist/ when it is missing or older than src/ or migrations/ (the service runs built, as in production). */
function ensureBuilt(): void {
  const main = join(ROOT, 'dist', 'src', 'main.js');
  const stale =
    !existsSync(main) ||
    statSync(main).mtimeMs < Math.max(newest(join(ROOT, 'src')), newest(join(ROOT, 'migrations')));
  if (!stale) return;
  log('building dist/ (tsc -p tsconfig.build.json)');
  const build = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('The build failed');
}

const secret = (kind: string) => `idt_bench_${kind}_${randomBytes(18).toString('base64url')}`;

async function startService(
  options: Options,
  databaseUrl: string,
  tokens: { scim: string; admin: string },
  profileDir: string | null,
) {
  const port = await freePort();
  return startServer({
    name: 'service',
    port,
    nodeArgs: [...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), 'dist/src/main.js'],
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: options.logLevel,
      BOOTSTRAP_SCIM_TOKEN: tokens.scim,
      BOOTSTRAP_ADMIN_TOKEN: tokens.admin,
      NODE_ENV: 'production',
      // The limiter stays in the request path (its cost is measured) but never refuses the load.
      RATE_LIMIT_PER_MINUTE: '10000000',
    },
  });
}

async function startBaseline(databaseUrl: string) {
  const port = await freePort();
  return startServer({
    name: 'baseline',
    port,
    nodeArgs: ['-r', '@swc-node/register', 'bench/baseline/server.ts'],
    env: { PORT: String(port), DATABASE_URL: databaseUrl, NODE_ENV: 'production' },
  });
}

async function runScenarios(
  list: readonly Scenario[],
  ctx: ScenarioContext,
  service: Server,
  only: readonly string[],
) {
  for (const scenario of list) {
    if (only.length > 0 && !only.includes(scenario.id.toUpperCase())) continue;
    log(`${scenario.id}: ${scenario.title}`);
    const row = await scenario.run(ctx);
    ctx.rows.set(row.id, row);
    service.memory.mark(row.id);
    log(
      `  ours ${row.ours.rps.toFixed(1)} req/s p99 ${row.ours.p99.toFixed(2)} ms | baseline ${row.baseline.rps.toFixed(1)} req/s p99 ${row.baseline.p99.toFixed(2)} ms | ratio ${row.ratio.toFixed(2)}`,
    );
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), process.env);
  process.chdir(ROOT);
  const began = Date.now();
  ensureBuilt();
  const target = parseDatabaseUrl(options.databaseUrl);
  log(
    `size ${options.size.name}: ${options.size.users} users, ${options.size.connections} connections; database ${target.database} (recreated)`,
  );
  await recreateDatabase(target);
  const bootstrapTokens = { scim: secret('scim'), admin: secret('admin') };
  const profileDir = options.cpuProf ? mkdtempSync(join(tmpdir(), 'identity-bench-prof-')) : null;
  const pool = openPool(target);
  const servers: Server[] = [];
  let federation: Federation | undefined;
  try {
    const service = await startService(options, target.url, bootstrapTokens, profileDir);
    servers.push(service);
    service.memory.mark('started');
    const seedStart = Date.now();
    const directory = await seedDirectory(pool, await bootstrappedOrganizationId(pool), options.size);
    log(
      `seeded ${directory.userIds.length} users and ${directory.groupCount} groups in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`,
    );
    const baseline = await startBaseline(target.url);
    servers.push(baseline);
    const sides: [Side, Side] = [
      { name: 'ours', url: service.url },
      { name: 'baseline', url: baseline.url },
    ];
    const tokens =
      options.scimToken === 'loose'
        ? { ...bootstrapTokens, scim: await issueLooseScimToken(service.url, bootstrapTokens.admin) }
        : bootstrapTokens;
    log(
      `SCIM scenarios use ${options.scimToken === 'loose' ? 'a loose scim API token (no connection)' : 'the "default" connection\'s token'}`,
    );
    federation = await startFederation(
      [
        { ...sides[0], pid: service.process.pid ?? 0 },
        { ...sides[1], pid: baseline.process.pid ?? 0 },
      ],
      tokens.admin,
      directory.userIds,
    );
    log(`G3 gateways (@apollo/gateway, identity + orders): ${federation.sides.map((s) => s.url).join(', ')}`);
    const requests = new Requests(directory, tokens);
    const parity: ParityResult[] = await checkParity(requests, sides, federation.sides);
    for (const p of parity) log(`parity ${p.id}: ${p.same ? 'same JSON' : `DIFFERENT: ${p.difference}`}`);
    // The document the gateway sent identity during the parity check, for G3's statement count.
    const gatewayQuery = (await federation.stats('ours')).lastIdentityQuery;
    let sql: SqlCount[] = [];
    if (!options.skipSqlAudit) {
      log('counting SQL statements per request');
      sql = await countStatements(requests, sides, target.url, options.size, gatewayQuery);
    }
    service.memory.mark('before load');
    const ctx: ScenarioContext = {
      size: options.size,
      requests,
      sides,
      rows: new Map<string, Row>(),
      federation,
    };
    await runScenarios(SCENARIOS, ctx, service, options.only);
    let overload: Overload | undefined;
    if (options.only.includes('OL') || (options.only.length === 0 && options.size.name !== 'smoke'))
      overload = await overloadRuns(requests, service, options.size.seconds, log)();
    let repeatedRun: RepeatedRun | undefined;
    if (options.only.length === 0) {
      log(
        `repeated run: the same mixed load three times (a warm-up, then the two compared), ${options.size.repeatSeconds} s each`,
      );
      repeatedRun = await checkRepeatedRun(requests, service, {
        seconds: options.size.repeatSeconds,
        connections: options.size.connections,
        amount: options.size.amount,
      });
      log(
        `  RSS ${repeatedRun.rssMb[0]} → ${repeatedRun.rssMb[1]} MB (${repeatedRun.flat ? 'flat' : 'GROWTH'})`,
      );
    }
    if (options.with1m) {
      const growStart = Date.now();
      await growDirectory(pool, directory, 1_000_000);
      log(`grew to ${directory.userIds.length} users in ${((Date.now() - growStart) / 1000).toFixed(0)} s`);
      await runScenarios(
        MILLION,
        ctx,
        service,
        options.only.length > 0 ? options.only.map((id) => `${id}@1M`) : [],
      );
    }
    service.memory.mark('end');
    // Counters flush every CONNECTION_HEALTH_FLUSH_MS (5 s by default), the request log about every second.
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    let attribution: Attribution | undefined;
    try {
      attribution = await readAttribution(service.url, tokens.admin, pool);
      for (const c of attribution.connections)
        log(
          `connection "${c.name}": ${c.requests} requests counted, ${c.requestLogDropped} log entries dropped`,
        );
      log(`request log rows: ${attribution.requestLogRows}`);
    } catch (error) {
      log(
        `could not read the connections' counters: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const [versionRows] = await pool.query('SELECT VERSION() AS v');
    const version = (versionRows as { v: string }[])[0]?.v ?? 'unknown';
    const rows = ROW_ORDER.map((id) => ctx.rows.get(id)).filter((r): r is Row => r !== undefined);
    const report: Report = {
      date: new Date().toISOString(),
      size: options.size.name,
      machine: `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), node ${process.version}, MariaDB ${version}`,
      users: options.size.users,
      ...(options.with1m && { grownTo: directory.userIds.length }),
      rows,
      ...(overload && { overload }),
      parity,
      sql,
      memory: {
        oursPeakMb: service.memory.peakMb,
        baselinePeakMb: baseline.memory.peakMb,
        oursMarks: service.memory.marks,
        repeatedRun,
      },
      seconds: (Date.now() - began) / 1000,
      scimToken: options.scimToken,
      ...(attribution && { attribution }),
    };
    await federation.stop();
    federation = undefined;
    await Promise.all(servers.map((s) => s.stop()));
    servers.length = 0;
    const markdown = renderMarkdown(report);
    process.stdout.write(`\n${markdown}\n\n`);
    if (options.size.name !== 'smoke')
      for (const count of sql)
        process.stdout.write(`${count.id}:\n${count.oursSql.map((s) => `    ${s}`).join('\n')}\n`);
    const file = writeResults(RESULTS, report, options.size.name === 'smoke' || options.only.length > 0);
    log(`results: ${file}`);
    if (
      options.size.name !== 'smoke' &&
      options.only.length === 0 &&
      // The README's table is the default-connections run; others are in bench/results/ only.
      options.size.connections === SIZES[options.size.name].connections &&
      (await updateReadme(join(ROOT, 'bench', 'README.md'), report))
    )
      log('bench/README.md updated');
    const problems = problemsOf(report, { judgeMemory: options.size.name !== 'smoke' });
    for (const problem of problems) log(`PROBLEM ${problem}`);
    if (options.size.name === 'smoke' && problems.length > 0) process.exitCode = 1;
    if (profileDir) {
      const profile = newestProfile(profileDir);
      if (profile) {
        const summary = summarizeProfile(profile);
        const out = join(RESULTS, `profile-${report.date.replace(/:/g, '').replace(/\..*$/, '')}.txt.tmp`);
        writeFileSync(out, `${summary}\n`);
        process.stdout.write(`\n${summary.split('\n').slice(0, 70).join('\n')}\n`);
        log(`profile: ${profile}; summary: ${out}`);
      }
    }
  } finally {
    await federation?.stop();
    await Promise.all(servers.map((s) => s.stop()));
    await pool.end();
    if (!options.keepDb) await dropDatabase(target);
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
