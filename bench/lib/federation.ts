/**
 * G3's supergraph: the identity subgraph's SDL as the running service serves it (`_service { sdl }`)
 * composed with bench/gateway's "orders" subgraph, and one gateway process per side
 * (bench/gateway/server.ts) whose identity subgraph is the service or the baseline.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { GatewayStats } from '../gateway/gateway-log';
import { ORDERS_SDL } from '../gateway/orders-subgraph';
import type { Side, SideName } from './measure';
import type { Server } from './processes';
import { cpuMsOf, freePort, startServer } from './processes';

/** A side's identity subgraph: the service or the baseline, and its process (for its CPU time). */
export interface IdentitySubgraph extends Side {
  readonly pid: number;
}

/** A gateway's stats, and the CPU time its identity subgraph's process spent over the same span. */
export interface FederationStats extends GatewayStats {
  readonly identityCpuMs: number;
}

export interface Federation {
  /** The two gateways, as sides of a scenario: "ours" routes identity to the service, "baseline" to the baseline. */
  readonly sides: readonly [Side, Side];
  readonly servers: readonly Server[];
  /** What a side's gateway recorded since the last call (and forgets it). */
  stats(side: SideName): Promise<FederationStats>;
  stop(): Promise<void>;
}

/** The SDL the service serves to routers, fetched as a router would (with a token it accepts). */
async function identitySdl(serviceUrl: string, token: string): Promise<string> {
  const response = await fetch(`${serviceUrl}/graphql`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: '{ _service { sdl } }' }),
  });
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } }; errors?: unknown };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`The service did not serve its SDL: ${JSON.stringify(body).slice(0, 500)}`);
  return sdl;
}

function supergraph(identityUrl: string, sdl: string): string {
  const composed = composeServices([
    { name: 'identity', url: `${identityUrl}/graphql`, typeDefs: parse(sdl) },
    // Served in the gateway's process (LocalGraphQLDataSource): the URL is never fetched.
    { name: 'orders', url: 'http://orders.invalid/graphql', typeDefs: parse(ORDERS_SDL) },
  ]);
  if (composed.errors || !composed.supergraphSdl)
    throw new Error(`Composition failed: ${(composed.errors ?? []).map((e) => e.message).join('; ')}`);
  return composed.supergraphSdl;
}

/** Composes the supergraph for each side and starts its gateway. */
export async function startFederation(
  servers: readonly [IdentitySubgraph, IdentitySubgraph],
  token: string,
  userIds: readonly string[],
): Promise<Federation> {
  const dir = mkdtempSync(join(tmpdir(), 'identity-bench-g3-'));
  const userIdsFile = join(dir, 'user-ids.json');
  writeFileSync(userIdsFile, JSON.stringify(userIds));
  const sdl = await identitySdl(servers[0].url, token);
  const gateways: Server[] = [];
  try {
    for (const side of servers) {
      const supergraphFile = join(dir, `supergraph-${side.name}.graphql`);
      writeFileSync(supergraphFile, supergraph(side.url, sdl));
      const port = await freePort();
      gateways.push(
        await startServer({
          name: `gateway-${side.name}`,
          port,
          nodeArgs: ['-r', '@swc-node/register', 'bench/gateway/server.ts'],
          env: {
            PORT: String(port),
            SUPERGRAPH_FILE: supergraphFile,
            USER_IDS_FILE: userIdsFile,
            NODE_ENV: 'production',
          },
        }),
      );
    }
  } catch (error) {
    await Promise.all(gateways.map((g) => g.stop()));
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const sides: [Side, Side] = [
    { name: 'ours', url: gateways[0].url },
    { name: 'baseline', url: gateways[1].url },
  ];
  const identityCpu = servers.map((server) => cpuMsOf(server.pid));
  return {
    sides,
    servers: gateways,
    async stats(side) {
      const i = side === 'ours' ? 0 : 1;
      const response = await fetch(`${sides[i].url}/__stats`);
      const stats = (await response.json()) as GatewayStats;
      const cpu = cpuMsOf(servers[i].pid);
      const identityCpuMs = cpu - identityCpu[i];
      identityCpu[i] = cpu;
      return { ...stats, identityCpuMs };
    },
    async stop() {
      await Promise.all(gateways.map((g) => g.stop()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
