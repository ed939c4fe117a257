import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { Connection } from 'mysql2/promise';

/**
 * The cluster the `test:cluster` suite runs against: 3 Galera nodes (scripts/galera-up.sh), 3 service
 * instances from the built entry point (dist/src/main.js, no NODE_ENV), each on its own node
 * (multi-primary), sharing one Redis, and HAProxy balancing them round-robin with /readyz checks.
 * global-setup.ts starts it and writes this state file; test files read it; global-teardown stops it.
 */
export const ROOT = join(__dirname, '..', '..', '..');
export const WORK_DIR = process.env.CLUSTER_TEST_DIR ?? '/tmp/identity-cluster-test';
const STATE_FILE = join(WORK_DIR, 'state.json');
export const DATABASE = 'identity_cluster';
export const REDIS_URL = 'redis://127.0.0.1:6379/6';
const GALERA_BASE_PORT = 3310;
const INSTANCE_BASE_PORT = 4710;
const BALANCER_PORT = 4700;

export interface ClusterState {
  readonly balancerUrl: string;
  readonly adminToken: string;
  readonly scimToken: string;
  /** Whether global-setup started Galera (and so global-teardown stops it). */
  readonly startedGalera: boolean;
  readonly instances: { readonly index: number; readonly port: number; pid: number }[];
  haproxyPid: number;
}

export const nodePort = (node: number): number => GALERA_BASE_PORT + node;
export const instanceUrl = (index: number): string => `http://127.0.0.1:${INSTANCE_BASE_PORT + index}`;
const haproxySocket = join(WORK_DIR, 'haproxy.sock');

export function readState(): ClusterState {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as ClusterState;
}

export function writeState(state: ClusterState): void {
  writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
}

export const tokenSecret = (): string => `idt_${randomBytes(24).toString('base64url')}`;

export function galera(args: readonly string[]): string {
  return execFileSync(
    join(ROOT, 'scripts', args[0] === 'down' ? 'galera-down.sh' : 'galera-up.sh'),
    args.slice(1),
    {
      encoding: 'utf8',
      timeout: 240_000,
    },
  );
}

export function galeraIsUp(node: number): boolean {
  try {
    execFileSync('mysqladmin', ['--host=127.0.0.1', `--port=${nodePort(node)}`, '--user=root', 'ping'], {
      stdio: 'ignore',
    });
    return true;
  } catch {
    return false;
  }
}

export async function sqlOn(node: number, database: string | null = DATABASE): Promise<Connection> {
  return createConnection({
    host: '127.0.0.1',
    port: nodePort(node),
    user: 'root',
    database: database ?? undefined,
  });
}

/** The process id of the mariadbd serving Galera node `node` (its command line names its my.cnf). */
export function galeraPid(node: number): number {
  const config = `/node${node}/my.cnf`;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (command.includes('mariadbd') && command.includes(config)) return Number(entry);
    } catch {
      // exited meanwhile
    }
  }
  throw new Error(`no mariadbd for galera node ${node}`);
}

/** Service instance `index` (1..3) on Galera node `index`, detached, its output in WORK_DIR. */
export function startInstance(index: number, tokens: { adminToken: string; scimToken: string }): number {
  const log = openSync(join(WORK_DIR, `instance${index}.log`), 'a');
  const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
    cwd: WORK_DIR,
    detached: true,
    stdio: ['ignore', log, log],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      PORT: String(INSTANCE_BASE_PORT + index),
      HOST: '127.0.0.1',
      DATABASE_URL: `mariadb://root@127.0.0.1:${nodePort(index)}/${DATABASE}`,
      REDIS_URL,
      BOOTSTRAP_ADMIN_TOKEN: tokens.adminToken,
      BOOTSTRAP_SCIM_TOKEN: tokens.scimToken,
      // Load tests send thousands of requests with one token; HAProxy is every client's address.
      RATE_LIMIT_PER_MINUTE: '0',
      AUTH_FAILURE_LIMIT_PER_MINUTE: '0',
      LOG_LEVEL: 'warn',
    },
  });
  child.unref();
  return child.pid as number;
}

export async function waitUntil(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export const isReady = async (url: string): Promise<boolean> =>
  (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) })).status === 200;

export function startHaproxy(): number {
  const config = join(WORK_DIR, 'haproxy.cfg');
  const pidFile = join(WORK_DIR, 'haproxy.pid');
  const servers = [1, 2, 3]
    .map((i) => `  server instance${i} 127.0.0.1:${INSTANCE_BASE_PORT + i} check`)
    .join('\n');
  writeFileSync(
    config,
    `global
  maxconn 4000
  stats socket ${haproxySocket} mode 600 level admin
defaults
  mode http
  timeout connect 2s
  timeout client 120s
  timeout server 120s
  # Only a request that never reached an instance is sent again: a retried write must not run twice.
  retries 3
  option redispatch
  retry-on conn-failure
frontend scim
  bind 127.0.0.1:${BALANCER_PORT}
  default_backend instances
backend instances
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter 300ms fall 2 rise 2
${servers}
`,
  );
  execFileSync('/usr/sbin/haproxy', ['-f', config, '-D', '-p', pidFile]);
  return Number(readFileSync(pidFile, 'utf8').trim());
}

/** HAProxy's view of each instance: `UP`, `DOWN`, … (from its runtime API). */
export function balancerStatus(): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    const socket = connect(haproxySocket);
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('error', reject);
    socket.on('end', () => {
      const [header, ...rows] = text.trim().split('\n');
      const columns = header.replace(/^# /, '').split(',');
      const status: Record<string, string> = {};
      for (const row of rows) {
        const cells = row.split(',');
        const name = cells[columns.indexOf('svname')];
        if (name?.startsWith('instance')) status[name] = cells[columns.indexOf('status')];
      }
      resolve(status);
    });
    socket.end('show stat\n');
  });
}

export function ensureWorkDir(): void {
  if (!existsSync(WORK_DIR)) mkdirSync(WORK_DIR, { recursive: true });
}

export function kill(pid: number, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
