import express, { Router } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { plainError } from '../protocol';
import type { ScimRouterOptions } from '../scim-router';
import { ScimRequest } from '../scim-context';
import { authenticateCaller, proceedAs, unmatchedRoute } from '../routing';
import { v1DiscoveryRoutes } from './v1-discovery-routes';
import { sendJson } from '../errors';
import { V1_CONTENT_TYPE, v1ErrorHandler } from './v1-errors';
import type { V1Result } from './v1-resources';
import { v1ResourceHandlers } from './v1-resources';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Handler = (req: ScimRequest, http: Request) => Promise<V1Result>;

/** Written on the audit event of every change made through /scim/v1. */
export const V1_AUDIT_NOTE = 'scim:1.1';

function send(res: Response, result: V1Result): void {
  if (result.etag) res.setHeader('ETag', result.etag);
  if (result.location) res.setHeader('Location', result.location);
  res.status(result.status);
  if (result.body === undefined) res.end();
  else sendJson(res, V1_CONTENT_TYPE, result.body);
}

/**
 * Every request under /scim/v1 (Okta's "SCIM 1.1" templates): the same authentication, scope
 * check and shared resource code as /scim/v2, with 1.1 requests and answers translated at the edge.
 */
export function createScimV1Router(options: ScimRouterOptions): Router {
  const router = Router();
  const allowed = new Map<string, string[]>();
  const route = (method: Method, path: string, handler: Handler) => {
    allowed.set(path, [...(allowed.get(path) ?? []), method.toUpperCase()]);
    router[method](path, async (http: Request, res: Response) => {
      send(res, await handler(res.locals.scim as ScimRequest, http));
    });
  };

  // Okta's 1.1 client sends application/json; any content type is read as JSON, as for 2.0.
  router.use(express.json({ type: () => true, limit: options.bodyLimitBytes }));
  router.use(authenticate(options));

  for (const [path, handler] of v1DiscoveryRoutes()) route('get', path, handler);
  for (const [type, path] of [
    ['User', '/Users'],
    ['Group', '/Groups'],
  ] as const) {
    const handlers = v1ResourceHandlers(type);
    route('get', path, handlers.list);
    route('post', path, handlers.create);
    route('get', `${path}/:id`, handlers.get);
    route('put', `${path}/:id`, handlers.replace);
    route('patch', `${path}/:id`, handlers.patch);
    route('delete', `${path}/:id`, handlers.remove);
  }

  router.use(unmatchedRoute(allowed, 'SCIM 1.1'));
  router.use(v1ErrorHandler(options.logger));
  return router;
}

function authenticate(options: ScimRouterOptions): RequestHandler {
  return async (http: Request, res: Response, next: NextFunction) => {
    const caller = await authenticateCaller(options.authenticate, http, res);
    if (!caller.scopes.includes('scim')) throw plainError(403, 'This token does not carry the scim scope');
    const base = options.publicUrl ?? `${http.protocol}://${http.get('host')}`;
    const requestId = String(res.locals.requestId ?? '');
    const req = new ScimRequest(options.deps, caller, requestId, `${base}/scim/v1`, http.ip);
    req.note(V1_AUDIT_NOTE);
    res.locals.scim = req;
    proceedAs(options, caller, res, next);
  };
}
