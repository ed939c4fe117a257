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
      log.warn('from the route');
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
