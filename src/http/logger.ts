import pino from 'pino';
import type { Logger } from 'pino';

/**
 * Paths redacted from every log line. Secrets must never reach a log: the Authorization header,
 * cookies, and any field named like a password, secret or token, at any of the depths we log.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'authorization',
  'password',
  'secret',
  'token',
  '*.authorization',
  '*.password',
  '*.secret',
  '*.token',
  '*.*.password',
  '*.*.secret',
];

/** How long a log line may wait in the buffer before it is written. */
const FLUSH_EVERY_MS = 500;

/**
 * Without a destination, lines go to stdout through a buffer written asynchronously once it holds
 * 8 KiB or every half second, instead of a blocking write per line on the request path. pino
 * flushes what is left synchronously when the process exits (also on a crash).
 */
function bufferedStdout(): pino.DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, minLength: 8_192 });
  setInterval(() => stream.flush(), FLUSH_EVERY_MS).unref();
  return stream;
}

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? bufferedStdout(),
  );
}

export type { Logger };
