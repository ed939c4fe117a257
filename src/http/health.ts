import { Router } from 'express';
import type { Store } from '../domain/store';

/** `/healthz`: the process is up. `/readyz`: it can serve, i.e. the database answers. */
export function healthRouter(store: Store, isShuttingDown: () => boolean): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (isShuttingDown()) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    const ready = await store.ping().then(
      () => true,
      () => false,
    );
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'database unavailable' });
  });
  return router;
}
