import type { RequestShape } from './load';
import { load } from './load';
import type { Server } from './processes';
import type { Requests } from './requests';

/** Resident memory of the service during each of two identical passes of mixed load (after a warm-up pass). */
export interface RepeatedRun {
  readonly seconds: number;
  readonly requests: readonly [number, number];
  readonly failures: number;
  /** Median RSS of each pass, sampled every 250 ms. */
  readonly rssMb: readonly [number, number];
  readonly growthMb: number;
  /** Growth within max(10 MB, 5 %) of the first pass: GC and allocator noise, not a leak. */
  readonly flat: boolean;
}

/** Every kind of request the scenarios send, in turn: reads, lists, creates, PATCHes, GraphQL. */
export function mixedLoad(requests: Requests): () => RequestShape {
  const kinds: (() => RequestShape)[] = [
    () => requests.userByName(),
    () => requests.userById(),
    () => requests.groupsWithoutMembers(),
    () => requests.createUser('memory', false),
    () => requests.toggleActive(),
    () => requests.addOneMember(false),
    () =>
      requests.usersPage(1 + 100 * requests.randomUser(Math.max(1, requests.directory.userIds.length / 100))),
    () => requests.entities(),
    () => requests.usersFiltered(),
  ];
  let turn = 0;
  return () => kinds[turn++ % kinds.length]();
}

/**
 * "No growth across a repeated run": the same mixed load twice on the running service; a leak
 * (a cache without a bound, listeners piling up) shows as RSS that keeps rising in the second pass,
 * while a healthy heap settles during the first.
 */
export async function checkRepeatedRun(
  requests: Requests,
  service: Server,
  options: { seconds: number; connections: number; amount?: number },
): Promise<RepeatedRun> {
  const next = mixedLoad(requests);
  // The median of a pass, not its last sample: V8 lets the old generation grow in a sawtooth of tens
  // of MB between major collections, so one sample says more about GC timing than about a leak.
  const pass = async () => {
    service.memory.collect();
    const sample = await load({
      baseUrl: service.url,
      next,
      connections: options.connections,
      seconds: options.seconds,
      amount: options.amount,
    });
    const samples = service.memory.collectedSamples();
    if (samples.length === 0) samples.push(service.memory.sample()?.rssMb ?? 0);
    return { requests: sample.latencies.length, failures: sample.failures, rssMb: median(samples) };
  };
  // A first pass warms up (V8 sizes its heap for this mix over the first tens of seconds; the soak
  // test shows the heap flat after that); the two passes after it are the repeated run compared.
  const warmUp = await pass();
  service.memory.mark('repeat warm-up');
  const first = await pass();
  service.memory.mark('repeat pass 1');
  const second = await pass();
  service.memory.mark('repeat pass 2');
  const growthMb = Math.round((second.rssMb - first.rssMb) * 10) / 10;
  return {
    seconds: options.seconds,
    requests: [first.requests, second.requests],
    failures: warmUp.failures + first.failures + second.failures,
    rssMb: [Math.round(first.rssMb * 10) / 10, Math.round(second.rssMb * 10) / 10],
    growthMb,
    flat: growthMb <= Math.max(10, first.rssMb * 0.05),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
