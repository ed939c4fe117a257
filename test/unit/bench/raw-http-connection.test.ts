import { createServer, type Server } from 'node:http';
import { RawHttpConnection } from '../../../bench/lib/raw-http-connection';

/** The overload benchmark's client reads what a Node server writes: lengths, chunks, closes. */
describe('RawHttpConnection', () => {
  let server: Server;
  let url: string;
  const connections = new Set<number>();

  beforeAll(async () => {
    server = createServer((req, res) => {
      connections.add((req.socket.remotePort ?? 0) as number);
      if (req.url === '/chunked') {
        res.write('a'.repeat(5_000));
        setTimeout(() => res.end('b'.repeat(70_000)), 5);
      } else if (req.url === '/refused') {
        res.writeHead(503, { 'Retry-After': '7', 'Content-Type': 'application/json' });
        res.end('{"status":"503"}');
      } else if (req.url === '/close') {
        res.writeHead(200, { Connection: 'close' });
        res.end('bye');
      } else if (req.url === '/post') {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => res.end(body.toUpperCase()));
      } else res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => connections.clear());

  it('reads answers by length and by chunks, and Retry-After, over one kept-alive connection', async () => {
    const client = RawHttpConnection.forUrl(url);
    expect(await client.send({ method: 'GET', path: '/' })).toMatchObject({ status: 200 });
    expect(await client.send({ method: 'GET', path: '/chunked' })).toMatchObject({ status: 200 });
    expect(await client.send({ method: 'GET', path: '/refused' })).toMatchObject({
      status: 503,
      retryAfter: 7,
    });
    expect(await client.send({ method: 'POST', path: '/post', body: 'hé' })).toMatchObject({ status: 200 });
    expect(connections.size).toBe(1);
    client.close();
  });

  it('opens a new connection after the server closes one', async () => {
    const client = RawHttpConnection.forUrl(url);
    expect(await client.send({ method: 'GET', path: '/close' })).toMatchObject({ status: 200 });
    const next = await client.send({ method: 'GET', path: '/' });
    expect(next).toMatchObject({ status: 200 });
    expect(next.ms).toBeGreaterThan(0);
    expect(connections.size).toBe(2);
    client.close();
  });

  it('answers with the error code when nothing listens', async () => {
    const client = new RawHttpConnection('127.0.0.1', 1);
    expect(await client.send({ method: 'GET', path: '/' })).toMatchObject({ status: 'ECONNREFUSED' });
  });
});
