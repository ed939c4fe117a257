import 'reflect-metadata';
import { runCli } from './run-cli';

/** Operator commands over the same DATABASE_URL as the service. Output on stdout, errors on stderr. */
void runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (text) => process.stderr.write(text),
}).then((code) => process.exit(code));
