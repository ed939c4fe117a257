/**
 * G3's gateway: Apollo Server running @apollo/gateway over a composed supergraph of the identity
 * subgraph (remote, over HTTP: the service or the baseline, whichever URL the supergraph names) and
 * the "orders" subgraph (in this process). The harness starts one per side; both get the same
 * supergraph apart from identity's URL and the same user ids for the order book.
 *
 *   PORT=4200 SUPERGRAPH_FILE=… USER_IDS_FILE=… node -r @swc-node/register bench/gateway/server.ts
 *
 * Besides POST /graphql: GET /healthz (ready) and GET /__stats (what bench/gateway/gateway-log.ts
 * recorded since the last call).
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, HeaderMap } from '@apollo/server';
import { GatewayLog } from './gateway-log';
import { ordersSchema } from './orders-subgraph';
import type { GatewayContext } from './timed-data-source';
import { TimedDataSource } from './timed-data-source';

function gatewayServer(supergraphSdl: string, userIds: readonly string[], log: GatewayLog) {
  const orders = ordersSchema(userIds);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      name === 'orders' ? new LocalGraphQLDataSource(orders) : new TimedDataSource(url ?? '', log),
  });
  return new ApolloServer<GatewayContext>({
    gateway,
    plugins: [
      {
        requestDidStart: async () => ({
          willSendResponse: async ({ response }) =>
            log.responded(response.body.kind === 'single' && !!response.body.singleResult.errors),
        }),
      },
    ],
  });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** POST /graphql handed to Apollo Server as its standalone integration does (JSON bodies only). */
async function graphql(server: ApolloServer<GatewayContext>, req: IncomingMessage, res: ServerResponse) {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    return sendJson(res, 400, { errors: [{ message: 'The body is not JSON' }] });
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  const response = await server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: '', body },
    context: async () => ({ authorization: req.headers.authorization }),
  });
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 4200);
  const supergraphSdl = readFileSync(process.env.SUPERGRAPH_FILE ?? '', 'utf8');
  const userIds = JSON.parse(readFileSync(process.env.USER_IDS_FILE ?? '', 'utf8')) as string[];
  const log = new GatewayLog();
  const server = gatewayServer(supergraphSdl, userIds, log);
  await server.start();
  const http = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/__stats') return sendJson(res, 200, log.drain());
    if (path === '/graphql' && req.method === 'POST')
      return void graphql(server, req, res).catch((error: unknown) => {
        process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
        if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal error' }] });
        else res.destroy();
      });
    sendJson(res, 404, { errors: [{ message: `No endpoint at ${req.method} ${path}` }] });
  });
  http.keepAliveTimeout = 5_000;
  http.listen(port, '127.0.0.1');
  const stop = () => {
    http.close(() => void server.stop().then(() => process.exit(0)));
    http.closeIdleConnections();
  };
  process.once('SIGTERM', stop).once('SIGINT', stop);
}

void main();
