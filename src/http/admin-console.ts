import express from 'express';
import type { RequestHandler, Response, Router } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from './logger';

/** Where the console is served; its SPA routes (incl. /admin/setup/<secret>) all answer index.html. */
export const ADMIN_CONSOLE_PATH = '/admin';

/**
 * The console's policy: only this origin, no inline script or style, never framed. Vite emits one
 * module script and one stylesheet as files, and the components set no `style` attributes, so
 * nothing needs 'unsafe-inline'.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite names assets by content hash: a changed file gets a new name, so they can be cached for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The root of the package (where package.json is), from wherever this file was compiled to. */
function packageRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** `dist/console`, which `npm run build` fills (vite build, console/vite.config.ts). */
export function defaultConsoleDir(): string {
  return path.join(packageRoot(), 'dist', 'console');
}

function consoleHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
}

/**
 * Serves the built admin console at /admin: hashed assets with a year's cache, every other path
 * under /admin the SPA's index.html (never cached, so a new build is picked up). Without a build the
 * start-up log says so and /admin answers a 503 page naming the command, never a blank page.
 */
export function adminConsole(logger: Logger, dir: string = defaultConsoleDir()): Router {
  const router = express.Router();
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) {
    logger.error(
      { consoleDir: dir },
      `Admin console not built (${index} is missing): run \`npm run build\` to serve it at ${ADMIN_CONSOLE_PATH}`,
    );
    router.use(notBuilt(index));
    return router;
  }
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), {
      index: false,
      setHeaders: (res) => {
        consoleHeaders(res);
        res.setHeader('Cache-Control', IMMUTABLE);
      },
    }),
  );
  // A missing asset is a 404, not the SPA page (a stale index.html would otherwise run HTML as JS).
  router.use('/assets', (_req, res) => void res.status(404).type('text/plain').send('Not found\n'));
  router.get('/*splat', spaPage(index));
  router.get('/', spaPage(index));
  return router;
}

function spaPage(index: string): RequestHandler {
  return (_req, res) => {
    consoleHeaders(res);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
}

function notBuilt(index: string): RequestHandler {
  return (_req, res) => {
    consoleHeaders(res);
    res.setHeader('Cache-Control', 'no-store');
    res
      .status(503)
      .type('text/plain')
      .send(`The admin console is not built (${index} is missing). Run \`npm run build\`, then restart.\n`);
  };
}
