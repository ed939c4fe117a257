/**
 * The baseline: the benchmark's requests answered by plain `node:http` + `mysql2` from the same
 * tables — no framework, no ORM, no GraphQL, the fewest SQL statements we could write. It is what
 * "plain SQL over a socket" costs; the service's figures are reported as ratios to it.
 *
 *   PORT=4100 DATABASE_URL=mysql://root@127.0.0.1:3306/identity_bench node -r @swc-node/register bench/baseline/server.ts
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import mysql from 'mysql2/promise';
import type { Call, Reply } from './context';
import { Db, HttpError, authenticate, readBody, scimError, send } from './context';
import { graphql } from './graphql';
import { listGroups, patchGroup } from './groups';
import { createUser, patchUser } from './user-writes';
import { getUser, listUsers } from './users';

const SCIM_JSON = 'application/scim+json; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const SCIM_SCOPES = ['scim'];
const READ_SCOPES = ['identity:read', 'identity:write', 'identity:admin'];

type Route = (call: Call, id: string) => Promise<Reply>;

const ROUTES: [string, RegExp, Route][] = [
  ['GET', /^\/scim\/v2\/Users$/, (call) => listUsers(call)],
  ['POST', /^\/scim\/v2\/Users$/, (call) => createUser(call)],
  ['GET', /^\/scim\/v2\/Users\/([^/]+)$/, getUser],
  ['PATCH', /^\/scim\/v2\/Users\/([^/]+)$/, patchUser],
  ['GET', /^\/scim\/v2\/Groups$/, (call) => listGroups(call)],
  ['PATCH', /^\/scim\/v2\/Groups\/([^/]+)$/, patchGroup],
  ['POST', /^\/graphql$/, (call) => graphql(call)],
];

function connect(url: string) {
  const parsed = new URL(url);
  const pool = mysql.createPool({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
    charset: 'utf8mb4_bin',
    timezone: 'Z',
    dateStrings: true,
    connectionLimit: 10,
  });
  // The isolation level the service uses, set once per connection rather than per transaction.
  pool.on('connection', (connection) => {
    void (connection as unknown as { query(sql: string): unknown }).query(
      'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED',
    );
  });
  return pool;
}

async function handle(db: Db, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  const isGraphql = url.pathname === '/graphql';
  const type = isGraphql ? JSON_TYPE : SCIM_JSON;
  try {
    if (url.pathname === '/healthz') return send(res, { status: 200, body: { status: 'ok' } }, JSON_TYPE);
    if (url.pathname === '/__stats')
      return send(res, { status: 200, body: { statements: db.statements } }, JSON_TYPE);
    const route = ROUTES.find(([method, path]) => method === req.method && path.test(url.pathname));
    if (!route) throw new HttpError(404, `No endpoint at ${req.method} ${url.pathname}`);
    const id = decodeURIComponent(route[1].exec(url.pathname)?.[1] ?? '');
    const body = req.method === 'GET' ? undefined : await readBody(req);
    const caller = await authenticate(db, req.headers.authorization, isGraphql ? READ_SCOPES : SCIM_SCOPES);
    const call: Call = {
      db,
      ...caller,
      baseUrl: `http://${req.headers.host ?? '127.0.0.1'}/scim/v2`,
      url,
      body,
      requestId: String(req.headers['x-request-id'] ?? randomUUID()),
    };
    send(res, await route[2](call, id), type);
  } catch (error) {
    const known = error instanceof HttpError ? error : new HttpError(500, 'Internal error');
    if (!(error instanceof HttpError)) process.stderr.write(`${String((error as Error)?.stack ?? error)}\n`);
    if (isGraphql)
      send(res, { status: known.status, body: { errors: [{ message: known.message }] } }, JSON_TYPE);
    else send(res, scimError(known), SCIM_JSON);
  }
}

function main(): void {
  const port = Number(process.env.PORT ?? 4100);
  const db = new Db(connect(process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/identity_bench'));
  const server = createServer((req, res) => void handle(db, req, res));
  server.keepAliveTimeout = 5_000;
  server.listen(port, '127.0.0.1');
  const stop = () => {
    server.close(() => void db.pool.end().then(() => process.exit(0)));
    server.closeIdleConnections();
  };
  process.once('SIGTERM', stop).once('SIGINT', stop);
}

main();
