import { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerOptions } from 'node:http';
import type { Express } from 'express';

/**
 * The request and response classes a Node server serving `app` should create: their instances are
 * born with Express's prototypes (`app.request`, `app.response`) instead of Node's.
 *
 * Why: Express gives every request and response its prototypes (`Object.setPrototypeOf(req,
 * app.request)` in `app.handle`). On V8 (Node 20) that left each request and response with hidden
 * classes (maps) of its own, new ones per request (`--log-maps`: one new map chain per request), and
 * maps live in old space. Young-generation collections then kept the requests and responses since
 * the previous one, and whatever they held, although none was in use any more: a bare Express app
 * answering /healthz kept 2.5 MB per scavenge against 0 MB with this, and the service's /healthz
 * 3.9 MB (10 ms pauses). Those survivors were promoted and filled the old generation until the next
 * full collection. A message born with the prototype Express sets makes that call a no-op (V8 does
 * nothing when the prototype is already the one set), and Express behaves exactly as before.
 *
 * Only the server's first app matters: Express restores it after a mounted sub-app, and the service
 * mounts none.
 */
export function expressMessages(
  app: Express,
): Required<Pick<ServerOptions, 'IncomingMessage' | 'ServerResponse'>> {
  return {
    IncomingMessage: withPrototype(IncomingMessage, app.request),
    ServerResponse: withPrototype(ServerResponse, app.response),
  };
}

/**
 * A constructor that builds `base`'s instances with `prototype` as their prototype: `new` gives the
 * object that prototype, and `base` initialises it (IncomingMessage and ServerResponse are plain
 * functions, which Node's own subclasses call the same way).
 */
function withPrototype<T extends abstract new (...args: never[]) => object>(base: T, prototype: object): T {
  const initialise = base as unknown as (this: object, ...args: unknown[]) => void;
  function Constructed(this: object, ...args: unknown[]): void {
    initialise.apply(this, args);
  }
  Constructed.prototype = prototype;
  return Constructed as unknown as T;
}
