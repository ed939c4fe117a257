import type { AuditEventRecord } from '../audit/audit-event';
import { redactValue } from './request-log';

/**
 * One would-be change of a dry-run request, as its request-log entry keeps it: which resource, what
 * happened to it, and the values before and after — only the attributes that changed (the whole
 * resource for a create or a delete). Never a secret: `password` may be named in
 * `changedAttributes`, its value never appears (the events it is built from carry none, and every
 * value is redacted again here).
 */
export interface RehearsedChange {
  /** `User`, `Group`, `ApiToken` (a user's personal tokens revoked with the user) … */
  readonly resourceType: string;
  readonly resourceId: string;
  /** The change event's type (`user.created`, `group.members_added` …), or the audit action. */
  readonly action: string;
  readonly changedAttributes: readonly string[];
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>> | null;
}

type Data = Readonly<Record<string, unknown>>;

/** What a request-log entry keeps of a dry run's changes: those that fit, and how many did not. */
export interface KeptChanges {
  readonly items: readonly RehearsedChange[];
  readonly omitted: number;
}

/** Room left for the envelope (`{"items":[…],"omitted":n}`) around the changes. */
const ENVELOPE_BYTES = 64;

/**
 * At most `maxBytes` of JSON (REQUEST_LOG_MAX_BODY_BYTES, like each body), in order: a change with
 * its values when they fit, else without them (`before`/`after` null); once not even that fits, the
 * rest are only counted. A large dry-run Bulk thus never makes its log entry too large to store.
 */
export function keptChanges(changes: readonly RehearsedChange[], maxBytes: number): KeptChanges {
  let budget = maxBytes - ENVELOPE_BYTES;
  const items: RehearsedChange[] = [];
  for (const change of changes) {
    const bare = { ...change, before: null, after: null };
    const chosen = [change, bare].find((c) => Buffer.byteLength(JSON.stringify(c), 'utf8') + 1 <= budget);
    if (!chosen) return { items, omitted: changes.length - items.length };
    budget -= Buffer.byteLength(JSON.stringify(chosen), 'utf8') + 1;
    items.push(chosen);
  }
  return { items, omitted: 0 };
}

/** Bookkeeping every write changes; listing it would hide what the IdP actually changed. */
const BOOKKEEPING = new Set(['id', 'organizationId', 'version', 'createdAt', 'updatedAt']);

/**
 * The would-be changes of a rehearsed request, from the audit rows its writes produced before the
 * rollback (each change writes its audit row and change event in its own transaction, so these are
 * exactly the changes a committing request would have made, in order).
 */
export function rehearsedChanges(records: readonly AuditEventRecord[]): RehearsedChange[] {
  return records.map((record) => {
    const change = changeOf(record);
    return {
      ...change,
      before: change.before && redacted(change.before),
      after: change.after && redacted(change.after),
    };
  });
}

function changeOf(record: AuditEventRecord): RehearsedChange {
  const base = { resourceType: record.targetType, resourceId: record.targetId };
  const event = record.event;
  if (!event) {
    const after = record.changes;
    return { ...base, action: record.action, changedAttributes: Object.keys(after), before: null, after };
  }
  const data = event.data;
  const resource = (data.user ?? data.group ?? data.token ?? data.connection ?? {}) as Data;
  const action = event.type;
  if (Array.isArray(data.memberIds)) {
    const members = { members: data.memberIds };
    const added = action === 'group.members_added';
    return {
      ...base,
      action,
      changedAttributes: ['members'],
      before: added ? null : members,
      after: added ? members : null,
    };
  }
  if (Array.isArray(data.changedAttributes)) {
    const changed = data.changedAttributes as string[];
    return {
      ...base,
      action,
      changedAttributes: changed,
      before: (data.previous as Data | undefined) ?? {},
      after: pick(resource, changed),
    };
  }
  if (action.endsWith('.created')) {
    const after = meaningful(resource);
    return { ...base, action, changedAttributes: Object.keys(after), before: null, after };
  }
  if (action.endsWith('.deleted'))
    return { ...base, action, changedAttributes: [], before: meaningful(resource), after: null };
  if (action === 'token.revoked')
    return {
      ...base,
      action,
      changedAttributes: ['revokedAt'],
      before: { revokedAt: null },
      after: { revokedAt: resource.revokedAt ?? null },
    };
  return { ...base, action, changedAttributes: [], before: null, after: meaningful(resource) };
}

const pick = (resource: Data, names: readonly string[]): Data =>
  Object.fromEntries(names.filter((n) => n !== 'password').map((n) => [n, resource[n] ?? null]));

/** The resource without bookkeeping and without empty values: what a create actually set. */
const meaningful = (resource: Data): Data =>
  compact(Object.fromEntries(Object.entries(resource).filter(([name]) => !BOOKKEEPING.has(name))));

function compact(object: Data): Data {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(object)) {
    const kept = isObject(value) ? compact(value) : value;
    const empty =
      kept === null ||
      kept === undefined ||
      (Array.isArray(kept) && kept.length === 0) ||
      (isObject(kept) && Object.keys(kept).length === 0);
    if (!empty) out[name] = kept;
  }
  return out;
}

const isObject = (value: unknown): value is Data =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);

/**
 * Secret-looking values redacted as the request log redacts bodies; `hasPassword` (a boolean saying
 * whether there is one, never the value) is kept.
 */
function redacted(values: Data): Data {
  const { hasPassword, ...rest } = plain(values) as Record<string, unknown>;
  const out = redactValue(rest) as Record<string, unknown>;
  return typeof hasPassword === 'boolean' ? { ...out, hasPassword } : out;
}

/** Dates as ISO strings, as the stored JSON and the GraphQL answer carry them. */
const plain = (value: Data): unknown => JSON.parse(JSON.stringify(value)) as unknown;
