import { Router } from 'express';
import type { Store } from '../domain/store';
import type { JwksSourceStatus } from './jwt/jwks-source';

/**
 * `/healthz`: the process is up. `/readyz`: it can serve, i.e. the database answers. A JWKS that
 * cannot be fetched shows in the body but never in the status: API tokens and known keys still
 * work, and taking every instance out of the load balancer because an IdP is down would help no one.
 */
export function healthRouter(
  store: Store,
  isShuttingDown: () => boolean,
  jwksStatus: () => readonly JwksSourceStatus[] = () => [],
): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const jwks = jwksStatus();
    const extra = jwks.length > 0 ? { jwks } : {};
    if (isShuttingDown()) {
      res.status(503).json({ status: 'shutting down', ...extra });
      return;
    }
    const ready = await store.ping().then(
      () => true,
      () => false,
    );
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'database unavailable', ...extra });
  });
  return router;
}
