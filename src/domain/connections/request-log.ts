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

export interface ConnectionRequestFilter {
  readonly status?: number | null;
  readonly method?: string | null;
  readonly resourceId?: string | null;
  /** Inclusive. */
  readonly since?: Date | null;
  /** Exclusive. */
  readonly until?: Date | null;
}

const SECRET_KEY = /password|secret|token|authorization|credential/i;
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

const SECRET_MEMBER =
  /"([^"\\]*(?:password|secret|token|authorization|credential)[^"\\]*)"\s*:\s*("(?:[^"\\]|\\.)*"|[^,}\]]+)/gi;

/** Redacts secret-looking members of JSON text without parsing it (responses may be large). */
export const redactJsonText = (text: string): string => text.replace(SECRET_MEMBER, `"$1":"${REDACTED}"`);

const SECRET_PARAM = /([?&][^=&#]*(?:password|secret|token|authorization|credential)[^=&#]*=)[^&#]*/gi;

export const redactQuery = (path: string): string => path.replace(SECRET_PARAM, `$1${REDACTED}`);

/** At most `maxBytes` of UTF-8, with a marker saying how much was cut. */
export function truncateBody(text: string, maxBytes: number): string {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxBytes) return text;
  const kept = Buffer.from(text, 'utf8')
    .subarray(0, maxBytes)
    .toString('utf8')
    .replace(/\uFFFD$/, '');
  return `${kept}…[truncated ${bytes - Buffer.byteLength(kept, 'utf8')} bytes]`;
}
