/** Requests of a connection by outcome: 2xx/3xx, 4xx, 5xx. */
export interface RequestCounts {
  readonly ok: number;
  readonly clientError: number;
  readonly serverError: number;
}

/** What an admin reads on a connection to tell whether its IdP is provisioning. */
export interface ConnectionHealth {
  readonly lastRequestAt: Date | null;
  readonly lastSuccessAt: Date | null;
  readonly lastErrorAt: Date | null;
  readonly lastError: { readonly status: number; readonly detail: string } | null;
  readonly total: RequestCounts;
  /** The hourly buckets overlapping the last 24 hours (so up to 25 hours of traffic). */
  readonly last24h: RequestCounts;
  readonly usersCreated: number;
  readonly groupsCreated: number;
  /** Request log entries not written because the database could not keep up. */
  readonly logDropped: number;
  /** The IdP quirks its requests needed, most frequent first. */
  readonly quirksSeen: readonly QuirkSeen[];
}

export interface QuirkSeen {
  readonly name: string;
  readonly count: number;
  readonly lastSeenAt: Date;
}

/** One answered SCIM request of a connection, as the HTTP layer saw it. */
export interface RequestOutcome {
  readonly organizationId: string;
  readonly connectionId: string;
  readonly at: Date;
  readonly status: number;
  /** The error's detail, for 4xx and 5xx answers. */
  readonly detail?: string;
  /** Users and groups the request created (a POST, or every POST of a Bulk request). */
  readonly created?: { readonly users: number; readonly groups: number };
  /** Quirks tolerated and attributes ignored (the request's audit notes). */
  readonly quirks?: readonly string[];
}

interface MutableCounts {
  ok: number;
  clientError: number;
  serverError: number;
}

/** What a connection's counters gained since the last flush. */
export interface HealthDelta {
  readonly organizationId: string;
  readonly connectionId: string;
  readonly counts: MutableCounts;
  /** Counts per hour (the hour's start, epoch ms). */
  readonly hours: Map<number, MutableCounts>;
  usersCreated: number;
  groupsCreated: number;
  logDropped: number;
  readonly quirks: Map<string, { count: number; lastSeenAt: Date }>;
  lastRequestAt: Date | null;
  lastSuccessAt: Date | null;
  lastErrorAt: Date | null;
  lastError: { status: number; detail: string } | null;
}

export const HOUR_MS = 3_600_000;
export const MAX_DETAIL = 512;

export const noCounts = (): MutableCounts => ({ ok: 0, clientError: 0, serverError: 0 });

export const emptyHealth: ConnectionHealth = {
  lastRequestAt: null,
  lastSuccessAt: null,
  lastErrorAt: null,
  lastError: null,
  total: noCounts(),
  last24h: noCounts(),
  usersCreated: 0,
  groupsCreated: 0,
  logDropped: 0,
  quirksSeen: [],
};

function bump(counts: MutableCounts, status: number, by = 1): void {
  if (status >= 500) counts.serverError += by;
  else if (status >= 400) counts.clientError += by;
  else counts.ok += by;
}

const later = (a: Date | null, b: Date | null): Date | null => (!a ? b : !b ? a : b > a ? b : a);

export function newDelta(organizationId: string, connectionId: string): HealthDelta {
  return {
    organizationId,
    connectionId,
    counts: noCounts(),
    hours: new Map(),
    usersCreated: 0,
    groupsCreated: 0,
    logDropped: 0,
    quirks: new Map(),
    lastRequestAt: null,
    lastSuccessAt: null,
    lastErrorAt: null,
    lastError: null,
  };
}

/** Adds one request to a delta: a few increments, no I/O (this runs for every SCIM request). */
export function addOutcome(delta: HealthDelta, outcome: RequestOutcome): void {
  const { status, at } = outcome;
  bump(delta.counts, status);
  const hour = Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
  let bucket = delta.hours.get(hour);
  if (!bucket) delta.hours.set(hour, (bucket = noCounts()));
  bump(bucket, status);
  delta.lastRequestAt = later(delta.lastRequestAt, at);
  if (status < 400) delta.lastSuccessAt = later(delta.lastSuccessAt, at);
  else if (!delta.lastErrorAt || at >= delta.lastErrorAt) {
    delta.lastErrorAt = at;
    delta.lastError = { status, detail: (outcome.detail ?? '').slice(0, MAX_DETAIL) };
  }
  for (const name of outcome.quirks ?? []) addQuirk(delta, name.slice(0, 64), 1, at);
  delta.usersCreated += outcome.created?.users ?? 0;
  delta.groupsCreated += outcome.created?.groups ?? 0;
}

/** `into` plus `from` (a flush that failed is put back, merged with what arrived meanwhile). */
export function mergeDelta(into: HealthDelta, from: HealthDelta): void {
  for (const key of ['ok', 'clientError', 'serverError'] as const) into.counts[key] += from.counts[key];
  for (const [hour, counts] of from.hours) {
    const bucket = into.hours.get(hour) ?? noCounts();
    for (const key of ['ok', 'clientError', 'serverError'] as const) bucket[key] += counts[key];
    into.hours.set(hour, bucket);
  }
  into.usersCreated += from.usersCreated;
  into.groupsCreated += from.groupsCreated;
  into.logDropped += from.logDropped;
  for (const [name, q] of from.quirks) addQuirk(into, name, q.count, q.lastSeenAt);
  into.lastRequestAt = later(into.lastRequestAt, from.lastRequestAt);
  into.lastSuccessAt = later(into.lastSuccessAt, from.lastSuccessAt);
  if (from.lastErrorAt && (!into.lastErrorAt || from.lastErrorAt > into.lastErrorAt)) {
    into.lastErrorAt = from.lastErrorAt;
    into.lastError = from.lastError;
  }
}

/** Stored health plus what this instance has not flushed yet. */
export function withPending(
  stored: ConnectionHealth,
  pending: HealthDelta | undefined,
  since: number,
): ConnectionHealth {
  if (!pending) return stored;
  const add = (a: RequestCounts, b: RequestCounts): RequestCounts => ({
    ok: a.ok + b.ok,
    clientError: a.clientError + b.clientError,
    serverError: a.serverError + b.serverError,
  });
  const recent = noCounts();
  for (const [hour, counts] of pending.hours) if (hour >= since) Object.assign(recent, add(recent, counts));
  const newerError = pending.lastErrorAt && (!stored.lastErrorAt || pending.lastErrorAt > stored.lastErrorAt);
  return {
    lastRequestAt: later(stored.lastRequestAt, pending.lastRequestAt),
    lastSuccessAt: later(stored.lastSuccessAt, pending.lastSuccessAt),
    lastErrorAt: newerError ? pending.lastErrorAt : stored.lastErrorAt,
    lastError: newerError ? pending.lastError : stored.lastError,
    total: add(stored.total, pending.counts),
    last24h: add(stored.last24h, recent),
    usersCreated: stored.usersCreated + pending.usersCreated,
    groupsCreated: stored.groupsCreated + pending.groupsCreated,
    logDropped: stored.logDropped + pending.logDropped,
    quirksSeen: mergeQuirks(stored.quirksSeen, pending.quirks),
  };
}

function addQuirk(delta: HealthDelta, name: string, count: number, at: Date): void {
  const seen = delta.quirks.get(name);
  if (!seen) delta.quirks.set(name, { count, lastSeenAt: at });
  else {
    seen.count += count;
    if (at > seen.lastSeenAt) seen.lastSeenAt = at;
  }
}

/** Most frequent first, then by name. */
export const byFrequency = (a: QuirkSeen, b: QuirkSeen): number =>
  b.count - a.count || a.name.localeCompare(b.name);

function mergeQuirks(
  stored: readonly QuirkSeen[],
  pending: ReadonlyMap<string, { count: number; lastSeenAt: Date }>,
): QuirkSeen[] {
  const merged = new Map(stored.map((q) => [q.name, { ...q }]));
  for (const [name, q] of pending) {
    const seen = merged.get(name);
    merged.set(name, {
      name,
      count: (seen?.count ?? 0) + q.count,
      lastSeenAt: seen && seen.lastSeenAt > q.lastSeenAt ? seen.lastSeenAt : q.lastSeenAt,
    });
  }
  return [...merged.values()].sort(byFrequency);
}
