import { ConfigError, loadConfig } from '../config';
import { createServices } from '../domain/services';
import { systemClock } from '../domain/shared/clock';
import type { Store } from '../domain/store';
import { ScryptPasswordHasher } from '../domain/users/password-hasher';
import { isDomainError } from '../errors';
import { createLogger } from '../http/logger';
import { createStore } from '../persistence/typeorm-store';
import { runCommand, USAGE } from './commands';
import { UsageError, parseArgs } from './parse-args';

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (text: string) => void;
  /** Defaults to the process environment (read by config.ts). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Runs one operator command; returns the exit code (0 ok, 1 failure, 2 usage error). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let store: Store | undefined;
  try {
    const args = parseArgs(argv);
    const config = loadConfig(io.env);
    // Logs go to stderr so stdout carries only the command's output (scripts read its last line).
    store = await createStore({
      databaseUrl: config.databaseUrl,
      logger: createLogger('warn', process.stderr),
      connectRetrySeconds: config.dbConnectRetrySeconds,
    });
    const services = createServices(
      store,
      new ScryptPasswordHasher(config.passwordHashConcurrency),
      systemClock,
      {
        publicUrl: config.publicUrl,
      },
    );
    await runCommand(services, args, io.out);
    return 0;
  } catch (error) {
    io.err(`${messageOf(error)}\n`);
    return error instanceof UsageError ? 2 : 1;
  } finally {
    await store?.close();
  }
}

function messageOf(error: unknown): string {
  if (error instanceof UsageError) return `${error.message}\n\n${USAGE}`;
  if (error instanceof ConfigError || isDomainError(error)) return `error: ${error.message}`;
  return `error: ${error instanceof Error ? error.message : String(error)}`;
}
