import express, { Router } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { scimErrorHandler, SCIM_CONTENT_TYPE } from './errors';
import type { ScimCaller } from './graphql/graphql-executor';
import { ScimError } from './protocol';
import type { ListQuery } from './protocol';
import { routeBulk } from './resources/bulk';
import { discoveryRoutes } from './resources/discovery';
import * as groups from './resources/groups';
import type { ScimResult } from './resources/scim-result';
import * as users from './resources/users';
import { resourceId } from './resources/resource-id';
import type { ScimDeps } from './scim-context';
import { ScimRequest } from './scim-context';

/** `organization`: the X-Organization header, which only a platform:admin caller may use. */
export type ScimAuthenticator = (
  authorization: string | undefined,
  organization?: string,
) => Promise<ScimCaller>;

export interface ScimRouterOptions {
  readonly deps: ScimDeps;
  readonly authenticate: ScimAuthenticator;
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
  /** `PUBLIC_URL`; unset → the request's own scheme and host. */
  readonly publicUrl?: string;
}

type Handler = (req: ScimRequest, http: Request) => Promise<ScimResult>;

export function sendResult(res: Response, result: ScimResult): void {
  if (result.etag) res.setHeader('ETag', result.etag);
  if (result.location) res.setHeader('Location', result.location);
  res.status(result.status);
  if (result.body === undefined) res.end();
  else res.type(SCIM_CONTENT_TYPE).send(JSON.stringify(result.body));
}

const query = (http: Request): ListQuery => http.query as ListQuery;
const header = (http: Request, name: string): string | undefined => http.get(name) ?? undefined;
const userId = (http: Request): string => resourceId(String(http.params.id), 'User');
const groupId = (http: Request): string => resourceId(String(http.params.id), 'Group');

/** Every request under /scim/v2: authenticate, build the ScimRequest, run the handler, send SCIM JSON. */
export function createScimRouter(options: ScimRouterOptions): Router {
  const router = Router();
  const run =
    (handler: Handler): RequestHandler =>
    async (http: Request, res: Response) => {
      sendResult(res, await handler(res.locals.scim as ScimRequest, http));
    };
  const methods = new Map<string, string[]>();
  const route = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, handler: Handler) => {
    methods.set(path, [...(methods.get(path) ?? []), method.toUpperCase()]);
    router[method](path, notSearch, run(handler));
  };

  // Any content type is read as JSON: IdPs send application/scim+json, application/json, or nothing.
  router.use(express.json({ type: () => true, limit: options.bodyLimitBytes }));
  router.use(authenticate(options));

  for (const [path, handler] of discoveryRoutes()) route('get', path, handler);

  route('get', '/Users', (req, http) => users.listUsers(req, query(http)));
  route('post', '/Users', (req, http) => users.createUser(req, http.body, users.projectionOf(query(http))));
  route('post', '/Users/.search', (req, http) => users.listUsers(req, searchQuery(http.body)));
  route('get', '/Users/:id', (req, http) =>
    users.getUser(req, userId(http), users.projectionOf(query(http)), header(http, 'If-None-Match')),
  );
  route('put', '/Users/:id', (req, http) =>
    users.replaceUser(
      req,
      userId(http),
      http.body,
      header(http, 'If-Match'),
      users.projectionOf(query(http)),
    ),
  );
  route('patch', '/Users/:id', (req, http) =>
    users.patchUser(req, userId(http), http.body, header(http, 'If-Match'), users.projectionOf(query(http))),
  );
  route('delete', '/Users/:id', (req, http) => users.deleteUser(req, userId(http), header(http, 'If-Match')));

  route('get', '/Groups', (req, http) => groups.listGroups(req, query(http)));
  route('post', '/Groups', (req, http) =>
    groups.createGroup(req, http.body, users.projectionOf(query(http))),
  );
  route('post', '/Groups/.search', (req, http) => groups.listGroups(req, searchQuery(http.body)));
  route('get', '/Groups/:id', (req, http) =>
    groups.getGroup(req, groupId(http), users.projectionOf(query(http)), header(http, 'If-None-Match')),
  );
  route('put', '/Groups/:id', (req, http) =>
    groups.replaceGroup(
      req,
      groupId(http),
      http.body,
      header(http, 'If-Match'),
      users.projectionOf(query(http)),
    ),
  );
  route('patch', '/Groups/:id', (req, http) =>
    groups.patchGroup(
      req,
      groupId(http),
      http.body,
      header(http, 'If-Match'),
      users.projectionOf(query(http)),
    ),
  );
  route('delete', '/Groups/:id', (req, http) =>
    groups.deleteGroup(req, groupId(http), header(http, 'If-Match')),
  );

  route('get', '/Me', (req, http) => users.getMe(req, users.projectionOf(query(http))));
  route('post', '/Bulk', (req, http) => routeBulk(req, http.body, Number(http.get('content-length') ?? 0)));

  router.use((http: Request, _res: Response, next: NextFunction) => {
    const allowed = [...methods.entries()].find(([path]) => matches(path, http.path))?.[1];
    if (!allowed) return next(new ScimError(404, undefined, `No SCIM endpoint at ${http.path}`));
    _res.setHeader('Allow', allowed.join(', '));
    next(
      new ScimError(
        405,
        undefined,
        `${http.method} is not supported on ${http.path}; use ${allowed.join(', ')}`,
      ),
    );
  });
  router.use(scimErrorHandler(options.logger));
  return router;
}

/** `/Users/.search` is an endpoint, not a resource id: other methods there answer 405, not 404. */
const notSearch: RequestHandler = (http, _res, next) => {
  next(String(http.params.id ?? '').toLowerCase() === '.search' ? 'route' : undefined);
};

/** Express path patterns we use: literal segments and `:param` segments. */
function matches(pattern: string, path: string): boolean {
  const a = pattern.split('/');
  const b = path.replace(/\/+$/, '').split('/');
  return (
    a.length === b.length &&
    a.every((segment, i) => segment.startsWith(':') || segment.toLowerCase() === b[i].toLowerCase())
  );
}

/** POST /.search carries the list parameters in a SearchRequest body (RFC 7644 §3.4.3). */
function searchQuery(body: unknown): ListQuery {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new ScimError(400, 'invalidSyntax', 'The search request body must be a JSON object');
  }
  const search = body as Record<string, unknown>;
  const list = (value: unknown) => (Array.isArray(value) ? value.join(',') : value);
  return {
    filter: search.filter,
    startIndex: search.startIndex,
    count: search.count,
    sortBy: search.sortBy,
    sortOrder: search.sortOrder,
    cursor: search.cursor,
    attributes: list(search.attributes),
    excludedAttributes: list(search.excludedAttributes),
  };
}

function authenticate(options: ScimRouterOptions): RequestHandler {
  return async (http: Request, res: Response, next: NextFunction) => {
    let caller: ScimCaller;
    try {
      caller = await options.authenticate(http.headers.authorization, http.get('x-organization'));
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'UNAVAILABLE')
        throw new ScimError(503, undefined, 'Service temporarily unavailable; retry later');
      if (code === 'FORBIDDEN') throw new ScimError(403, undefined, (error as Error).message);
      throw new ScimError(401, undefined, 'Authentication required');
    }
    // /Me serves the signed-in user itself (RFC 7644 §3.11) without the scim scope; reading it still
    // needs a scope that grants reading (identity:read and up), which GraphQL checks (403 otherwise).
    const isMe = /^\/Me\/?$/i.test(http.path);
    if (!isMe && !caller.scopes.includes('scim')) {
      throw new ScimError(403, undefined, 'This token does not carry the scim scope');
    }
    const base = options.publicUrl ?? `${http.protocol}://${http.get('host')}`;
    res.locals.scim = new ScimRequest(
      options.deps,
      caller,
      String(res.locals.requestId ?? ''),
      `${base}/scim/v2`,
    );
    next();
  };
}
