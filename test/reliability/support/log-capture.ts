import { Writable } from 'node:stream';
import type { Logger } from '../../../src/http/logger';
import { createLogger } from '../../../src/http/logger';

/**
 * Every log line the apps and processes of one test file write, and every secret the file handled
 * (tokens, passwords, JWTs). `no-secrets-in-logs.ts` checks one against the other after the file.
 * One instance per test file: jest gives each file its own module registry.
 */
class LogCapture {
  readonly lines: string[] = [];
  readonly secrets = new Set<string>();

  /** A logger at `debug` (more lines than production writes) whose output lands in `lines`. */
  logger(level = 'debug'): Logger {
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        this.lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    return createLogger(level, sink);
  }

  /** Output of a spawned service process (its log lines and anything else it prints). */
  output(text: string): void {
    this.lines.push(...text.split('\n').filter(Boolean));
  }

  secret(...values: readonly (string | undefined)[]): void {
    for (const value of values) if (value && value.length >= 8) this.secrets.add(value);
  }
}

export const logCapture = new LogCapture();
