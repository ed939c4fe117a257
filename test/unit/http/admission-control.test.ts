import { connect, type Socket } from 'node:net';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import express from 'express';
import type { AdmissionSettings } from '../../../src/http/admission-control';
import { AdmissionControl } from '../../../src/http/admission-control';
import { createLogger } from '../../../src/http/logger';

/** A gate the handler waits on: requests stay "in flight" until the test opens it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

interface Harness {
  readonly sut: AdmissionControl;
  readonly url: string;
  readonly logLines: string[];
  readonly started: string[];
  readonly server: Server;
  open(): void;
  close(): Promise<void>;
}

async function harness(settings: Partial<AdmissionSettings> = {}): Promise<Harness> {
  const logLines: string[] = [];
  const sink = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const sut = new AdmissionControl(
    {
      maxInFlight: 2,
      maxQueued: 2,
      maxQueueMs: 10_000,
      retryAfterSeconds: 1,
      refusalsPerSecond: 1_000,
      ...settings,
    },
    createLogger('debug', sink),
  );
  const { opened, open } = gate();
  const started: string[] = [];
  const app = express();
  app.get('/api/:n', async (req, res) => {
    started.push(req.params.n);
    await opened;
    res.json({ served: req.params.n });
  });
  const admit = sut.gate([
    {
      path: '/api',
      answer: (error) => ({ status: 503, contentType: 'application/json', body: { refused: error.code } }),
    },
  ]);
  const server: Server = createServer((req, res) => admit(req, res, () => app(req, res)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    sut,
    url: `http://127.0.0.1:${port}/api`,
    server,
    logLines,
    started,
    open,
    close: async () => {
      open();
      sut.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const get = async (url: string) => {
  const response = await fetch(url);
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: await response.json(),
  };
};

/** One request on a raw keep-alive connection, and the status and Retry-After of its answer. */
const exchange = (socket: Socket, path: string) =>
  new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const end = text.indexOf('\r\n\r\n');
      const length = /content-length: *(\d+)/i.exec(text);
      if (end < 0 || !length || text.length < end + 4 + Number(length[1])) return;
      socket.off('data', onData).off('close', reject);
      resolve({ status: Number(text.slice(9, 12)), retryAfter: /retry-after: *(\d+)/i.exec(text)?.[1] });
    };
    socket.on('data', onData).once('close', reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: test\r\n\r\n`);
  });

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('AdmissionControl', () => {
  let h: Harness;
  afterEach(() => h.close());

  it('runs MAX_IN_FLIGHT requests, queues MAX_QUEUE more, and serves the queue in order when nothing overflows', async () => {
    h = await harness({ maxInFlight: 2, maxQueued: 2 });
    const admitted = ['1', '2', '3', '4'].map((n) => get(`${h.url}/${n}`));
    await until(() => h.sut.inFlight === 2 && h.sut.queued === 2);
    expect(h.started.sort()).toEqual(['1', '2']);

    h.open();
    const served = await Promise.all(admitted);
    expect(served.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(h.started.sort()).toEqual(['1', '2', '3', '4']);
    expect(h.sut.inFlight).toBe(0);
  });

  it('refuses what overflows the queue at once with 503 + Retry-After, then cuts the queued waits short', async () => {
    h = await harness({ maxInFlight: 2, maxQueued: 2 });
    const admitted = ['1', '2'].map((n) => get(`${h.url}/${n}`));
    const queued = ['3', '4'].map((n) => get(`${h.url}/${n}`));
    await until(() => h.sut.inFlight === 2 && h.sut.queued === 2);

    // Answered while the two admitted requests still hold their slots.
    const refused = await Promise.all(['5', '6', '7'].map((n) => get(`${h.url}/${n}`)));
    for (const answer of refused) {
      expect(answer).toMatchObject({ status: 503, body: { refused: 'UNAVAILABLE' } });
      // OVERLOAD_RETRY_AFTER_SECONDS for as many as the slots and the queue hold (4), the next
      // second for the fifth refusal (the queued two are refused too): a crowd is spread.
      expect(['1', '2']).toContain(answer.retryAfter);
    }
    // The queue overflowed: it is standing, and its waiters are refused after the short wait
    // instead of MAX_QUEUE_MS, while the slots are still held.
    for (const answer of await Promise.all(queued)) expect(answer.status).toBe(503);
    expect(h.started.sort()).toEqual(['1', '2']);

    h.open();
    expect((await Promise.all(admitted)).map((a) => a.status)).toEqual([200, 200]);
    expect(h.sut.inFlight).toBe(0);
  });

  it('refuses a queued request whose wait reaches MAX_QUEUE_MS, before any slot frees', async () => {
    h = await harness({ maxInFlight: 1, maxQueued: 5, maxQueueMs: 30 });
    const first = get(`${h.url}/1`);
    await until(() => h.sut.inFlight === 1);
    const waited = await get(`${h.url}/2`);
    expect(waited.status).toBe(503);
    expect(waited.retryAfter).toBe('1');
    expect(h.started).toEqual(['1']);
    h.open();
    expect((await first).status).toBe(200);
  });

  it('holds what is over the refusal budget and decides it when the budget allows, as a new arrival', async () => {
    h = await harness({ maxInFlight: 1, maxQueued: 0, refusalsPerSecond: 4 });
    const first = get(`${h.url}/1`);
    await until(() => h.sut.inFlight === 1);
    const started = Date.now();
    // Four refusals are answered at once; the fifth and sixth wait for the budget (a quarter second each).
    const answers = ['2', '3', '4', '5', '6'].map((n) => get(`${h.url}/${n}`));
    const refused = await Promise.all(answers.slice(0, 4));
    expect(refused.map((a) => a.status)).toEqual([503, 503, 503, 503]);
    expect((await answers[4]!).status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    // Held while the slot is taken; once it is free, the held request is admitted, not refused.
    const held = get(`${h.url}/7`);
    await until(() => h.sut.held === 1);
    h.open();
    await first;
    expect((await held).status).toBe(200);
    expect(h.sut.held).toBe(0);
  });

  it('spends the budget on refusals after a wait in the queue too, holding what comes once it is spent', async () => {
    h = await harness({ maxInFlight: 1, maxQueued: 5, maxQueueMs: 30, refusalsPerSecond: 4 });
    const first = get(`${h.url}/1`);
    await until(() => h.sut.inFlight === 1);
    // Each waits its 30 ms in the queue and is refused, spending the budget.
    const waited = await Promise.all(['2', '3', '4', '5'].map((n) => get(`${h.url}/${n}`)));
    expect(waited.map((a) => a.status)).toEqual([503, 503, 503, 503]);
    // The budget is spent: the next request is held (not queued and refused at once) until it refills.
    const started = Date.now();
    const next = get(`${h.url}/6`);
    await until(() => h.sut.held === 1);
    expect((await next).status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    h.open();
    expect((await first).status).toBe(200);
  });

  it("keeps a refused client's idle connection open until it is due back, past the keep-alive timeout", async () => {
    h = await harness({ maxInFlight: 1, maxQueued: 0 });
    // Node closes an idle connection this long (plus its 1 s buffer) after an answer.
    h.server.keepAliveTimeout = 100;
    const held = get(`${h.url}/1`);
    await until(() => h.sut.inFlight === 1);
    const { port } = h.server.address() as { port: number };
    const socket = connect(port, '127.0.0.1');
    let closed = false;
    socket.once('close', () => (closed = true));

    expect(await exchange(socket, '/api/2')).toEqual({ status: 503, retryAfter: '1' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(closed).toBe(false);
    h.open();
    await held;
    // Back when told to, on the same connection: served.
    expect(await exchange(socket, '/api/3')).toEqual({ status: 200, retryAfter: undefined });
    socket.destroy();
  });

  it('serves the next request normally once the burst is over', async () => {
    h = await harness({ maxInFlight: 1, maxQueued: 0 });
    const first = get(`${h.url}/1`);
    await until(() => h.sut.inFlight === 1);
    expect((await get(`${h.url}/2`)).status).toBe(503);
    h.open();
    await first;
    expect(await get(`${h.url}/3`)).toEqual({ status: 200, retryAfter: null, body: { served: '3' } });
  });

  it('reports itself overloaded after shedding, and summarises refusals in one warn line', async () => {
    h = await harness({ maxInFlight: 1, maxQueued: 0 });
    expect(h.sut.overloaded).toBe(false);
    const first = get(`${h.url}/1`);
    await until(() => h.sut.inFlight === 1);
    await Promise.all(['2', '3', '4'].map((n) => get(`${h.url}/${n}`)));
    expect(h.sut.overloaded).toBe(true);
    h.open();
    await first;

    h.sut.close();
    const lines = h.logLines.map((line) => JSON.parse(line) as { level: string; total?: number });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'warn', total: 3, shed: { queue_full: 3 } });
  });

  it('gives no slot to a client that gave up while queued', async () => {
    h = await harness({ maxInFlight: 1, maxQueued: 1 });
    const first = get(`${h.url}/1`);
    await until(() => h.sut.inFlight === 1);
    const controller = new AbortController();
    const abandoned = fetch(`${h.url}/2`, { signal: controller.signal }).catch(() => 'aborted');
    await until(() => h.sut.queued === 1);
    controller.abort();
    expect(await abandoned).toBe('aborted');
    await until(() => h.sut.queued === 0);
    h.open();
    await first;
    expect(h.started).toEqual(['1']);
    expect(h.sut.inFlight).toBe(0);
  });
});
