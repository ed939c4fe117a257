import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { adminConsole } from '../../../src/http/admin-console';
import { createLogger } from '../../../src/http/logger';

/** A console build as Vite lays it out: index.html and content-hashed assets. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'identity-console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Identity admin</title><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log("app")');
  return dir;
}

function appServing(dir: string, logLines: string[] = []) {
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  const app = express();
  app.use('/admin', adminConsole(createLogger('info', sink), dir));
  return request(app);
}

describe('admin console serving', () => {
  let dir: string;
  beforeAll(() => {
    dir = fakeBuild();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['/admin', '/admin/', '/admin/connections/42', '/admin/setup/isl_abc'])(
    'answers the app for %s with a strict CSP, no referrer and no caching',
    async (path) => {
      const res = await appServing(dir).get(path);
      expect(res.status).toBe(200);
      expect(res.text).toContain('<div id="root">');
      const csp = res.headers['content-security-policy'];
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "connect-src 'self'",
        "frame-ancestors 'none'",
      ])
        expect(csp).toContain(directive);
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toBe('no-cache');
    },
  );

  it('serves hashed assets cached for a year, and a missing asset as 404 rather than the app', async () => {
    const asset = await appServing(dir).get('/admin/assets/index-AbC123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-security-policy']).toContain("default-src 'self'");
    const missing = await appServing(dir).get('/admin/assets/index-gone.js');
    expect(missing.status).toBe(404);
    expect(missing.text).not.toContain('<div id="root">');
  });

  it('without a build, says so at start and answers 503 naming the build command instead of a blank page', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'identity-console-empty-'));
    const logLines: string[] = [];
    try {
      const http = appServing(empty, logLines);
      expect(logLines.join('')).toMatch(/Admin console not built.*npm run build/);
      const res = await http.get('/admin/connections');
      expect(res.status).toBe(503);
      expect(res.text).toContain('npm run build');
      expect(res.headers['cache-control']).toBe('no-store');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
