import express from 'express';
import type { HelmetOptions } from 'helmet';
import helmet from 'helmet';
import request from 'supertest';
import { securityHeaders } from '../../../src/http/security-headers';

/** The headers a response gets from an app that uses `middleware` (date and connection aside). */
async function headersFrom(middleware: express.RequestHandler): Promise<Record<string, unknown>> {
  const app = express();
  app.use(middleware);
  app.get('/', (_req, res) => {
    res.json({ ok: true });
  });
  const response = await request(app).get('/').expect(200);
  const { date: _date, connection: _connection, etag: _etag, ...headers } = response.headers;
  return headers;
}

describe('securityHeaders', () => {
  const cases: [string, HelmetOptions | undefined][] = [
    ['helmet defaults (the stand-alone SCIM facade)', undefined],
    ['the service', { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }],
  ];

  it.each(cases)('sets exactly what helmet sets: %s', async (_name, options) => {
    const expected = await headersFrom(helmet(options));

    expect(await headersFrom(securityHeaders(options))).toEqual(expected);
    expect(expected).toHaveProperty('strict-transport-security');
    expect(expected).not.toHaveProperty('x-powered-by');
  });
});
