import express, { Router } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import { scimErrorHandler, SCIM_CONTENT_TYPE, sendJson } from './errors';
import type { ScimCaller } from './graphql/graphql-executor';
import { badRequest, plainError } from './protocol';
import type { ListQuery } from './protocol';
import { routeBulk } from './resources/bulk';
import { discoveryRoutes } from './resources/discovery';
import { searchResources } from './resources/list-resources';
import type { ScimResult } from './resources/scim-result';
import type { ResourceHandler } from './resources/resource-handler';
import { listOf, RESOURCE_HANDLERS } from './resources/resource-handler';
import { getMe, projectionOf } from './resources/users';
import { resourceId } from './resources/resource-id';
import type { ScimDeps } from './scim-context';
import { ScimRequest } from './scim-context';
import { authenticateCaller, proceedAs, unmatchedRoute } from './routing';

/**
 * `clientAddress`: the SCIM client's (see CallContext), for a facade that authenticates remotely.
 * `organization`: the X-Organization header, which only a platform:admin caller may use.
 */
export type ScimAuthenticator = (
  authorization: string | undefined,
  clientAddress: string | undefined,
  organization?: string,
  /** The SCIM request being authenticated (for attributing a refusal of a known caller). */
  request?: ScimRequestLine,
) => Promise<ScimCaller>;

/** Method and path (with query) of a SCIM request, as received. */
export interface ScimRequestLine {
  readonly method: string;
  readonly path: string;
}

export interface ScimRouterOptions {
  readonly deps: ScimDeps;
  readonly authenticate: ScimAuthenticator;
  readonly logger: Logger;
  readonly bodyLimitBytes: number;
  /** `PUBLIC_URL`; unset → the request's own scheme and host. */
  readonly publicUrl?: string;
  /** Runs the rest of an authenticated caller's request (default: at once); see ScimFacadeOptions. */
  readonly proceed?: ProceedAs;
}

/** Continues an authenticated request on behalf of `caller` (by calling `next`, now or later). */
export type ProceedAs = (caller: ScimCaller, res: Response, next: NextFunction) => void;

type Handler = (req: ScimRequest, http: Request) => Promise<ScimResult>;

export function sendResult(res: Response, result: ScimResult): void {
  if (result.etag) res.setHeader('ETag', result.etag);
  if (result.location) res.setHeader('Location', result.location);
  res.status(result.status);
  if (result.body === undefined) res.end();
  else sendJson(res, SCIM_CONTENT_TYPE, result.body);
}

const query = (http: Request): ListQuery => http.query as ListQuery;
const header = (http: Request, name: string): string | undefined => http.get(name) ?? undefined;

type Route = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string, handler: Handler) => void;

/** The endpoints of one resource type (RFC 7644 §3.2–3.6), all from its ResourceHandler. */
function resourceRoutes(resource: ResourceHandler, route: Route): void {
  const { endpoint } = resource;
  const id = (http: Request) => resourceId(String(http.params.id), resource.type);
  const projection = (http: Request) => projectionOf(query(http));
  route('get', endpoint, (req, http) => listOf(resource, req, query(http)));
  route('post', endpoint, (req, http) => resource.create(req, http.body, projection(http)));
  route('post', `${endpoint}/.search`, (req, http) => listOf(resource, req, searchQuery(http.body)));
  route('get', `${endpoint}/:id`, (req, http) =>
    resource.get(req, id(http), projection(http), header(http, 'If-None-Match')),
  );
  route('put', `${endpoint}/:id`, (req, http) =>
    resource.replace(req, id(http), http.body, header(http, 'If-Match'), projection(http)),
  );
  route('patch', `${endpoint}/:id`, (req, http) =>
    resource.patch(req, id(http), http.body, header(http, 'If-Match'), projection(http)),
  );
  route('delete', `${endpoint}/:id`, (req, http) => resource.remove(req, id(http), header(http, 'If-Match')));
}

/** Every request under /scim/v2: authenticate, build the ScimRequest, run the handler, send SCIM JSON. */
export function createScimRouter(options: ScimRouterOptions): Router {
  const router = Router();
  const run =
    (handler: Handler): RequestHandler =>
    async (http: Request, res: Response) => {
      sendResult(res, await handler(res.locals.scim as ScimRequest, http));
    };
  const methods = new Map<string, string[]>();
  const route: Route = (method, path, handler) => {
    methods.set(path, [...(methods.get(path) ?? []), method.toUpperCase()]);
    router[method](path, notSearch, run(handler));
  };

  // Any content type is read as JSON: IdPs send application/scim+json, application/json, or nothing.
  router.use(express.json({ type: () => true, limit: options.bodyLimitBytes }));
  router.use(authenticate(options));

  for (const [path, handler] of discoveryRoutes()) route('get', path, handler);

  for (const handler of RESOURCE_HANDLERS) resourceRoutes(handler, route);
  route('post', '/.search', async (req, http) => {
    const search = searchQuery(http.body);
    const specs = await Promise.all(RESOURCE_HANDLERS.map((handler) => handler.listSpec(req, search)));
    return searchResources(req, search, specs);
  });
  route('get', '/Me', (req, http) => getMe(req, projectionOf(query(http))));
  route('post', '/Bulk', (req, http) => routeBulk(req, http.body, Number(http.get('content-length') ?? 0)));

  router.use(unmatchedRoute(methods, 'SCIM'));
  router.use(scimErrorHandler(options.logger));
  return router;
}

/** `/Users/.search` is an endpoint, not a resource id: other methods there answer 405, not 404. */
const notSearch: RequestHandler = (http, _res, next) => {
  next(String(http.params.id ?? '').toLowerCase() === '.search' ? 'route' : undefined);
};

/** POST /.search carries the list parameters in a SearchRequest body (RFC 7644 §3.4.3). */
function searchQuery(body: unknown): ListQuery {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw badRequest('invalidSyntax', 'The search request body must be a JSON object');
  }
  const search = body as Record<string, unknown>;
  // RFC 7644 §3.4.3: attributes and excludedAttributes are arrays of attribute names. Anything else
  // in the array (an object, a number) is refused here: joining it could even throw.
  const list = (name: string, value: unknown) => {
    if (!Array.isArray(value)) return value;
    if (!value.every((item) => typeof item === 'string'))
      throw badRequest('invalidValue', `"${name}" must be an array of attribute names`);
    return value.join(',');
  };
  return {
    filter: search.filter,
    startIndex: search.startIndex,
    count: search.count,
    sortBy: search.sortBy,
    sortOrder: search.sortOrder,
    cursor: search.cursor,
    attributes: list('attributes', search.attributes),
    excludedAttributes: list('excludedAttributes', search.excludedAttributes),
  };
}

function authenticate(options: ScimRouterOptions): RequestHandler {
  return async (http: Request, res: Response, next: NextFunction) => {
    const caller = await authenticateCaller(options.authenticate, http, res);
    // /Me serves the signed-in user itself (RFC 7644 §3.11) without the scim scope; reading it still
    // needs a scope that grants reading (identity:read and up), which GraphQL checks (403 otherwise).
    const isMe = /^\/Me\/?$/i.test(http.path);
    if (!isMe && !caller.scopes.includes('scim')) {
      throw plainError(403, 'This token does not carry the scim scope');
    }
    const base = options.publicUrl ?? `${http.protocol}://${http.get('host')}`;
    res.locals.scim = new ScimRequest(
      options.deps,
      caller,
      String(res.locals.requestId ?? ''),
      `${base}/scim/v2`,
      http.ip,
    );
    proceedAs(options, caller, res, next);
  };
}
