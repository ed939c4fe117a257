import type { ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { exitCode, freePort, spawnCommand, waitForOutput } from '../../fixtures/spawn-node';
import { countRows } from './consistency';
import { logCapture } from './log-capture';
import { BULK_REQUEST, SCIM_USER } from './reliable-app';
import type { HttpAnswer, Tokens } from './service-process';
import { httpJson } from './service-process';

/**
 * How an operator may start the service. Each runs the tsc-built entry point without NODE_ENV;
 * `signalled` is the process an orchestrator would signal (npm, the init, or node itself as PID 1).
 */
export type LaunchMode = 'node' | 'npm start' | 'PID 1' | 'tini' | 'dumb-init';

export const LAUNCH_MODES: readonly LaunchMode[] = ['node', 'npm start', 'PID 1', 'tini', 'dumb-init'];

const NODE = process.execPath;

function command(mode: LaunchMode, entry: string): [string, string[]] {
  switch (mode) {
    case 'node':
      return [NODE, [entry]];
    case 'npm start':
      return ['npm', ['run', '--silent', entry.includes('scim-main') ? 'start:scim' : 'start']];
    case 'PID 1':
      // A new PID namespace: node is its PID 1, the kernel's init rules apply (as in a container).
      return ['unshare', ['--pid', '--fork', '--mount-proc', NODE, entry]];
    case 'tini':
      return ['tini', ['--', NODE, entry]];
    case 'dumb-init':
      return ['dumb-init', [NODE, entry]];
  }
}

export interface Launched {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  /** The process an operator (or an orchestrator) sends signals to in this launch mode. */
  signal(signal: NodeJS.Signals): void;
  /** Resolves with the launched command's exit code. */
  readonly exited: Promise<number | null>;
  output(): string;
}

/** Starts `entry` (dist/src/main.js or dist/src/scim-main.js) in `mode`; resolves once its banner is printed. */
export async function launch(
  mode: LaunchMode,
  env: Record<string, string>,
  entry = 'dist/src/main.js',
): Promise<Launched> {
  const port = await freePort();
  const [file, args] = command(mode, entry);
  const child = spawnCommand(file, args, {
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...env,
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    logCapture.output(chunk.toString());
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = exitCode(child);
  await waitForOutput(child, /SCIM Base URL/, 60_000);
  const target = mode === 'PID 1' ? namespaceInit(child.pid!) : child.pid!;
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    signal: (signal) => process.kill(target, signal),
    exited,
    output: () => output,
  };
}

/** The host PID of the process unshare forked into the new namespace (its PID 1 there). */
function namespaceInit(unsharePid: number): number {
  const children = readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').trim();
  const pid = Number(children.split(/\s+/)[0]);
  const nsPid = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^NSpid:\s+\d+\s+(\d+)/m)?.[1];
  if (nsPid !== '1') throw new Error(`expected PID 1 in the new namespace, got ${nsPid}`);
  return pid;
}

/** Fails with what to install when an init a launch mode needs is missing (never skips). */
export function requireCommands(...names: string[]): void {
  for (const name of names) {
    try {
      execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    } catch {
      throw new Error(`${name} is not installed: apt-get install ${name} (the launch-mode tests need it)`);
    }
  }
}

/** A 30-operation SCIM Bulk; every user has a password, so scrypt makes it last a few seconds. */
export function bulkOf(prefix: string, count = 30) {
  return {
    schemas: [BULK_REQUEST],
    operations: Array.from({ length: count }, (_, i) => ({
      method: 'POST',
      path: '/Users',
      bulkId: `${prefix}${i}`,
      data: {
        schemas: [SCIM_USER],
        userName: `${prefix}-${i}@example.com`,
        emails: [{ value: `${prefix}-${i}@example.com`, type: 'work', primary: true }],
        password: `${prefix}-password-${i}-long`,
      },
    })),
  };
}

/** Sends the Bulk; settles with its answer or the socket error. */
export function sendBulk(
  baseUrl: string,
  tokens: Tokens,
  body: unknown,
): Promise<{ answer?: HttpAnswer; error?: Error }> {
  return httpJson(`${baseUrl}/scim/v2/Bulk`, {
    method: 'POST',
    token: tokens.scimToken,
    body,
    timeoutMs: 120_000,
  }).then(
    (answer) => ({ answer }),
    (error: Error) => ({ error }),
  );
}

/** Waits until at least `atLeast` users named `prefix-…` are committed: the Bulk is surely running. */
export async function usersCommitted(databaseUrl: string, prefix: string, atLeast: number): Promise<number> {
  for (let i = 0; i < 1_500; i++) {
    const count = await usersNamed(databaseUrl, prefix);
    if (count >= atLeast) return count;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`fewer than ${atLeast} ${prefix} users after 30 s`);
}

export const usersNamed = (databaseUrl: string, prefix: string): Promise<number> =>
  countRows(databaseUrl, `SELECT COUNT(*) FROM users WHERE user_name LIKE '${prefix}-%'`);
