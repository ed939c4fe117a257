import type { RequestHandler } from 'express';
import type { HelmetOptions } from 'helmet';
import helmet from 'helmet';

/**
 * Helmet's response headers, worked out once at start-up. Helmet runs one middleware per header on
 * every request, which cost more than the rest of a cheap request's routing; with static directives
 * (no per-request nonces, which we never configure) its answer never depends on the request, so the
 * headers it sets are recorded from a dry run and replayed.
 */
export function securityHeaders(options?: Readonly<HelmetOptions>): RequestHandler {
  const set = new Map<string, string>();
  const removed = new Set<string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.set(name, String(value));
      removed.delete(name);
    },
    removeHeader(name: string) {
      set.delete(name);
      removed.add(name);
    },
  };
  let failed: unknown = null;
  helmet(options)({} as never, recorder as never, (error?: unknown) => {
    failed = error ?? null;
  });
  if (failed) throw failed;
  const headers = [...set.entries()];
  const removals = [...removed];
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    for (const name of removals) res.removeHeader(name);
    next();
  };
}
