import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitCode, freePort, runTs, spawnTs, waitForOutput } from '../../fixtures/spawn-node';

export interface ConsoleService {
  readonly url: string;
  readonly adminToken: string;
  /** What the service wrote to stdout and stderr after its start-up banner (checked for secrets). */
  output(): string;
  /** Runs the operator CLI (`npm run cli -- …`, built) on the service's database; its last stdout line. */
  cli(args: readonly string[]): Promise<string>;
  stop(): Promise<void>;
}

const BANNER_END = /SCIM Base URL:.*\n(?:.*\n)*\n/;

/** The built service (dist/src/main.js) on a free port and a new SQLite file, as `npm start` runs it. */
export async function startConsoleService(): Promise<ConsoleService> {
  const dir = mkdtempSync(join(tmpdir(), 'identity-e2e-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const databaseUrl = `sqlite:${join(dir, 'identity.sqlite')}`;
  const child: ChildProcess = spawnTs('src/main.ts', [], {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
  });
  const banner = await waitForOutput(child, BANNER_END, 60_000);
  // The banner prints the first-start tokens by design; everything after it must not hold a secret.
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const adminToken = /Admin token \(identity:admin\): (\S+)/.exec(banner)?.[1];
  if (!adminToken) throw new Error(`no admin token in the start-up banner:\n${banner}`);
  return {
    url,
    adminToken,
    output: () => output,
    cli: async (args) => {
      const result = await runTs('src/cli/main.ts', args, { DATABASE_URL: databaseUrl });
      if (result.code !== 0) throw new Error(`cli ${args.join(' ')} failed:\n${result.stderr}`);
      return result.stdout.trim().split('\n').pop()!;
    },
    stop: async () => {
      child.kill('SIGTERM');
      await exitCode(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
