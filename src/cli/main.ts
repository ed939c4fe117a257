import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { createServices } from '../domain/services';
import { systemClock } from '../domain/shared/clock';
import { ScryptPasswordHasher } from '../domain/users/password-hasher';
import { isDomainError } from '../errors';
import { createLogger } from '../http/logger';
import { createStore } from '../persistence/typeorm-store';
import { runCommand, USAGE } from './commands';
import { UsageError, parseArgs } from './parse-args';

/** Operator commands over the same DATABASE_URL as the service. Output on stdout, errors on stderr. */
async function main(argv: readonly string[]): Promise<number> {
  let store;
  try {
    const args = parseArgs(argv);
    const config = loadConfig();
    // Logs go to stderr so stdout carries only the command's output (scripts read its last line).
    store = await createStore({
      databaseUrl: config.databaseUrl,
      logger: createLogger('warn', process.stderr),
    });
    await runCommand(createServices(store, new ScryptPasswordHasher(), systemClock), args, (line) =>
      process.stdout.write(`${line}\n`),
    );
    return 0;
  } catch (error) {
    process.stderr.write(`${messageOf(error)}\n`);
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

void main(process.argv.slice(2)).then((code) => process.exit(code));
