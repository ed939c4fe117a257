import express, { Router } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ScimCaller } from '../graphql/graphql-executor';
import { ScimError } from '../protocol';
import type { ScimRouterOptions } from '../scim-router';
import { ScimRequest } from '../scim-context';
import { v1DiscoveryRoutes } from './v1-discovery-routes';
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
  else res.type(V1_CONTENT_TYPE).send(JSON.stringify(result.body));
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

  router.use((http: Request, res: Response, next: NextFunction) => {
    const methods = [...allowed.entries()].find(([path]) => matches(path, http.path))?.[1];
    if (!methods) return next(new ScimError(404, undefined, `No SCIM 1.1 endpoint at ${http.path}`));
    res.setHeader('Allow', methods.join(', '));
    next(
      new ScimError(
        405,
        undefined,
        `${http.method} is not supported on ${http.path}; use ${methods.join(', ')}`,
      ),
    );
  });
  router.use(v1ErrorHandler(options.logger));
  return router;
}

/** Express path patterns we use: literal segments and `:param` segments. */
function matches(pattern: string, path: string): boolean {
  const a = pattern.split('/');
  const b = path.replace(/\/+$/, '').split('/');
  return (
    a.length === b.length && a.every((s, i) => s.startsWith(':') || s.toLowerCase() === b[i]?.toLowerCase())
  );
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
    if (!caller.scopes.includes('scim'))
      throw new ScimError(403, undefined, 'This token does not carry the scim scope');
    const base = options.publicUrl ?? `${http.protocol}://${http.get('host')}`;
    const req = new ScimRequest(options.deps, caller, String(res.locals.requestId ?? ''), `${base}/scim/v1`);
    req.note(V1_AUDIT_NOTE);
    res.locals.scim = req;
    next();
  };
}
