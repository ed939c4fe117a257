import { Writable } from 'node:stream';
import express from 'express';
import request from 'supertest';
import { createLogger } from '../../../src/http/logger';
import { requestLogging } from '../../../src/http/request-logging';

/** An app with the access log whose route reports what `req.log` looks like, and the lines logged. */
function appWithLog(readLog: boolean) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const getters: unknown[] = [];
  const app = express();
  app.use(requestLogging(createLogger('info', destination)));
  app.get('/', (req, res) => {
    getters.push(Object.getOwnPropertyDescriptor(req, 'log')?.get);
    if (readLog) {
      const log = req.log!;
      expect(req.log).toBe(log);
      log.warn({ client: { secret: 'sssh' }, password: 'hunter2' }, 'from the route');
    }
    res.json({ ok: true });
  });
  return { app, lines, getters };
}

describe('requestLogging', () => {
  it("gives req.log the request's id, building the child logger only when read", async () => {
    const { app, lines } = appWithLog(true);

    await request(app).get('/').set('X-Request-Id', 'req-1').expect(200);

    expect(lines.map((line) => [line.msg, line.requestId])).toEqual([
      ['from the route', 'req-1'],
      ['request completed', 'req-1'],
    ]);
  });

  // The summary line skips pino's redaction (none of its keys is a redacted path); what a route
  // logs through req.log must still be redacted.
  it('writes the summary line whole, and redacts what the route logs', async () => {
    const { app, lines } = appWithLog(true);

    await request(app)
      .get('/?startIndex=1')
      .set('Authorization', 'Bearer abc')
      .set('X-Request-Id', 'req-2')
      .expect(200);

    const [route, summary] = lines;
    expect(route).toMatchObject({ client: { secret: '[redacted]' }, password: '[redacted]' });
    expect(summary).toEqual({
      level: 'info',
      time: expect.any(String),
      requestId: 'req-2',
      req: { method: 'GET', url: '/?startIndex=1', remoteAddress: expect.any(String) },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      msg: 'request completed',
    });
    expect(JSON.stringify(lines)).not.toContain('abc');
  });

  // A getter closing over each request would give each request its own accessor, which V8 keeps in
  // a hidden class of its own in old space: young-generation collections then kept every request.
  it('defines req.log with one getter for every request', async () => {
    const { app, getters } = appWithLog(false);

    await request(app).get('/').expect(200);
    await request(app).get('/').expect(200);

    expect(getters).toHaveLength(2);
    expect(typeof getters[0]).toBe('function');
    expect(getters[1]).toBe(getters[0]);
  });
});
