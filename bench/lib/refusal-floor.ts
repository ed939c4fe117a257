/**
 * The floor under the overload scenario's refusal latency on this machine: a bare `node:http`
 * server that answers every request with one pre-rendered 503, sent a burst of simultaneous
 * requests over connections opened beforehand — what refusing that many at once costs Node and
 * the kernel before any service logic. Context for OL's "refusals' p99 < 50 ms", not a verdict.
 */
import { percentile } from './load';
import { freePort, startServer } from './processes';
import { RawHttpConnection } from './raw-http-connection';

export interface RefusalFloor {
  readonly connections: number;
  /** p50 and p99 (ms) of each burst's answers, in order. */
  readonly bursts: readonly { readonly p50: number; readonly p99: number }[];
}

const BARE_SERVER = `
const body = Buffer.from(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '503', detail: 'The service is overloaded; retry after the Retry-After delay' }));
const headers = ['Content-Type', 'application/scim+json', 'Retry-After', '1', 'Content-Length', String(body.length)];
require('node:http')
  .createServer((req, res) => {
    if (req.url === '/healthz') return res.end('ok');
    res.writeHead(503, headers);
    res.end(body);
  })
  .listen({ port: Number(process.env.PORT), host: '127.0.0.1', backlog: 4096 });
`;

export async function refusalFloor(connections: number, bursts = 3): Promise<RefusalFloor> {
  const port = await freePort();
  const server = await startServer({
    name: 'refusal-floor',
    nodeArgs: ['-e', BARE_SERVER],
    env: { PORT: String(port) },
    port,
  });
  const clients = Array.from({ length: connections }, () => RawHttpConnection.forUrl(server.url));
  try {
    await Promise.all(clients.map((client) => client.send({ method: 'GET', path: '/healthz' })));
    const measured: { p50: number; p99: number }[] = [];
    for (let i = 0; i < bursts; i++) {
      const answers = await Promise.all(
        clients.map((client) => client.send({ method: 'GET', path: '/scim/v2/Users/any' })),
      );
      const sorted = Float64Array.from(answers.map((a) => a.ms)).sort();
      measured.push({ p50: percentile(sorted, 50), p99: percentile(sorted, 99) });
    }
    return { connections, bursts: measured };
  } finally {
    for (const client of clients) client.close();
    await server.stop();
  }
}
