import type { FederationStats } from './federation';
import type { Measurement } from './load';
import { SequentialClient, load, merge, percentile, summarize } from './load';
import type { Scenario, ScenarioContext, Side } from './measure';
import { fmt, loadScenario, measureVariants, row } from './measure';

/** S3: Okta's import — every user, pages of 100 by startIndex, one connection. */
async function walk(ctx: ScenarioContext, side: Side) {
  const client = new SequentialClient(side.url);
  const latencies: number[] = [];
  let failures = 0;
  const started = process.hrtime.bigint();
  try {
    for (let startIndex = 1; ; startIndex += 100) {
      const response = await client.send(ctx.requests.usersPage(startIndex));
      if (response.status !== 200) {
        failures++;
        break;
      }
      latencies.push(response.ms);
      const page = JSON.parse(response.body) as { totalResults: number; Resources: unknown[] };
      if (page.Resources.length < 100 || startIndex + 100 > page.totalResults) break;
    }
  } finally {
    client.close();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const edge = Math.max(1, Math.min(10, Math.floor(latencies.length / 2)));
  const median = (values: number[]) => percentile(Float64Array.from(values).sort(), 50);
  return {
    measurement: summarize(latencies, seconds, failures, { 200: latencies.length }),
    first: median(latencies.slice(0, edge)),
    last: median(latencies.slice(-edge)),
  };
}

const importWalk: Scenario = {
  id: 'S3',
  title: 'Okta import walk: every user, count=100 by startIndex, 1 connection',
  async run(ctx) {
    const ours = await walk(ctx, ctx.sides[0]);
    const baseline = await walk(ctx, ctx.sides[1]);
    const notes = [
      `walk: ours ${fmt(ours.measurement.seconds)} s, baseline ${fmt(baseline.measurement.seconds)} s (${ours.measurement.requests} pages)`,
      `last/first page p50: ours ${fmt(ours.last / ours.first)} (${fmt(ours.first)} → ${fmt(ours.last)} ms), baseline ${fmt(baseline.last / baseline.first)} (${fmt(baseline.first)} → ${fmt(baseline.last)} ms)`,
    ];
    return {
      ...row('S3', this.title, ours.measurement, baseline.measurement, notes),
      extra: {
        oursSeconds: ours.measurement.seconds,
        baselineSeconds: baseline.measurement.seconds,
        oursFirstPageP50: ours.first,
        oursLastPageP50: ours.last,
        baselineFirstPageP50: baseline.first,
        baselineLastPageP50: baseline.last,
      },
    };
  },
};

/** S1's p99 while S4p (creates with passwords) loads the same server, against S1 on an idle one. */
const readsDuringHashing: Scenario = {
  id: 'S1+S4p',
  title: 'S1 while S4p runs (hashing must not starve reads)',
  async run(ctx) {
    const during = async (side: Side): Promise<Measurement> => {
      const smoke = ctx.size.amount !== undefined;
      const writes = load({
        baseUrl: side.url,
        next: () => ctx.requests.createUser(side.name, true),
        connections: ctx.size.connections,
        ...(smoke ? { amount: 2 } : { seconds: ctx.size.seconds + 1 }),
      });
      await new Promise((resolve) => setTimeout(resolve, 250));
      const reads = await load({
        baseUrl: side.url,
        next: () => ctx.requests.userByName(),
        connections: 2,
        ...(smoke ? { amount: ctx.size.amount } : { seconds: ctx.size.seconds }),
      });
      await writes;
      return merge([reads]);
    };
    const ours = await during(ctx.sides[0]);
    const baseline = await during(ctx.sides[1]);
    const idle = ctx.rows.get('S1');
    const notes = idle
      ? [
          `S1 p99 under S4p / idle: ours ${fmt(ours.p99 / idle.ours.p99)}, baseline ${fmt(baseline.p99 / idle.baseline.p99)}`,
        ]
      : [];
    return row(this.id, this.title, ours, baseline, notes);
  },
};

/** S6 on the big group and on a 10-member group, their rounds interleaved so noise hits both alike. */
const bigVersusSmall: Scenario = {
  id: 'S6',
  title: 'PATCH add 1 member to the big group',
  async run(ctx) {
    const [big, small] = await measureVariants(
      ctx,
      [() => ctx.requests.addOneMember(true), () => ctx.requests.addOneMember(false)],
      2,
    );
    ctx.rows.set('S6s', row('S6s', 'PATCH add 1 member to a 10-member group', small[0], small[1]));
    return row(this.id, this.title, big[0], big[1], [
      `p50 big/small group: ours ${fmt(big[0].p50 / small[0].p50)}, baseline ${fmt(big[1].p50 / small[1].p50)}`,
    ]);
  },
};

/** S7: sequential PATCHes, each adding `s7Members` users to an empty group of its own. */
const addThousand: Scenario = {
  id: 'S7',
  title: 'one PATCH adding 1,000 members (sequential)',
  async run(ctx) {
    const one = async (side: Side) => {
      const groups = ctx.requests.directory.s7Groups[side.name];
      const client = new SequentialClient(side.url);
      const latencies: number[] = [];
      let failures = 0;
      const statuses: Record<string, number> = {};
      await client.send(ctx.requests.addManyMembers(groups[0], 0, ctx.size.s7Members));
      const started = process.hrtime.bigint();
      for (let k = 0; k < ctx.size.s7Requests; k++) {
        const response = await client.send(
          ctx.requests.addManyMembers(groups[k + 2], k + 1, ctx.size.s7Members),
        );
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        if (response.status < 300) latencies.push(response.ms);
        else failures++;
      }
      client.close();
      return summarize(latencies, Number(process.hrtime.bigint() - started) / 1e9, failures, statuses);
    };
    const title = `one PATCH adding ${ctx.size.s7Members} members (sequential)`;
    return row(this.id, title, await one(ctx.sides[0]), await one(ctx.sides[1]));
  },
};

/**
 * What a gateway's stats add to a side's measurement: identity's fetch times, and the answers that
 * carried errors (the gateway still says 200) moved from the 200s to the failures.
 */
function withGatewayStats(query: Measurement, stats: FederationStats) {
  const errors = stats.responsesWithErrors;
  const ok = Math.max(0, (query.statuses[200] ?? 0) - errors);
  const statuses = { ...query.statuses, 200: ok, '200 with errors': errors };
  const measurement: Measurement = errors ? { ...query, failures: query.failures + errors, statuses } : query;
  const identity = summarize(stats.identityMs, query.seconds, stats.identityFailures, {});
  return {
    measurement,
    identity,
    /** Identity's part of the query: p50 over p50, p99 over p99, mean over mean. */
    share: { p50: identity.p50 / query.p50, p99: identity.p99 / query.p99, mean: identity.mean / query.mean },
    /** Every answer the gateway gave, counted or not (those still in flight when a round ended are not). */
    fetchesPerQuery: (identity.requests + identity.failures) / stats.responses,
    /** CPU ms per gateway answer and per identity fetch: what neither the machine's load nor queueing moves. */
    cpu: {
      gateway: stats.cpuMs / stats.responses,
      identity: stats.identityCpuMs / (identity.requests + identity.failures),
    },
  };
}

/**
 * G3: a supergraph query through @apollo/gateway, 100 orders from the in-process "orders" subgraph
 * and their buyers from identity, once with identity served by the service and once by the
 * baseline. Besides the query's latency, the gateway's own timing of each identity fetch: over the
 * query's, identity's share of what a federated client waits.
 */
const federatedOrders: Scenario = {
  id: 'G3',
  title: 'supergraph orders { buyer { userName emails { value } } } via @apollo/gateway, 100 orders',
  async run(ctx) {
    const { federation } = ctx;
    const drain = () => Promise.all(federation.sides.map((side) => federation.stats(side.name)));
    const [[oursQuery, baselineQuery]] = await measureVariants(
      { ...ctx, sides: federation.sides },
      [() => ctx.requests.ordersThroughGateway()],
      undefined,
      undefined,
      async () => void (await drain()),
    );
    const [oursStats, baselineStats] = await drain();
    const ours = withGatewayStats(oursQuery, oursStats);
    const baseline = withGatewayStats(baselineQuery, baselineStats);
    const ms = (m: Measurement) => `${fmt(m.p50)}/${fmt(m.p99)}/${fmt(m.mean)} ms`;
    const pct = (share: { p50: number; p99: number; mean: number }) =>
      [share.p50, share.p99, share.mean]
        .map((part) => (Number.isFinite(part) ? `${fmt(100 * part, 0)} %` : 'n/a'))
        .join('/');
    const cpuShare = (cpu: { gateway: number; identity: number }) =>
      `${fmt((100 * cpu.identity) / (cpu.identity + cpu.gateway), 0)} %`;
    const notes = [
      `identity subgraph fetch, timed in the gateway, p50/p99/mean: ours ${ms(ours.identity)}, baseline ${ms(baseline.identity)}`,
      `identity's share of the query's p50/p99/mean: ours ${pct(ours.share)}, baseline ${pct(baseline.share)}`,
      `the rest of a query on average (gateway, orders subgraph, client): ours ${fmt(oursQuery.mean - ours.identity.mean)} ms, baseline ${fmt(baselineQuery.mean - baseline.identity.mean)} ms; identity fetches per gateway answer: ours ${fmt(ours.fetchesPerQuery)}, baseline ${fmt(baseline.fetchesPerQuery)}`,
      `CPU per query (load-independent): gateway process ours ${fmt(ours.cpu.gateway)} ms, baseline ${fmt(baseline.cpu.gateway)} ms; identity subgraph process ours ${fmt(ours.cpu.identity)} ms, baseline ${fmt(baseline.cpu.identity)} ms (${fmt(ours.cpu.identity / baseline.cpu.identity)}×); identity's share of the two: ours ${cpuShare(ours.cpu)}, baseline ${cpuShare(baseline.cpu)}`,
      ...[ours, baseline]
        .filter((side) => side.identity.failures > 0)
        .map(
          (side) =>
            `${side === ours ? 'ours' : 'baseline'}: ${side.identity.failures} identity fetches failed`,
        ),
    ];
    return {
      ...row(this.id, this.title, ours.measurement, baseline.measurement, notes),
      extra: {
        oursIdentityP50: ours.identity.p50,
        oursIdentityP99: ours.identity.p99,
        oursIdentityMean: ours.identity.mean,
        oursIdentityShareP50: ours.share.p50,
        oursIdentityShareP99: ours.share.p99,
        oursIdentityShareMean: ours.share.mean,
        baselineIdentityP50: baseline.identity.p50,
        baselineIdentityP99: baseline.identity.p99,
        baselineIdentityMean: baseline.identity.mean,
        baselineIdentityShareP50: baseline.share.p50,
        baselineIdentityShareP99: baseline.share.p99,
        baselineIdentityShareMean: baseline.share.mean,
        oursGatewayCpuMs: ours.cpu.gateway,
        oursIdentityCpuMs: ours.cpu.identity,
        baselineGatewayCpuMs: baseline.cpu.gateway,
        baselineIdentityCpuMs: baseline.cpu.identity,
      },
    };
  },
};

const S1 = loadScenario('S1', 'GET /Users?filter=userName eq (random)', (r) => r.userByName());
const S2 = loadScenario('S2', 'GET /Users/{random id}', (r) => r.userById());

/** The order of the table. */
export const ROW_ORDER = [
  'S1',
  'S2',
  'S8',
  'G1',
  'G2',
  'G3',
  'S3',
  'S4',
  'S4p',
  'S1+S4p',
  'S5',
  'S6',
  'S6s',
  'S7',
  'S1@1M',
  'S2@1M',
];

export const SCENARIOS: readonly Scenario[] = [
  S1,
  S2,
  loadScenario('S8', 'GET /Groups?excludedAttributes=members', (r) => r.groupsWithoutMembers()),
  loadScenario('G1', 'GraphQL _entities, 100 User references', (r) => r.entities()),
  loadScenario('G2', 'GraphQL users(filter: userName sw, first: 100)', (r) => r.usersFiltered()),
  federatedOrders,
  importWalk,
  loadScenario('S4', 'POST /Users (Okta body, no password)', (r, side) => r.createUser(side.name, false)),
  loadScenario(
    'S4p',
    'POST /Users with a password (scrypt)',
    (r, side) => r.createUser(side.name, true),
    undefined,
    2,
  ),
  readsDuringHashing,
  loadScenario('S5', 'PATCH /Users/{id} active false/true', (r) => r.toggleActive()),
  bigVersusSmall,
  addThousand,
];

/** A scenario repeated on the grown directory, with its p99 compared to the first measurement. */
function again(base: Scenario, suffix: string, title: string): Scenario {
  return {
    id: `${base.id}${suffix}`,
    title,
    async run(ctx) {
      const grown = await base.run(ctx);
      const before = ctx.rows.get(base.id);
      const notes = before
        ? [
            `p99 here / before: ours ${fmt(grown.ours.p99 / before.ours.p99)}, baseline ${fmt(grown.baseline.p99 / before.baseline.p99)}`,
          ]
        : [];
      return { ...grown, id: `${base.id}${suffix}`, title, notes: [...grown.notes, ...notes] };
    },
  };
}

/** S1 and S2 again once the directory holds 1M users. */
export const MILLION: readonly Scenario[] = [
  again(S1, '@1M', 'GET /Users?filter=userName eq (random), 1M users'),
  again(S2, '@1M', 'GET /Users/{random id}, 1M users'),
];
