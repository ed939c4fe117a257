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

/**
 * Without a destination, lines go to stdout asynchronously: a write in flight collects the lines
 * logged meanwhile into the next one, instead of a blocking write per line on the request path. pino
 * flushes what is left synchronously when the process exits.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

export type { Logger };
