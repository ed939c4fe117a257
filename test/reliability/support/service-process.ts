import type { ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import type { Agent } from 'node:http';
import { newTokenSecret } from '../../fixtures/test-app';
import { exitCode, freePort, spawnTs, waitForOutput } from '../../fixtures/spawn-node';
import { logCapture } from './log-capture';

/** The real service (`src/main.ts`) in a child process, its output captured for the leak check. */
export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  readonly port: number;
  readonly adminToken: string;
  readonly scimToken: string;
  /** Resolves with the exit code. */
  readonly exited: Promise<number | null>;
}

export interface Tokens {
  readonly adminToken: string;
  readonly scimToken: string;
}

export const newTokens = (): Tokens => ({ adminToken: newTokenSecret(), scimToken: newTokenSecret() });

export async function startService(
  databaseUrl: string,
  tokens: Tokens,
  env: Record<string, string> = {},
): Promise<ServiceProcess> {
  logCapture.secret(tokens.adminToken, tokens.scimToken);
  const port = await freePort();
  const child = spawnTs('src/main.ts', [], {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    BOOTSTRAP_ADMIN_TOKEN: tokens.adminToken,
    BOOTSTRAP_SCIM_TOKEN: tokens.scimToken,
    LOG_LEVEL: 'info',
    RATE_LIMIT_PER_MINUTE: '0',
    ...env,
  });
  child.stdout!.on('data', (chunk: Buffer) => logCapture.output(chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => logCapture.output(chunk.toString()));
  const exited = exitCode(child);
  await waitForOutput(child, /SCIM Base URL/, 60_000);
  return { child, port, baseUrl: `http://127.0.0.1:${port}`, ...tokens, exited };
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: unknown;
}

/** One HTTP request with JSON in and out; rejects with the socket error (e.g. ECONNREFUSED). */
export function httpJson(
  url: string,
  options: { method?: string; token?: string; body?: unknown; agent?: Agent; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        agent: options.agent ?? false,
        headers: {
          ...(options.token && { Authorization: `Bearer ${options.token}` }),
          ...(payload && { 'Content-Type': 'application/json', 'Content-Length': payload.length }),
        },
        timeout: options.timeoutMs ?? 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let body: unknown = text;
          try {
            body = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: keep the text
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}
