import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { openSync, readFileSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A server the benchmark started as a child process, listening on 127.0.0.1. */
export interface Server {
  readonly name: string;
  readonly url: string;
  readonly process: ChildProcess;
  readonly logFile: string;
  readonly memory: MemorySampler;
  stop(): Promise<void>;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });

/** Reads the child's resident set (VmRSS) and its peak (VmHWM) from /proc, in MB. */
export function readMemory(pid: number): { rssMb: number; peakMb: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return null;
  }
}

/**
 * A process's user + system CPU time so far, in ms, from /proc/<pid>/stat (clock ticks of 1/100 s).
 * Unlike any latency, it does not depend on how busy the machine is.
 */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Samples a process's memory every 250 ms and remembers labelled points (after seeding, after S1…). */
export class MemorySampler {
  peakMb = 0;
  readonly marks: { label: string; rssMb: number; peakMb: number }[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 250);
    this.timer.unref();
  }

  /** RSS samples collected since `collect()`, while a caller wants them. */
  private collected: number[] | null = null;

  sample(): { rssMb: number; peakMb: number } | null {
    const memory = readMemory(this.pid);
    if (memory) this.peakMb = Math.max(this.peakMb, memory.peakMb, memory.rssMb);
    if (memory && this.collected) this.collected.push(memory.rssMb);
    return memory;
  }

  /** Starts keeping every RSS sample (every 250 ms) until `collected()` hands them over. */
  collect(): void {
    this.collected = [];
  }

  collectedSamples(): number[] {
    const samples = this.collected ?? [];
    this.collected = null;
    return samples;
  }

  mark(label: string): void {
    const memory = this.sample();
    if (memory) this.marks.push({ label, rssMb: round(memory.rssMb), peakMb: round(memory.peakMb) });
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

const round = (n: number) => Math.round(n * 10) / 10;

async function waitReady(url: string, child: ChildProcess, logFile: string, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) break;
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const log = readFileSync(logFile, 'utf8').slice(-3000);
  throw new Error(`${url} did not become ready (exit code ${child.exitCode}). Its log:\n${log}`);
}

export interface StartOptions {
  readonly name: string;
  readonly nodeArgs: readonly string[];
  readonly env: Record<string, string>;
  readonly port: number;
}

/** The service's environment in the single-purpose bench tools: as `npm run bench` runs it. */
export function serviceEnv(
  port: number,
  databaseUrl: string,
  tokens: { scim: string; admin: string },
): Record<string, string> {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'info',
    BOOTSTRAP_SCIM_TOKEN: tokens.scim,
    BOOTSTRAP_ADMIN_TOKEN: tokens.admin,
    NODE_ENV: 'production',
    // The limiter stays in the request path but never refuses the load.
    RATE_LIMIT_PER_MINUTE: '10000000',
  };
}

/** Starts `node <nodeArgs>` with the given environment, its output in a temporary log file. */
export async function startServer(options: StartOptions): Promise<Server> {
  const logFile = join(tmpdir(), `identity-bench-${options.name}-${process.pid}.log`);
  const fd = openSync(logFile, 'w');
  const child = spawn(process.execPath, [...options.nodeArgs], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  const url = `http://127.0.0.1:${options.port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    memory.stop();
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(killer);
  };
  const memory = new MemorySampler(child.pid ?? 0);
  try {
    await waitReady(url, child, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { name: options.name, url, process: child, logFile, memory, stop };
}
