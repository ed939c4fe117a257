import type { Request, RequestHandler, Response } from 'express';
import type { RequestOutcome } from '../domain/connections/connection-health';
import type { RehearsedChange } from '../domain/connections/rehearsed-change';
import { keptChanges } from '../domain/connections/rehearsed-change';
import type { ConnectionRequestEntry } from '../domain/connections/request-log';
import { keepSentBody, redactQuery, redactValue, truncateBody } from '../domain/connections/request-log';
import { uuidV7 } from '../domain/shared/uuid-v7';
import { REFUSED_SCIM } from '../scim/routing';

/** What the SCIM router leaves on `res.locals.scim` once it authenticated the caller. */
interface AuthenticatedScim {
  readonly caller?: AttributedCaller;
  readonly notes?: readonly string[];
  readonly auditEventIds?: readonly string[];
  readonly created?: { readonly users: number; readonly groups: number };
}

/** The SCIM caller (ScimCaller) as far as attribution needs it. */
export interface AttributedCaller {
  readonly organizationId: string;
  readonly connectionId?: string;
  /** The connection is in DRY_RUN: the request's writes were rolled back (src/http/dry-run.ts). */
  readonly dryRun?: boolean;
}

export interface ConnectionActivityOptions {
  /**
   * Where one answered request of a connection goes: in the service, the health counters (in
   * memory; they flush in batches) and the request log queue (written in batches by a timer); in
   * the standalone facade, a report to the subgraph made with the caller's own credential.
   */
  readonly sink: (caller: AttributedCaller, outcome: RequestOutcome, entry: ConnectionRequestEntry) => void;
  readonly maxBodyBytes: number;
  readonly clock: () => Date;
}

/** A body as `res.send` got it (Buffer.toString and String.toString both give the text). */
type SentBody = string | Buffer;

const sentBodyOf = (res: Response) => res.locals.sentBody as SentBody | undefined;

const RESOURCE_PATH = /^\/(Users|Groups)\/([^/?]+)/i;
const FIRST_ID = /"id"\s*:\s*"([^"\\]{1,64})"/;

/**
 * Attributes each answered SCIM request to the connection of its token: its outcome goes to the
 * health counters and an entry (redacted, truncated bodies) to the request log queue. Nothing here
 * waits or writes: it runs on `finish`, after the answer went out. A paused connection's 403 is
 * attributed to it (its token is known and valid, so the admin sees the IdP still calling); a 401
 * (unknown, revoked or expired credential) belongs to no connection the service can trust.
 */
export function connectionActivity(options: ConnectionActivityOptions): RequestHandler {
  return (req, res, next) => {
    const at = options.clock();
    const started = process.hrtime.bigint();
    const send = res.send.bind(res);
    res.send = (body?: unknown) => {
      // SCIM answers are sent as a Buffer (to keep Express from adding a charset), errors too. It is
      // kept as sent: only a connection's request needs it as text, and only its first
      // REQUEST_LOG_MAX_BODY_BYTES (a list answer is much longer).
      if (typeof body === 'string' || Buffer.isBuffer(body)) res.locals.sentBody = body;
      return send(body);
    };
    res.on('finish', () => {
      // A paused connection's 403 is its own request too (REFUSED_SCIM); an unknown token's 401 is no one's.
      const scim = (res.locals.scim ?? res.locals[REFUSED_SCIM]) as AuthenticatedScim | undefined;
      const caller = scim?.caller;
      if (!caller?.connectionId) return;
      const status = res.statusCode;
      const outcome: RequestOutcome = {
        organizationId: caller.organizationId,
        connectionId: caller.connectionId,
        at: options.clock(),
        status,
        detail: status >= 400 ? errorDetail(res) : undefined,
        // A dry-run create made nothing: it is a request of the connection, not a user or group it made.
        created: caller.dryRun ? undefined : scim?.created,
        quirks: scim?.notes,
      };
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      const entry = entryOf(req, res, scim!, caller, {
        at,
        durationMs,
        maxBodyBytes: options.maxBodyBytes,
      });
      options.sink(caller, outcome, entry);
    });
    next();
  };
}

function entryOf(
  req: Request,
  res: Response,
  scim: AuthenticatedScim,
  caller: AttributedCaller,
  meta: { at: Date; durationMs: number; maxBodyBytes: number },
): ConnectionRequestEntry {
  const sent = sentBodyOf(res);
  const hasBody =
    req.body !== undefined && !(typeof req.body === 'object' && Object.keys(req.body ?? {}).length === 0);
  return {
    id: uuidV7(meta.at.getTime()),
    organizationId: caller.organizationId,
    connectionId: caller.connectionId as string,
    requestId: String(res.locals.requestId ?? ''),
    at: meta.at,
    method: req.method,
    path: redactQuery(req.originalUrl).slice(0, 4096),
    status: res.statusCode,
    durationMs: Math.round(meta.durationMs),
    dryRun: caller.dryRun === true,
    quirks: [...(scim.notes ?? [])],
    resourceIds: resourceIdsOf(req, sent),
    // A dry run's audit events were rolled back with everything else: `changes` stands for them.
    auditEventIds: caller.dryRun ? [] : [...(scim.auditEventIds ?? [])],
    requestBody: hasBody ? truncateBody(JSON.stringify(redactValue(req.body)), meta.maxBodyBytes) : null,
    responseBody: sent && sent.length > 0 ? keepSentBody(sent, meta.maxBodyBytes) : null,
    changes: caller.dryRun
      ? keptChanges((res.locals.rehearsedChanges as RehearsedChange[] | undefined) ?? [], meta.maxBodyBytes)
      : null,
  };
}

/** The resource in the path, or the one a create answered with. */
function resourceIdsOf(req: Request, sent: SentBody | undefined): string[] {
  const inPath = RESOURCE_PATH.exec(req.path);
  if (inPath && inPath[2].toLowerCase() !== '.search') return [safeDecode(inPath[2])];
  if (req.method === 'POST' && sent && sent.length > 0 && createdKind(req.path)) {
    const id = FIRST_ID.exec(sent.toString())?.[1];
    if (id) return [id];
  }
  return [];
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function createdKind(path: string): 'User' | 'Group' | undefined {
  if (/^\/Users\/?$/i.test(path)) return 'User';
  if (/^\/Groups\/?$/i.test(path)) return 'Group';
  return undefined;
}

/** The detail of a SCIM 2.0 Error (`detail`) or 1.1 error (`Errors[0].description`). */
function errorDetail(res: Response): string {
  const body = sentBodyOf(res);
  if (!body || body.length === 0) return '';
  try {
    const parsed = JSON.parse(body.toString()) as { detail?: unknown; Errors?: { description?: unknown }[] };
    const detail = parsed.detail ?? parsed.Errors?.[0]?.description;
    return typeof detail === 'string' ? detail : '';
  } catch {
    return '';
  }
}
