/**
 * One keep-alive HTTP/1.1 connection driven over a raw socket, for the overload scenario. Node's
 * `http` client spends a tenth of a millisecond or more of the load generator's CPU per request
 * (URL parsing, header objects, the agent's socket pool); with 1,024 connections whose clients come
 * back together after the same `Retry-After` second, the generator's own event loop then runs for
 * tens of milliseconds before it reads any answer, and that wait was measured as the service's
 * latency. Here a request is one pre-rendered write and an answer is read with a status line, the
 * four headers it needs (length, chunking, Retry-After, Connection) and a length, so what is timed
 * is the service.
 */
import { connect, type Socket } from 'node:net';
import type { RequestShape } from './load';

export interface RawOutcome {
  /** The HTTP status, or an error code when the connection failed or timed out. */
  readonly status: number | string;
  readonly ms: number;
  /** Seconds, when the answer carried Retry-After. */
  readonly retryAfter: number | undefined;
}

interface Head {
  readonly status: number;
  readonly retryAfter: number | undefined;
  readonly close: boolean;
  /** Body bytes to wait for, or `chunked`. */
  readonly body: number | 'chunked';
  /** Offset of the first body byte in the buffer. */
  readonly start: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CRLF = Buffer.from('\r\n');

/** Parses a complete response head (status line and headers) ending at `end`. */
function parseHead(buffer: Buffer, end: number): Head {
  const lines = buffer.toString('latin1', 0, end).split('\r\n');
  const status = Number(lines[0].slice(9, 12));
  let retryAfter: number | undefined;
  let close = false;
  let body: number | 'chunked' = 0;
  for (let i = 1; i < lines.length; i++) {
    const colon = lines[i].indexOf(':');
    const name = lines[i].slice(0, colon).toLowerCase();
    const value = lines[i].slice(colon + 1).trim();
    if (name === 'content-length') body = Number(value);
    else if (name === 'transfer-encoding' && value.toLowerCase().includes('chunked')) body = 'chunked';
    else if (name === 'retry-after') retryAfter = Number(value);
    else if (name === 'connection') close = value.toLowerCase() === 'close';
  }
  return { status, retryAfter, close, body, start: end + HEAD_END.length };
}

/** Where a chunked body ends in `buffer` (just past the last chunk's CRLF), or -1 if not all here. */
function chunkedEnd(buffer: Buffer, start: number): number {
  let at = start;
  for (;;) {
    const lineEnd = buffer.indexOf(CRLF, at);
    if (lineEnd < 0) return -1;
    const size = parseInt(buffer.toString('latin1', at, lineEnd), 16);
    if (size === 0) {
      const trailerEnd = buffer.indexOf(HEAD_END, lineEnd);
      return trailerEnd < 0 ? -1 : trailerEnd + HEAD_END.length;
    }
    at = lineEnd + CRLF.length + size + CRLF.length;
    if (at > buffer.length) return -1;
  }
}

export class RawHttpConnection {
  private socket: Socket | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private head: Head | null = null;
  private pending: {
    readonly started: bigint;
    readonly resolve: (outcome: RawOutcome) => void;
    readonly timer: NodeJS.Timeout;
  } | null = null;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timeoutMs = 30_000,
  ) {}

  static forUrl(baseUrl: string): RawHttpConnection {
    const url = new URL(baseUrl);
    return new RawHttpConnection(url.hostname, Number(url.port));
  }

  /** Sends one request and resolves with its answer; one request at a time per connection. */
  send(shape: RequestShape): Promise<RawOutcome> {
    if (this.pending) throw new Error('one request at a time per connection');
    const bytes = this.render(shape);
    return new Promise((resolve) => {
      const started = process.hrtime.bigint();
      const timer = setTimeout(() => this.fail('TIMEOUT'), this.timeoutMs);
      this.pending = { started, resolve, timer };
      this.open().write(bytes);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
  }

  private render(shape: RequestShape): string {
    const headers = Object.entries(shape.headers ?? {})
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    const length = shape.body === undefined ? '' : `Content-Length: ${Buffer.byteLength(shape.body)}\r\n`;
    return `${shape.method} ${shape.path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\n${headers}${length}\r\n${shape.body ?? ''}`;
  }

  private open(): Socket {
    if (this.socket) return this.socket;
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    // A socket this connection has already let go of (closed after `Connection: close`) must not
    // fail the request that a new socket now carries.
    const current = () => this.socket === socket;
    socket.on('data', (chunk: Buffer) => current() && this.receive(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => current() && this.fail(error.code ?? 'error'));
    socket.on('close', () => {
      if (!current()) return;
      this.socket = null;
      this.fail('ECONNRESET');
    });
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.head = null;
    return socket;
  }

  private receive(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    if (!this.head) {
      const end = this.buffer.indexOf(HEAD_END);
      if (end < 0) return;
      this.head = parseHead(this.buffer, end);
    }
    const { head } = this;
    const end = head.body === 'chunked' ? chunkedEnd(this.buffer, head.start) : head.start + head.body;
    if (end < 0 || this.buffer.length < end) return;
    this.buffer = this.buffer.subarray(end);
    this.head = null;
    if (head.close) this.close();
    this.finish({ status: head.status, retryAfter: head.retryAfter });
  }

  private fail(code: string): void {
    if (!this.pending) return;
    this.close();
    this.finish({ status: code, retryAfter: undefined });
  }

  private finish(answer: Omit<RawOutcome, 'ms'>): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    clearTimeout(pending.timer);
    pending.resolve({ ...answer, ms: Number(process.hrtime.bigint() - pending.started) / 1e6 });
  }
}
