import type { RequestHandler, Response } from 'express';
import type { Principal } from '../domain/auth/request-context';
import type { RequestOutcome } from '../domain/connections/connection-health';

/** What the SCIM router leaves on `res.locals.scim` once it authenticated the caller. */
interface AuthenticatedScim {
  readonly caller?: { readonly credential?: unknown };
}

export interface ConnectionActivityOptions {
  readonly record: (outcome: RequestOutcome) => void;
  readonly clock: () => Date;
}

/**
 * Attributes each answered SCIM request to the connection of its token and hands the outcome to
 * the health counters (in memory; they flush in batches). Nothing here waits or writes: it runs on
 * `finish`, after the answer went out. Requests refused before authentication (401, a paused
 * connection's 403) belong to no connection the service can trust, and are not counted.
 */
export function connectionActivity(options: ConnectionActivityOptions): RequestHandler {
  return (req, res, next) => {
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      if (res.statusCode >= 400 && typeof body === 'string') res.locals.errorBody = body;
      return send(body);
    };
    res.on('finish', () => {
      const principal = (res.locals.scim as AuthenticatedScim | undefined)?.caller?.credential as
        Principal | undefined;
      if (!principal?.connectionId) return;
      const status = res.statusCode;
      options.record({
        organizationId: principal.organizationId,
        connectionId: principal.connectionId,
        at: options.clock(),
        status,
        detail: status >= 400 ? errorDetail(res) : undefined,
        created: req.method === 'POST' && status === 201 ? createdKind(req.path) : undefined,
      });
    });
    next();
  };
}

function createdKind(path: string): 'User' | 'Group' | undefined {
  if (/^\/Users\/?$/i.test(path)) return 'User';
  if (/^\/Groups\/?$/i.test(path)) return 'Group';
  return undefined;
}

/** The detail of a SCIM 2.0 Error (`detail`) or 1.1 error (`Errors[0].description`). */
function errorDetail(res: Response): string {
  const body = res.locals.errorBody as string | undefined;
  if (!body) return '';
  try {
    const parsed = JSON.parse(body) as { detail?: unknown; Errors?: { description?: unknown }[] };
    const detail = parsed.detail ?? parsed.Errors?.[0]?.description;
    return typeof detail === 'string' ? detail : '';
  } catch {
    return '';
  }
}
