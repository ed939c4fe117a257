import type { RequestShape } from './load';
import { SequentialClient } from './load';
import type { Requests } from './requests';
import type { Side } from './measure';

export interface ParityResult {
  readonly id: string;
  readonly same: boolean;
  /** Where the answers first differ (a JSON path), with both values. */
  readonly difference?: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The first path at which two JSON values differ (key order ignored), or null. */
export function firstDifference(a: Json, b: Json, path = '$'): string | null {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null))
    return `${path}: ${JSON.stringify(a)?.slice(0, 120)} vs ${JSON.stringify(b)?.slice(0, 120)}`;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}.length: ${a.length} vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const diff = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (diff) return diff;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ao = a as Record<string, Json>;
    const bo = b as Record<string, Json>;
    for (const key of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
      if (!(key in ao) || !(key in bo))
        return `${path}.${key}: ${key in ao ? 'only in ours' : 'only in the baseline'}`;
      const diff = firstDifference(ao[key], bo[key], `${path}.${key}`);
      if (diff) return diff;
    }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

const normalized = (body: string, url: string): Json => JSON.parse(body.split(url).join('BASE')) as Json;

/**
 * The fairness check: the same read sent to both servers must get the same JSON (base URLs aside).
 * A baseline that answered less would be a cheaper, unfair comparison.
 */
export async function checkParity(requests: Requests, sides: readonly [Side, Side]): Promise<ParityResult[]> {
  const cases: [string, RequestShape][] = [
    ['S1', requests.userByName(0)],
    ['S2', requests.userById(0)],
    ['S2 (random)', requests.userById()],
    ['S3 page 1', requests.usersPage(1)],
    ['S8', requests.groupsWithoutMembers()],
    ['G1', requests.entities(20)],
    ['G2', requests.usersFiltered('user.1')],
  ];
  const clients = sides.map((side) => new SequentialClient(side.url));
  const results: ParityResult[] = [];
  try {
    for (const [id, shape] of cases) {
      const [ours, baseline] = await Promise.all(clients.map((client) => client.send(shape)));
      if (ours.status !== baseline.status) {
        results.push({ id, same: false, difference: `status ${ours.status} vs ${baseline.status}` });
        continue;
      }
      const difference = firstDifference(
        normalized(ours.body, sides[0].url),
        normalized(baseline.body, sides[1].url),
      );
      results.push({ id, same: difference === null, ...(difference && { difference }) });
    }
  } finally {
    clients.forEach((client) => client.close());
  }
  return results;
}
