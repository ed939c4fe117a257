import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { ScimCaller } from './graphql/graphql-executor';
import { plainError } from './protocol';
import type { ScimAuthenticator, ScimRouterOptions } from './scim-router';

/** What both SCIM routers answer for a request no route took: 404, or 405 with `Allow`. */
export function unmatchedRoute(
  allowed: ReadonlyMap<string, readonly string[]>,
  endpoints: string,
): RequestHandler {
  return (http: Request, res: Response, next: NextFunction) => {
    const methods = [...allowed.entries()].find(([path]) => matches(path, http.path))?.[1];
    if (!methods) return next(plainError(404, `No ${endpoints} endpoint at ${http.path}`));
    res.setHeader('Allow', methods.join(', '));
    next(plainError(405, `${http.method} is not supported on ${http.path}; use ${methods.join(', ')}`));
  };
}

/** Express path patterns we use: literal segments and `:param` segments. */
function matches(pattern: string, path: string): boolean {
  const a = pattern.split('/');
  const b = path.replace(/\/+$/, '').split('/');
  return (
    a.length === b.length && a.every((s, i) => s.startsWith(':') || s.toLowerCase() === b[i]?.toLowerCase())
  );
}

/**
 * The caller, or the 401 (503 when the credential store is down) both SCIM versions answer; 403
 * with its reason for a valid credential that may not act (a paused connection, an X-Organization
 * naming no organization).
 */
export async function authenticateCaller(
  authenticate: ScimAuthenticator,
  http: Request,
  res: Response,
): Promise<ScimCaller> {
  try {
    return await authenticate(http.headers.authorization, http.ip, http.get('x-organization'), {
      method: http.method,
      path: http.originalUrl,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'UNAVAILABLE') throw plainError(503, 'Service temporarily unavailable; retry later');
    if (code === 'FORBIDDEN') {
      // A known, valid credential refused (a paused connection): its request is still its own.
      const refused = (error as { refusedCaller?: ScimCaller }).refusedCaller;
      if (refused) res.locals[REFUSED_SCIM] = { caller: refused };
      throw plainError(403, (error as Error).message);
    }
    throw plainError(401, 'Authentication required');
  }
}

/** Hands an authenticated request on, through the router's `proceed` hook when it has one. */
export function proceedAs(
  options: Pick<ScimRouterOptions, 'proceed'>,
  caller: ScimCaller,
  res: Response,
  next: NextFunction,
): void {
  if (options.proceed) options.proceed(caller, res, next);
  else next();
}

/**
 * `res.locals` key of a request refused for a caller the authenticator knows (a paused
 * connection's valid token): `{ caller }`, read by the request attribution like `res.locals.scim`.
 */
export const REFUSED_SCIM = 'refusedScim';
