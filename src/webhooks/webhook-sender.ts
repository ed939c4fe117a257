import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedTarget } from './address-guard';

/** Response bytes read at most; the rest is not waited for. */
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface SendResult {
  /** A 2xx answer within the timeout. */
  readonly ok: boolean;
  readonly statusCode: number | null;
  readonly error: string | null;
}

export type Sender = (
  target: CheckedTarget,
  headers: Readonly<Record<string, string>>,
  body: string,
  options: { readonly timeoutMs: number; readonly signal: AbortSignal },
) => Promise<SendResult>;

/**
 * One POST, never more: no redirect is followed (a 3xx is a failure), at most MAX_RESPONSE_BYTES of
 * the answer are read, the whole exchange is bounded by `timeoutMs`, and the connection goes to the
 * address the guard checked (the Host header and TLS name stay the URL's).
 */
export const sendWebhook: Sender = (target, headers, body, { timeoutMs, signal }) =>
  new Promise((resolve) => {
    const { url } = target;
    let done = false;
    const finish = (result: SendResult) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const fail = (error: string) => finish({ ok: false, statusCode: null, error });
    const pinned: LookupFunction = (_hostname, options, callback) => {
      if (options.all) callback(null, [{ address: target.address, family: target.family }]);
      else callback(null, target.address, target.family);
    };
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request(url, {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      lookup: pinned,
      agent: false,
      signal,
    });
    const timer = setTimeout(() => fail(`no answer within ${timeoutMs} ms`), timeoutMs);
    request.on('error', (error) => fail(describe(error)));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const settle = () =>
        finish({
          ok: status >= 200 && status < 300,
          statusCode: status,
          error: status >= 200 && status < 300 ? null : `answered ${status}`,
        });
      let read = 0;
      response.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read >= MAX_RESPONSE_BYTES) settle();
      });
      response.on('end', settle);
      response.on('error', (error) => fail(describe(error)));
    });
    request.end(body);
  });

function describe(error: Error & { code?: string }): string {
  if (error.name === 'AbortError') return 'aborted: the worker stopped';
  return error.code ? `${error.code}: ${error.message}` : error.message;
}
