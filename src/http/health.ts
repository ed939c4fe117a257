import { Router } from 'express';
import type { Lifecycle } from './lifecycle';

/** What a readiness check found: ready, or the reason it is not (a short, client-safe word). */
export interface Readiness {
  readonly ready: boolean;
  readonly status: string;
  /** Extra facts for operators (never secrets), merged into /readyz's body. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** Checks what the process needs to serve: the database for the service, the subgraph for the facade. */
export type ReadinessCheck = () => Promise<Readiness>;

/** `/healthz`: the process is up. `/readyz`: it can serve — not draining, and its dependency answers. */
export function healthRouter(check: ReadinessCheck, lifecycle: Lifecycle): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    if (lifecycle.draining) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    const { ready, status, details } = await check();
    res.status(ready ? 200 : 503).json({ status, ...details });
  });
  return router;
}
