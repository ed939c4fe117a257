import { expressMiddleware } from '@as-integrations/express5';
import type { ApolloServer } from '@apollo/server';
import type { ErrorRequestHandler, NextFunction, Request, Response, RequestHandler } from 'express';
import type { Channel, Principal, RequestContext } from '../domain/auth/request-context';
import type { Services } from '../domain/services';
import type { DomainError } from '../errors';
import { isDomainError } from '../errors';
import type { GraphqlContext } from '../graphql/context';
import { createGraphqlContext } from '../graphql/context';
import type { Authenticator } from './authenticator';
import { bodyError } from './error-handler';
import type { ErrorAnswer, Refuse } from './refusal';
import { refusalStatus } from './refusal';

const graphqlError = (code: string, message: string) => ({ errors: [{ message, extensions: { code } }] });

/**
 * Authentication happens before GraphQL: a request without valid credentials gets 401 (and a
 * database outage 503) with a GraphQL-shaped error body, and never reaches execution.
 */
export function graphqlAuthentication(
  authenticator: Authenticator,
  /** A standalone SCIM facade's request refused for a known caller (a paused connection). */
  onRefusedScim?: (principal: Principal, requestId: string, line: ScimRequestLine, detail: string) => void,
): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      res.locals.principal = await authenticator.authenticate(req.headers.authorization, {
        organization: req.get('x-organization'),
        setupLinks: true,
      });
      next();
    } catch (error) {
      if (isDomainError(error) && error.code === 'UNAUTHENTICATED') {
        res.setHeader('WWW-Authenticate', 'Bearer realm="identity"');
        // The same answer for every refused credential, except a real setup link that expired or
        // was revoked: its holder is told which, in words and with `extensions.reason`.
        const reason = error.reason;
        res
          .status(401)
          .json(
            reason
              ? { errors: [{ message: error.message, extensions: { code: 'UNAUTHENTICATED', reason } }] }
              : graphqlError('UNAUTHENTICATED', 'Authentication required'),
          );
      } else if (isDomainError(error) && error.code === 'FORBIDDEN') {
        const principal = error.details.principal as Principal | undefined;
        const line = relayedScimRequest(req.body);
        if (onRefusedScim && principal && line)
          onRefusedScim(principal, String(res.locals.requestId ?? ''), line, error.message);
        res.status(403).json(graphqlError('FORBIDDEN', error.message));
      } else if (isDomainError(error) && error.code === 'UNAVAILABLE') {
        res.status(503).json(graphqlError('UNAVAILABLE', 'Service temporarily unavailable'));
      } else {
        next(error);
      }
    }
  };
}

/** Refusals of the HTTP layer (rate limit 429, timeout and shutdown 503) in GraphQL's error shape. */
export const refuseAsGraphql: Refuse = (res, error) => {
  const { status, body } = graphqlRefusal(error);
  res.status(status).json(body);
};

/** A refusal in GraphQL's error shape as data (the admission gate renders its own from it once). */
export const graphqlRefusal = (error: DomainError): ErrorAnswer => ({
  status: refusalStatus(error),
  // What Express's res.json sends for the same body.
  contentType: 'application/json; charset=utf-8',
  body: graphqlError(error.code, error.message),
});

export function graphqlHandler(server: ApolloServer<GraphqlContext>, services: Services): RequestHandler {
  return expressMiddleware(server, {
    context: async ({ req, res }) => {
      const principal = res.locals.principal as Principal;
      const request: RequestContext = {
        principal,
        requestId: res.locals.requestId,
        ...scimRelay(principal, req.body),
      };
      return createGraphqlContext(services, request);
    },
  });
}

/** Malformed or oversized request bodies answer in GraphQL's error shape, with a closed-set code. */
export function graphqlBodyErrors(): ErrorRequestHandler {
  return (error, _req, res, next) => {
    const known = bodyError(error);
    if (!known) return next(error);
    res.status(known.status).json(graphqlError('BAD_USER_INPUT', known.message));
  };
}

interface ScimRequestLine {
  readonly method: string;
  readonly path: string;
}

/** The SCIM request line a standalone facade relays with its authenticating call, if any. */
function relayedScimRequest(body: unknown): ScimRequestLine | undefined {
  const relay = (body as { extensions?: { identity?: { channel?: unknown; request?: unknown } } } | undefined)
    ?.extensions?.identity;
  const line = relay?.request as { method?: unknown; path?: unknown } | undefined;
  if (relay?.channel !== 'scim' || typeof line?.method !== 'string' || typeof line.path !== 'string')
    return undefined;
  return { method: line.method.slice(0, 16), path: line.path.slice(0, 4096) };
}

const MAX_NOTES = 50;
const MAX_NOTE_LENGTH = 200;

/**
 * A SCIM facade running as its own process relays, in the request's `extensions.identity`, that a
 * call is SCIM traffic and what it adapted (the audit notes). Only a token with the `scim` scope
 * may claim the channel, so an ordinary GraphQL client cannot pass itself off as an IdP.
 */
function scimRelay(principal: Principal, body: unknown): { channel: Channel; notes?: string[] } {
  const relay = (body as { extensions?: { identity?: { channel?: unknown; notes?: unknown } } } | undefined)
    ?.extensions?.identity;
  const channel = relay?.channel === 'scim' || relay?.channel === 'scim:1.1' ? relay.channel : null;
  if (!channel || !principal.scopes.includes('scim')) return { channel: 'graphql' };
  const notes = Array.isArray(relay?.notes)
    ? relay.notes.filter((n): n is string => typeof n === 'string')
    : [];
  return { channel, notes: notes.slice(0, MAX_NOTES).map((n) => n.slice(0, MAX_NOTE_LENGTH)) };
}
