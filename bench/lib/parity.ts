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
 * A GraphQL answer with `errors` (a gateway answers 200 with them when a subgraph failed) is no
 * proof of parity even when both sides fail alike.
 */
function graphqlErrorsIn(answers: readonly Json[]): string | null {
  const names = ['ours', 'the baseline'];
  for (const [i, answer] of answers.entries())
    if (answer && typeof answer === 'object' && !Array.isArray(answer) && 'errors' in answer)
      return `errors in ${names[i]}: ${JSON.stringify(answer.errors).slice(0, 200)}`;
  return null;
}

/** What an answer must hold besides being the same on both sides (null when it does). */
type Check = (answer: Json) => string | null;

/** G3: every order's buyer resolved (a subgraph that found no one would answer alike on both sides). */
const everyBuyerFound: Check = (answer) => {
  const orders = (answer as { data?: { orders?: { buyer: { userName?: string } | null }[] } }).data?.orders;
  const missing = orders?.filter((order) => !order.buyer?.userName).length;
  if (!orders || orders.length !== 100) return `ours: ${orders?.length ?? 'no'} orders, expected 100`;
  return missing ? `ours: ${missing} of 100 buyers not found` : null;
};

/**
 * The fairness check: the same read sent to both servers must get the same JSON (base URLs aside).
 * A baseline that answered less would be a cheaper, unfair comparison. G3's query goes to the two
 * gateways, so what is compared is the gateway's final answer built from each identity subgraph.
 */
export async function checkParity(
  requests: Requests,
  sides: readonly [Side, Side],
  gateways: readonly [Side, Side],
): Promise<ParityResult[]> {
  const cases: [string, RequestShape, 'servers' | 'gateways', Check?][] = [
    ['S1', requests.userByName(0), 'servers'],
    ['S2', requests.userById(0), 'servers'],
    ['S2 (random)', requests.userById(), 'servers'],
    ['S3 page 1', requests.usersPage(1), 'servers'],
    ['S8', requests.groupsWithoutMembers(), 'servers'],
    ['G1', requests.entities(20), 'servers'],
    ['G2', requests.usersFiltered('user.1'), 'servers'],
    ['G3', requests.ordersThroughGateway(1), 'gateways', everyBuyerFound],
    ['G3 (random page)', requests.ordersThroughGateway(), 'gateways', everyBuyerFound],
  ];
  const clients = {
    servers: sides.map((side) => new SequentialClient(side.url)),
    gateways: gateways.map((side) => new SequentialClient(side.url)),
  };
  const results: ParityResult[] = [];
  try {
    for (const [id, shape, target, check] of cases) {
      const [ours, baseline] = await Promise.all(clients[target].map((client) => client.send(shape)));
      if (ours.status !== baseline.status) {
        results.push({ id, same: false, difference: `status ${ours.status} vs ${baseline.status}` });
        continue;
      }
      const urls = target === 'servers' ? sides : gateways;
      const answers = [normalized(ours.body, urls[0].url), normalized(baseline.body, urls[1].url)];
      const difference =
        graphqlErrorsIn(answers) ?? check?.(answers[0]) ?? firstDifference(answers[0], answers[1]);
      results.push({ id, same: difference === null, ...(difference && { difference }) });
    }
  } finally {
    [...clients.servers, ...clients.gateways].forEach((client) => client.close());
  }
  return results;
}
