/**
 * OL: overload. One service instance, the same request from 16, then 256, then 1,024 concurrent
 * keep-alive connections, each sending its next request as soon as the last is answered. Two client
 * behaviours: one that waits Retry-After after a refusal before its next request (as HTTP asks and
 * IdPs do), and the worst case, one that ignores it and retries at once. Accepted and refused
 * requests are measured apart; every refusal must be a fast 503 with Retry-After.
 */
import type { RequestShape } from './load';
import { percentile } from './load';
import type { Server } from './processes';
import { cpuMsOf } from './processes';
import { RawHttpConnection } from './raw-http-connection';
import type { RefusalFloor } from './refusal-floor';
import { refusalFloor } from './refusal-floor';
import type { Requests } from './requests';

export const OVERLOAD_CONNECTIONS = [16, 256, 1024] as const;

export interface OverloadStep {
  readonly connections: number;
  /** How long opening the step's connections took, before its clock started. */
  readonly connectSeconds: number;
  readonly seconds: number;
  readonly accepted: {
    readonly count: number;
    readonly rps: number;
    readonly p50: number;
    readonly p99: number;
  };
  readonly refused: {
    readonly count: number;
    readonly rps: number;
    readonly p50: number;
    readonly p99: number;
  };
  /**
   * Refusals of requests after each connection's first: the first requests of all connections go
   * out together at the step's start, an opening burst answered in one turn of the service's loop.
   */
  readonly refusedAfterOpening: { readonly count: number; readonly p99: number };
  /** Refusals without Retry-After, other statuses and socket errors: each one is a problem. */
  readonly bad: Record<string, number>;
  /** CPU seconds (user + system) the service used during the step, and its share of one core. */
  readonly cpuSeconds: number;
  readonly cpuShare: number;
}

const HEALTH: RequestShape = { method: 'GET', path: '/healthz' };

const cpuSecondsOf = (pid: number) => cpuMsOf(pid) / 1000;

export interface OverloadRun {
  readonly id: string;
  readonly title: string;
  readonly steps: readonly OverloadStep[];
  readonly peakRssMb: number;
  readonly verdicts: readonly { readonly criterion: string; readonly value: string; readonly met: boolean }[];
}

async function step(
  pid: number,
  baseUrl: string,
  next: () => RequestShape,
  connections: number,
  seconds: number,
  honourRetryAfter: boolean,
): Promise<OverloadStep> {
  const accepted: number[] = [];
  const refused: number[] = [];
  const refusedAfterOpening: number[] = [];
  const bad: Record<string, number> = {};
  const count = (key: string) => (bad[key] = (bad[key] ?? 0) + 1);
  // One raw keep-alive connection per client, all opened — accepted by the service, which answered
  // a /healthz on each (probes pass admission control) — before the clock starts: opening a
  // thousand TCP connections at once takes this VM a second or more of kernel and accept work
  // whatever answers on them (bench/README.md "Overload"), and that is timed apart.
  const clients = Array.from({ length: connections }, () => RawHttpConnection.forUrl(baseUrl));
  const connecting = process.hrtime.bigint();
  const opened = await Promise.all(clients.map((client) => client.send(HEALTH)));
  for (const { status } of opened) if (status !== 200) count(`connect: ${status}`);
  const connectSeconds = Number(process.hrtime.bigint() - connecting) / 1e9;
  const started = process.hrtime.bigint();
  const cpuBefore = cpuSecondsOf(pid);
  const until = Date.now() + seconds * 1000;
  const worker = async (client: RawHttpConnection) => {
    for (let first = true; Date.now() < until; first = false) {
      const outcome = await client.send(next());
      if (outcome.status === 200) accepted.push(outcome.ms);
      else if (outcome.status === 503 && outcome.retryAfter !== undefined) {
        refused.push(outcome.ms);
        if (!first) refusedAfterOpening.push(outcome.ms);
        const wait = Math.min(outcome.retryAfter * 1000, until - Date.now());
        if (honourRetryAfter && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      } else count(outcome.status === 503 ? '503 without Retry-After' : String(outcome.status));
    }
  };
  await Promise.all(clients.map(worker));
  for (const client of clients) client.close();
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const cpuSeconds = cpuSecondsOf(pid) - cpuBefore;
  const summary = (latencies: number[]) => {
    const sorted = Float64Array.from(latencies).sort();
    return {
      count: latencies.length,
      rps: latencies.length / elapsed,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
    };
  };
  return {
    connections,
    connectSeconds,
    seconds: elapsed,
    accepted: summary(accepted),
    refused: summary(refused),
    refusedAfterOpening: (({ count, p99 }) => ({ count, p99 }))(summary(refusedAfterOpening)),
    bad,
    cpuSeconds,
    cpuShare: cpuSeconds / elapsed,
  };
}

const fmt = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

function verdictsOf(steps: readonly OverloadStep[], peakRssMb: number): OverloadRun['verdicts'] {
  const first = steps[0];
  const last = steps[steps.length - 1];
  const peak = Math.max(...steps.map((s) => s.accepted.rps));
  const refusalP99 = Math.max(...steps.map((s) => (s.refused.count > 0 ? s.refused.p99 : 0)));
  const bad = steps.reduce((sum, s) => sum + Object.values(s.bad).reduce((a, b) => a + b, 0), 0);
  return [
    {
      criterion: `accepted p99 at ${last.connections} ≤ 3 × p99 at ${first.connections}`,
      value: `${fmt(last.accepted.p99)} ms vs 3 × ${fmt(first.accepted.p99)} ms (${fmt(last.accepted.p99 / first.accepted.p99)}×)`,
      met: last.accepted.p99 <= 3 * first.accepted.p99,
    },
    {
      criterion: `accepted req/s at ${last.connections} ≥ 90 % of the peak`,
      value: `${last.accepted.rps.toFixed(0)} of ${peak.toFixed(0)} (${((100 * last.accepted.rps) / peak).toFixed(0)} %)`,
      met: last.accepted.rps >= 0.9 * peak,
    },
    { criterion: 'p99 of refusals < 50 ms', value: `${fmt(refusalP99)} ms`, met: refusalP99 < 50 },
    { criterion: 'every non-200 a 503 with Retry-After', value: `${bad} other`, met: bad === 0 },
    { criterion: 'RSS ≤ 300 MB', value: `${peakRssMb.toFixed(0)} MB`, met: peakRssMb <= 300 },
  ];
}

/**
 * The service's CPU per request: per accepted request at the first step (nothing refused), and per
 * refusal at the last, with the accepted requests' share taken out. CPU time does not depend on how
 * busy the machine is, unlike every latency above.
 */
export function cpuPerRequest(steps: readonly OverloadStep[]): { acceptedMs: number; refusedMs: number } {
  const first = steps[0];
  const last = steps[steps.length - 1];
  const acceptedMs = (1000 * first.cpuSeconds) / Math.max(1, first.accepted.count + first.refused.count);
  const refusedMs =
    (1000 * last.cpuSeconds - acceptedMs * last.accepted.count) / Math.max(1, last.refused.count);
  return { acceptedMs, refusedMs };
}

/** Runs the three steps for one request kind, after a short warm-up at the smallest step. */
export async function overload(
  id: string,
  title: string,
  service: Server,
  next: () => RequestShape,
  options: { readonly seconds: number; readonly honourRetryAfter: boolean },
  log: (message: string) => void,
): Promise<OverloadRun> {
  await step(
    service.process.pid ?? 0,
    service.url,
    next,
    OVERLOAD_CONNECTIONS[0],
    1,
    options.honourRetryAfter,
  );
  service.memory.collect();
  const steps: OverloadStep[] = [];
  for (const connections of OVERLOAD_CONNECTIONS) {
    const measured = await step(
      service.process.pid ?? 0,
      service.url,
      next,
      connections,
      options.seconds,
      options.honourRetryAfter,
    );
    steps.push(measured);
    log(
      `  ${connections} connections (opened in ${measured.connectSeconds.toFixed(2)} s): accepted ${measured.accepted.rps.toFixed(0)} req/s p50 ${fmt(measured.accepted.p50)} p99 ${fmt(measured.accepted.p99)} ms | refused ${measured.refused.rps.toFixed(0)}/s p99 ${fmt(measured.refused.p99)} ms (after the opening burst ${fmt(measured.refusedAfterOpening.p99)}) | other ${JSON.stringify(measured.bad)}`,
    );
  }
  const peakRssMb = Math.max(0, ...service.memory.collectedSamples());
  return { id, title, steps, peakRssMb, verdicts: verdictsOf(steps, peakRssMb) };
}

export function overloadRuns(requests: Requests, service: Server, seconds: number, log: (m: string) => void) {
  const kinds = [
    ['S2', 'GET /Users/{random id}', () => requests.userById()],
    ['S1', 'GET /Users?filter=userName eq', () => requests.userByName()],
  ] as const;
  return async (): Promise<Overload> => {
    const runs: OverloadRun[] = [];
    for (const honourRetryAfter of [true, false])
      for (const [kind, title, next] of kinds) {
        const client = honourRetryAfter ? 'clients wait Retry-After' : 'clients retry at once';
        log(`OL ${kind}: ${title} from 16, 256, 1,024 connections; ${client}`);
        runs.push(
          await overload(
            `OL ${kind}`,
            `${title} (${client})`,
            service,
            next,
            { seconds, honourRetryAfter },
            log,
          ),
        );
      }
    const connections = OVERLOAD_CONNECTIONS[OVERLOAD_CONNECTIONS.length - 1];
    const floor = await refusalFloor(connections);
    log(`  ${floorNote(floor)}`);
    return { runs, floor };
  };
}

const floorNote = (floor: RefusalFloor) =>
  `floor: a bare node:http server answering every request with one pre-rendered 503, ${floor.connections} simultaneous requests over open connections, p50/p99 per burst: ${floor.bursts.map((b) => `${fmt(b.p50)}/${fmt(b.p99)}`).join(', ')} ms`;

/** The overload runs, and the refusal floor of this machine measured after them. */
export interface Overload {
  readonly runs: readonly OverloadRun[];
  readonly floor: RefusalFloor;
}

export function overloadMarkdown({ runs, floor }: Overload): string {
  const lines = [
    '| request | connections (opened in) | accepted req/s | accepted p50 ms | accepted p99 ms | refused/s | refused p99 ms | after the opening burst | other | service CPU (share of a core) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const run of runs)
    for (const s of run.steps)
      lines.push(
        `| ${run.id} ${run.title} | ${s.connections} (${s.connectSeconds.toFixed(2)} s) | ${s.accepted.rps.toFixed(0)} | ${fmt(s.accepted.p50)} | ${fmt(s.accepted.p99)} | ${s.refused.rps.toFixed(0)} | ${fmt(s.refused.p99)} | ${fmt(s.refusedAfterOpening.p99)} | ${
          Object.entries(s.bad)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ') || '—'
        } | ${s.cpuSeconds.toFixed(1)} s (${(100 * s.cpuShare).toFixed(0)} %) |`,
      );
  const verdicts = runs.flatMap((run) => {
    const cpu = cpuPerRequest(run.steps);
    return [
      ...run.verdicts.map(
        (v) => `- ${run.id} ${run.title}: ${v.criterion}: ${v.value} — ${v.met ? 'met' : 'NOT MET'}`,
      ),
      `- ${run.id} ${run.title}: service CPU per accepted request ${fmt(cpu.acceptedMs)} ms, per refusal ${fmt(cpu.refusedMs)} ms`,
    ];
  });
  return [...lines, '', ...verdicts, `- ${floorNote(floor)}`].join('\n');
}
