/** What a scenario is, and how one is measured on both servers. */
import type { Federation } from './federation';
import type { Measurement, RequestShape, Sample } from './load';
import { load, merge } from './load';
import type { Size } from './options';
import type { Requests } from './requests';

export type SideName = 'ours' | 'baseline';

export interface Side {
  readonly name: SideName;
  readonly url: string;
}

export interface Row {
  readonly id: string;
  readonly title: string;
  readonly ours: Measurement;
  readonly baseline: Measurement;
  /** Our throughput over the baseline's (≥ 1 means we are faster). */
  readonly ratio: number;
  readonly notes: string[];
  readonly extra?: Record<string, number>;
}

export interface ScenarioContext {
  readonly size: Size;
  readonly requests: Requests;
  readonly sides: readonly [Side, Side];
  /** Rows measured so far (S1+S4p compares with S1). */
  readonly rows: Map<string, Row>;
  /** G3's gateways, one per side. */
  readonly federation: Federation;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  run(ctx: ScenarioContext): Promise<Row>;
}

export const fmt = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

export function row(
  id: string,
  title: string,
  ours: Measurement,
  baseline: Measurement,
  notes: string[] = [],
): Row {
  for (const [name, m] of [
    ['ours', ours],
    ['baseline', baseline],
  ] as const) {
    if (m.failures > 0) notes.push(`${name}: ${m.failures} failed (${JSON.stringify(m.statuses)})`);
  }
  return { id, title, ours, baseline, ratio: ours.rps / baseline.rps, notes };
}

/**
 * Warm-up on each side, then measured load in rounds that alternate between the sides (never both
 * at once): on a shared, noisy machine a slow patch then hurts both sides alike instead of one.
 * With several variants (S6 on the big and the small group) the rounds alternate between them too.
 */
export async function measureVariants(
  ctx: ScenarioContext,
  variants: readonly ((side: Side) => RequestShape)[],
  connections = ctx.size.connections,
  amount = ctx.size.amount,
  afterWarmup?: () => Promise<void>,
): Promise<[Measurement, Measurement][]> {
  const { rounds, seconds, warmupSeconds } = ctx.size;
  const run = (side: Side, next: (side: Side) => RequestShape, time: number) =>
    load({
      baseUrl: side.url,
      next: () => next(side),
      connections,
      ...(amount ? { amount } : { seconds: time }),
    });
  const samples = variants.map((): [Sample[], Sample[]] => [[], []]);
  if (warmupSeconds > 0)
    for (const next of variants) for (const side of ctx.sides) await run(side, next, warmupSeconds);
  await afterWarmup?.();
  for (let round = 0; round < rounds; round++) {
    for (const [v, next] of variants.entries())
      for (const [i, side] of ctx.sides.entries())
        samples[v][i].push(await run(side, next, seconds / rounds));
  }
  return samples.map(([ours, baseline]) => [merge(ours), merge(baseline)]);
}

export async function measure(
  ctx: ScenarioContext,
  next: (side: Side) => RequestShape,
  connections = ctx.size.connections,
  amount = ctx.size.amount,
): Promise<[Measurement, Measurement]> {
  const [pair] = await measureVariants(ctx, [next], connections, amount);
  return pair;
}

export function loadScenario(
  id: string,
  title: string,
  next: (requests: Requests, side: Side) => RequestShape,
  connections?: number,
  smokeAmount?: number,
): Scenario {
  return {
    id,
    title,
    async run(ctx) {
      const amount = ctx.size.amount && (smokeAmount ?? ctx.size.amount);
      const [ours, baseline] = await measure(ctx, (side) => next(ctx.requests, side), connections, amount);
      return row(id, title, ours, baseline);
    },
  };
}
