import { isUtf8 } from 'node:buffer';
import type { KeptChanges } from './rehearsed-change';

/** One SCIM request of a connection, as the request log keeps it. */
export interface ConnectionRequestRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly connectionId: string;
  /** The request id (X-Request-Id): on the access log line and on the audit events it caused. */
  readonly requestId: string;
  readonly at: Date;
  readonly method: string;
  /** Path and query, with secret-looking query parameters redacted. */
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  readonly dryRun: boolean;
  /** IdP quirks tolerated and attributes ignored (`entra:string-boolean` …). */
  readonly quirks: readonly string[];
  readonly resourceIds: readonly string[];
  readonly auditEventIds: readonly string[];
  /** Redacted (passwords, tokens, secrets) and truncated to REQUEST_LOG_MAX_BODY_BYTES. */
  readonly requestBody: string | null;
  readonly responseBody: string | null;
  /** A dry-run request's would-be changes, in order; null (or absent) when the request committed. */
  readonly changes?: KeptChanges | null;
}

/**
 * The UTF-8 bytes of an answer kept as it was sent (see `keepSentBody`), which the request log writes
 * as they are. They are held as a one-byte string of the same bytes (their Latin-1 reading), not as a
 * Buffer: a Buffer's bytes live outside V8's heap, which lets the collector leave up to 64 MB of
 * them behind before it looks (a queue of 16 kB list answers raised the service's RSS by 25 MB);
 * a string is counted with the rest of the heap. The Buffer is made when the entry is written.
 */
export class SentBytes {
  constructor(private readonly latin1: string) {}

  /** How many bytes. */
  get length(): number {
    return this.latin1.length;
  }

  toBuffer(): Buffer {
    return Buffer.from(this.latin1, 'latin1');
  }

  /** The text. */
  toString(): string {
    return this.toBuffer().toString('utf8');
  }
}

/** A kept body: text, or the bytes of an answer kept as they were sent. */
export type KeptBody = string | SentBytes;

/** A request as the request log queues it: its response body may still be the bytes that were sent. */
export interface ConnectionRequestEntry extends Omit<ConnectionRequestRecord, 'responseBody'> {
  readonly responseBody: KeptBody | null;
}

export interface ConnectionRequestFilter {
  readonly status?: number | null;
  readonly method?: string | null;
  readonly resourceId?: string | null;
  /** Inclusive. */
  readonly since?: Date | null;
  /** Exclusive. */
  readonly until?: Date | null;
}

/** What makes a name secret-looking (case-insensitive, anywhere in it): a member, a path, a parameter. */
const SECRET_WORD_LIST = ['password', 'secret', 'token', 'authorization', 'credential'];
const SECRET_WORD_ALTERNATIVES = SECRET_WORD_LIST.join('|');
const SECRET_KEY = new RegExp(SECRET_WORD_ALTERNATIVES, 'i');
const REDACTED = '[redacted]';

/** A request body with every secret-looking value replaced, including PATCH `value`s aimed at one. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (depth > 32 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const object = value as Record<string, unknown>;
  const secretPath = typeof object.path === 'string' && SECRET_KEY.test(object.path);
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(object)) {
    if (SECRET_KEY.test(key) || (secretPath && key === 'value')) out[key] = REDACTED;
    else out[key] = redactValue(v, depth + 1);
  }
  return out;
}

/**
 * A secret-looking member and its value: a string (one the text ends in before its closing quote,
 * as a body cut by `redactBody` may, counts as a whole string), or anything up to the next
 * delimiter.
 */
const SECRET_MEMBER = new RegExp(
  `"([^"\\\\]*(?:${SECRET_WORD_ALTERNATIVES})[^"\\\\]*)"\\s*:\\s*("(?:[^"\\\\]|\\\\.)*(?:"|\\\\?$)|[^,}\\]]+)`,
  'gi',
);

/**
 * The words SECRET_MEMBER looks for, one expression each: every match of SECRET_MEMBER contains one
 * of them, and a text without any (most answers: a list of groups, a user) is kept as it is. Each
 * alone is a plain scan, where SECRET_MEMBER backtracks through every quoted string of the text
 * (about 90 µs for the 16 kB a list answer keeps, against 20 µs for these five).
 */
const SECRET_WORDS = SECRET_WORD_LIST.map((word) => new RegExp(word, 'i'));

const hasSecretWord = (text: string): boolean => SECRET_WORDS.some((word) => word.test(text));

/** Redacts secret-looking members of JSON text without parsing it (responses may be large). */
export const redactJsonText = (text: string): string =>
  hasSecretWord(text) ? text.replace(SECRET_MEMBER, `"$1":"${REDACTED}"`) : text;

/**
 * A body as the request log keeps it: redacted, and at most `maxBytes` of UTF-8 with a marker saying
 * how much was cut. It is cut before it is redacted, so a 100 kB list answer costs a scan of the
 * 16 kB that are kept (and no copy of the rest); a secret's value cut in half by the limit is still
 * redacted whole (SECRET_MEMBER), and a text that redaction made longer than the limit is cut again.
 */
export function redactBody(body: string | Buffer, maxBytes: number): string {
  const bytes = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.length;
  if (bytes <= maxBytes) return truncateBody(redactJsonText(body.toString()), maxBytes);
  const head = utf8Prefix(typeof body === 'string' ? Buffer.from(body, 'utf8') : body, maxBytes);
  const redacted = redactJsonText(head);
  const kept =
    Buffer.byteLength(redacted, 'utf8') <= maxBytes ? redacted : utf8Prefix(Buffer.from(redacted), maxBytes);
  return `${kept}…[truncated ${bytes - Buffer.byteLength(head, 'utf8')} bytes]`;
}

/**
 * A body as sent, kept as `redactBody` keeps it — as bytes when its text would be the sent bytes
 * themselves (all of them, or the first ones and the marker): valid UTF-8 with no SECRET_WORDS in
 * the kept part. A list answer then costs one copy of what is kept (its Latin-1 reading, which the
 * secret-word check needs anyway), instead of a UTF-8 decode and a re-encode when it is written.
 * Anything else (a body with something to redact, text that is not UTF-8) is kept as `redactBody`
 * makes it.
 */
export function keepSentBody(body: string | Buffer, maxBytes: number): KeptBody {
  if (typeof body === 'string' || !isUtf8(body)) return redactBody(body, maxBytes);
  const kept = keptLength(body, maxBytes);
  // SECRET_WORDS only ever match ASCII letters (a case-insensitive RegExp without the `u` flag never
  // folds another character onto one), and in UTF-8 an ASCII byte is always that character: the
  // Latin-1 reading of the bytes has a secret word exactly when the text has.
  const bytes = body.toString('latin1', 0, kept);
  if (hasSecretWord(bytes)) return redactBody(body, maxBytes);
  if (kept === body.length) return new SentBytes(bytes);
  const marker = Buffer.from(`…[truncated ${body.length - kept} bytes]`, 'utf8').toString('latin1');
  return new SentBytes(bytes + marker);
}

/**
 * How many bytes of valid UTF-8 `redactBody` keeps as text: all when they fit; else the first
 * `maxBytes` without the character the cut split (whose start is the last byte before the cut that
 * is not a continuation byte) — or, when the cut split none, without a last U+FFFD, which
 * `utf8Prefix` drops whatever made it.
 */
function keptLength(bytes: Buffer, maxBytes: number): number {
  if (bytes.length <= maxBytes) return bytes.length;
  let start = maxBytes;
  while (start > 0 && (bytes[start]! & 0xc0) === 0x80) start--;
  if (start < maxBytes) return start;
  const endsInReplacement =
    maxBytes >= 3 &&
    bytes[maxBytes - 3] === 0xef &&
    bytes[maxBytes - 2] === 0xbf &&
    bytes[maxBytes - 1] === 0xbd;
  return endsInReplacement ? maxBytes - 3 : maxBytes;
}

/** The first `maxBytes` of UTF-8 as text, without a character the cut split in half. */
const utf8Prefix = (bytes: Buffer, maxBytes: number): string =>
  bytes.toString('utf8', 0, maxBytes).replace(/\uFFFD$/, '');

const SECRET_PARAM = new RegExp(`([?&][^=&#]*(?:${SECRET_WORD_ALTERNATIVES})[^=&#]*=)[^&#]*`, 'gi');

export const redactQuery = (path: string): string => path.replace(SECRET_PARAM, `$1${REDACTED}`);

/** At most `maxBytes` of UTF-8, with a marker saying how much was cut. */
export function truncateBody(text: string, maxBytes: number): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxBytes) return text;
  const kept = utf8Prefix(Buffer.from(text, 'utf8'), maxBytes);
  return `${kept}…[truncated ${bytes - Buffer.byteLength(kept, 'utf8')} bytes]`;
}
