/**
 * Counts the SQL statements each benchmark request costs the service: the real app (createApp) in
 * this process with the query logger attached, on the bench database. Every request is sent twice
 * (a warm-up, then the counted one), so per-instance caches are in the state a loaded server has.
 * Run by bench/run.ts; input in BENCH_AUDIT (JSON), the result as one JSON line on stdout.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from '../src/app';
import { loadConfig } from '../src/config';
import type { RequestShape } from './lib/load';
import { SequentialClient } from './lib/load';

export interface AuditInput {
  readonly databaseUrl: string;
  readonly requests: readonly {
    readonly id: string;
    readonly warm: RequestShape;
    readonly counted: RequestShape;
  }[];
}

export interface AuditResult {
  readonly id: string;
  readonly status: number;
  readonly statements: number;
  readonly sql: string[];
}

/** Statement text for a report: one line, long `?` lists folded, at most 220 characters. */
export function shortSql(sql: string): string {
  const folded = sql
    .replace(/\s+/g, ' ')
    .replace(/\((?:\?, ){3,}\?\)/g, (list) => `(?×${list.split('?').length - 1})`)
    .replace(/(?:\(\?×(\d+)\), ){2,}\(\?×\d+\)/g, (rows) => `${rows.split('),').length} rows of (?×…)`);
  return folded.length > 220 ? `${folded.slice(0, 217)}...` : folded;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.env.BENCH_AUDIT ?? '{}') as AuditInput;
  const config = loadConfig({ DATABASE_URL: input.databaseUrl, LOG_LEVEL: 'silent', HOST: '127.0.0.1' });
  let log: string[] | null = null;
  const app = await createApp(config, { onQuery: (sql) => log?.push(sql) });
  const server = app.express.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const client = new SequentialClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const results: AuditResult[] = [];
  try {
    for (const request of input.requests) {
      await client.send(request.warm);
      // What the request log holds is written now, not by its timer in the middle of the counted
      // request: those batched INSERTs are every request's, not this one's.
      await app.services.requestLog.flush();
      log = [];
      const response = await client.send(request.counted);
      results.push({
        id: request.id,
        status: response.status,
        statements: log.length,
        sql: log.map(shortSql),
      });
      log = null;
    }
  } finally {
    client.close();
    server.close();
    server.closeAllConnections();
    await app.close();
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
