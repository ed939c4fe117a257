import { spawn } from 'node:child_process';
import type { AuditInput, AuditResult } from '../sql-audit';
import type { RequestShape } from './load';
import { SequentialClient } from './load';
import type { SqlCount } from './report';
import type { Requests, SubgraphDocument } from './requests';
import type { Side } from './measure';

type Pair = { id: string; warm: RequestShape; counted: RequestShape };

/**
 * A warm-up request and the counted one for each scenario (fresh writes for each side). G3's is the
 * identity fetch the gateway made (its document as the gateway sent it, 100 fresh references).
 */
export function pairs(
  requests: Requests,
  side: Side['name'],
  size: { s7Members: number },
  gatewayQuery?: SubgraphDocument | null,
): Pair[] {
  const s7Group = requests.directory.s7Groups[side][1];
  const twice = (id: string, make: () => RequestShape): Pair => ({ id, warm: make(), counted: make() });
  return [
    twice('S1 GET /Users?filter=userName eq', () => requests.userByName()),
    twice('S2 GET /Users/{id}', () => requests.userById()),
    {
      id: 'S3 GET /Users?startIndex=101&count=100 (after page 1)',
      warm: requests.usersPage(1),
      counted: requests.usersPage(101),
    },
    twice('S8 GET /Groups?excludedAttributes=members', () => requests.groupsWithoutMembers()),
    twice('G1 _entities ×100', () => requests.entities()),
    twice('G2 users(filter, first: 100)', () => requests.usersFiltered()),
    ...(gatewayQuery
      ? [twice("G3 the gateway's _entities ×100 (userName emails)", () => requests.entitiesAs(gatewayQuery))]
      : []),
    twice('S4 POST /Users', () => requests.createUser(`sql-${side}`, false)),
    twice('S5 PATCH active', () => requests.toggleActive()),
    twice('S6 PATCH add 1 member (big group)', () => requests.addOneMember(true)),
    {
      id: `S7 PATCH add ${size.s7Members} members`,
      warm: requests.userById(),
      counted: requests.addManyMembers(s7Group, 7, size.s7Members),
    },
  ];
}

/** Runs bench/sql-audit.ts (the app in-process with the query logger) and returns its counts. */
export function auditOurs(input: AuditInput): Promise<AuditResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'bench/sql-audit.ts'], {
      env: { ...process.env, BENCH_AUDIT: JSON.stringify(input) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code === 0 && last.startsWith('[')) resolve(JSON.parse(last) as AuditResult[]);
      else reject(new Error(`sql-audit exited with ${code}: ${err.slice(-2000)}`));
    });
  });
}

/** The baseline counts its statements; its /__stats before and after one request tell how many. */
async function auditBaseline(side: Side, list: readonly Pair[]): Promise<Map<string, number>> {
  const client = new SequentialClient(side.url);
  const statements = async () =>
    (JSON.parse((await client.send({ method: 'GET', path: '/__stats' })).body) as { statements: number })
      .statements;
  const counts = new Map<string, number>();
  try {
    for (const pair of list) {
      await client.send(pair.warm);
      const before = await statements();
      await client.send(pair.counted);
      counts.set(pair.id, (await statements()) - before);
    }
  } finally {
    client.close();
  }
  return counts;
}

export async function countStatements(
  requests: Requests,
  sides: readonly [Side, Side],
  databaseUrl: string,
  size: { s7Members: number },
  gatewayQuery?: SubgraphDocument | null,
): Promise<SqlCount[]> {
  const ours = await auditOurs({ databaseUrl, requests: pairs(requests, 'ours', size, gatewayQuery) });
  const baseline = await auditBaseline(sides[1], pairs(requests, 'baseline', size, gatewayQuery));
  return ours.map((result) => ({
    id: result.status >= 400 ? `${result.id} (HTTP ${result.status}!)` : result.id,
    ours: result.statements,
    baseline: baseline.get(result.id) ?? null,
    oursSql: result.sql,
  }));
}
