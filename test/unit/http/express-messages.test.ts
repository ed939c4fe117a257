import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'node:http';
import express from 'express';
import request from 'supertest';
import { expressMessages } from '../../../src/http/express-messages';

function appUnderTest() {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.get('/things/:id', (req, res) => {
    res.status(201).json({ id: req.params.id, app: req.app === app, header: req.get('x-thing') ?? null });
  });
  return app;
}

async function answer(server: Server) {
  const response = await request(server).get('/things/42').set('X-Thing', 'yes');
  const { date: _date, ...headers } = response.headers;
  return { status: response.status, headers, body: response.body as unknown };
}

describe('expressMessages', () => {
  it("creates requests and responses with the app's prototypes, before Express sees them", async () => {
    const app = appUnderTest();
    const server = createServer(expressMessages(app), app);
    const born: boolean[] = [];
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      born.push(Object.getPrototypeOf(req) === app.request && Object.getPrototypeOf(res) === app.response);
      born.push(req instanceof IncomingMessage && res instanceof ServerResponse);
    });

    await request(server).get('/things/1').expect(201);

    expect(born).toEqual([true, true]);
  });

  it('answers exactly as a server with Node’s own classes', async () => {
    const app = appUnderTest();

    const plain = await answer(createServer(app));
    const prototyped = await answer(createServer(expressMessages(app), app));

    expect(prototyped).toEqual(plain);
    expect(prototyped.body).toEqual({ id: '42', app: true, header: 'yes' });
  });
});
