import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets the old generation grow past what the last major collection left alive, in percent
 * (HEAP_GROWTH_PERCENT; 0 leaves V8's own policy).
 *
 * Why the service sets it: V8 picks the next major collection's threshold as the live heap times a
 * factor it derives from how fast the program promotes objects against how fast it marks them, and
 * with a heap limit of 2 GB or more (Node's default on any machine with 16 GB) that factor may reach
 * 4. A request that spans two young-generation collections (a G1 answer of 100 users, a request
 * waiting for the database) is promoted, so under load the old generation fills with dead request
 * objects: about 50 MB live after a collection, 180–220 MB of old space before the next one. That
 * garbage, not live data, was the service's peak RSS. A fixed factor of 1 + percent/100 bounds it.
 *
 * Why a growth factor and not a heap limit: `--max-old-space-size` is fixed when the isolate is
 * created, so the process can only take it from its command line or NODE_OPTIONS, and a limit near
 * the live size makes V8 collect ever more often as it approaches it. V8 reads this flag each time it
 * recomputes the threshold (after every major collection), so setting it first thing at start-up is
 * effective, and it bounds the garbage relative to the live heap without capping the live heap.
 */
export function applyHeapGrowthPercent(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
}
