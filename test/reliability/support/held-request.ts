import { request } from 'node:http';
import { connect } from 'node:net';
import type { Agent } from 'node:http';
import type { HttpAnswer } from './service-process';

/** A request the server has received and dispatched, whose body the test sends when it chooses. */
export interface HeldRequest {
  /** Sends the rest of the body; the answer follows. */
  finish(): Promise<HttpAnswer>;
}

/**
 * POSTs JSON with `Expect: 100-continue` and holds back the last bytes of the body. Node's server
 * answers `100 Continue` only once it has parsed the request and handed it to the app, so when this
 * resolves the request is surely in flight (a causal fact, not a guess from a delay) — and it stays
 * in flight until `finish()`.
 */
export function heldPost(
  url: string,
  token: string,
  body: unknown,
  agent: Agent | false,
): Promise<HeldRequest> {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise((resolveHeld, rejectHeld) => {
    let settle: ((answer: HttpAnswer) => void) | undefined;
    let fail: ((error: Error) => void) | undefined;
    const answer = new Promise<HttpAnswer>((resolve, reject) => ((settle = resolve), (fail = reject)));
    answer.catch(() => undefined);
    const req = request(url, {
      method: 'POST',
      agent,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'Content-Length': payload.length,
        Expect: '100-continue',
      },
    });
    req.on('continue', () => {
      req.write(payload.subarray(0, payload.length - 2));
      resolveHeld({ finish: () => (req.end(payload.subarray(payload.length - 2)), answer) });
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        settle!({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: text ? JSON.parse(text) : undefined,
        });
      });
    });
    req.on('error', (error) => (rejectHeld(error), fail!(error)));
    req.flushHeaders();
  });
}

/** The raw answers on one connection, in order: status line and lower-cased headers of each. */
export interface PipelinedAnswers {
  readonly answers: readonly { readonly status: number; readonly headers: Record<string, string> }[];
}

/** A held request whose completion carries a second request right behind it on the same connection. */
export interface HeldPipeline {
  /** Sends the rest of the first body and the second request in one write; resolves when the server closes. */
  finishWith(next: string): Promise<PipelinedAnswers>;
}

/**
 * Like `heldPost`, on a raw socket: the first request is in flight once `100 Continue` arrived. Its
 * last bytes and a second request are then written together (HTTP/1.1 pipelining), so the connection
 * is never idle between them — the second request reaches whatever the server does to requests that
 * arrive on an open connection, with no race against the server closing idle ones.
 */
export function heldPipeline(host: string, port: number, path: string, token: string, body: unknown) {
  const payload = Buffer.from(JSON.stringify(body));
  return new Promise<HeldPipeline>((resolveHeld, rejectHeld) => {
    const socket = connect(port, host);
    let received = '';
    const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.startsWith('HTTP/1.1 100') && !held) {
        held = true;
        received = received.slice(received.indexOf('\r\n\r\n') + 4);
        resolveHeld({
          finishWith: async (next) => {
            socket.write(Buffer.concat([payload.subarray(payload.length - 2), Buffer.from(next)]));
            return { answers: parseAnswers(await closed) };
          },
        });
      }
    });
    let held = false;
    socket.on('error', rejectHeld);
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nAuthorization: Bearer ${token}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${payload.length}\r\nExpect: 100-continue\r\n\r\n`,
    );
    socket.once('data', () => socket.write(payload.subarray(0, payload.length - 2)));
  });
}

function parseAnswers(raw: string): PipelinedAnswers['answers'] {
  const answers: { status: number; headers: Record<string, string> }[] = [];
  for (const match of raw.matchAll(/HTTP\/1\.1 (\d{3})[^\r]*\r\n((?:[^\r]+\r\n)*)\r\n/g)) {
    const headers: Record<string, string> = {};
    for (const line of match[2]!.split('\r\n').filter(Boolean)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    answers.push({ status: Number(match[1]), headers });
  }
  return answers;
}
