import { request } from 'node:http';
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
