import { badInput, DomainError } from '../../errors';
import type { Principal, RequestContext } from '../auth/request-context';
import type { Clock } from '../shared/clock';
import { uuidV7 } from '../shared/uuid-v7';
import type { ConnectionHealthService } from './connection-health.service';
import { redactBody, redactQuery } from './request-log';
import type { RequestLogService } from './request-log.service';

/** One SCIM request a facade running as its own process answered, as it reports it. */
export interface ReportedRequest {
  readonly at: Date;
  readonly requestId: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly durationMs: number;
  readonly detail?: string | null;
  readonly quirks?: readonly string[] | null;
  readonly resourceIds?: readonly string[] | null;
  readonly requestBody?: string | null;
  readonly responseBody?: string | null;
  readonly usersCreated?: number | null;
  readonly groupsCreated?: number | null;
}

/** At most this many requests per report (the facade sends one report per credential and second). */
export const MAX_REPORTED = 200;
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** A reported time further than this from ours is taken as ours (a facade with a wrong clock). */
const CLOCK_SKEW_MS = 5 * 60_000;
const MAX_NOTES = 50;
const MAX_IDS = 20;

/**
 * Health counters and request log entries for requests a standalone SCIM facade (GRAPHQL_URL)
 * answered: it reports them with the credential of the request itself, so a report can only ever
 * count for the connection of that credential — the facade is never trusted to name one.
 * Bodies are redacted and truncated again here: the log never holds a secret, whoever reports.
 */
export class ReportedActivityService {
  constructor(
    private readonly health: ConnectionHealthService,
    private readonly requestLog: RequestLogService,
    private readonly clock: Clock,
    private readonly maxBodyBytes: number,
  ) {}

  record(ctx: RequestContext, reports: readonly ReportedRequest[]): number {
    const { principal } = ctx;
    if (!principal.scopes.includes('scim') || !principal.connectionId || ctx.channel !== 'scim') {
      throw new DomainError(
        'FORBIDDEN',
        "Only a SCIM facade, with a connection's token, reports that connection's requests",
      );
    }
    if (reports.length > MAX_REPORTED)
      throw badInput('requests', `At most ${MAX_REPORTED} requests per report`, { reason: 'invalidValue' });
    reports.forEach(check);
    for (const report of reports) this.recordOne(principal.organizationId, principal.connectionId, report);
    return reports.length;
  }

  /**
   * A standalone facade's request refused at authentication although its token is known and valid
   * (a paused connection): the facade cannot report it (the same token is refused), so the subgraph
   * attributes the refused authenticating call itself, from the request line the facade relayed.
   * A line that is not a SCIM request is ignored: attribution never fails a refusal.
   */
  refused(
    principal: Principal,
    requestId: string,
    line: { method: string; path: string },
    detail: string,
  ): void {
    if (!principal.connectionId || !principal.scopes.includes('scim')) return;
    const report: ReportedRequest = {
      at: this.clock(),
      requestId,
      method: line.method,
      path: line.path,
      status: 403,
      durationMs: 0,
      detail,
    };
    try {
      check(report, 0);
    } catch {
      return;
    }
    this.recordOne(principal.organizationId, principal.connectionId, report);
  }

  private recordOne(organizationId: string, connectionId: string, report: ReportedRequest): void {
    const now = this.clock();
    const at = Math.abs(report.at.getTime() - now.getTime()) <= CLOCK_SKEW_MS ? report.at : now;
    const quirks = (report.quirks ?? []).slice(0, MAX_NOTES).map((q) => q.slice(0, 200));
    this.health.record({
      organizationId,
      connectionId,
      at,
      status: report.status,
      detail: report.status >= 400 ? (report.detail ?? '') : undefined,
      created: { users: report.usersCreated ?? 0, groups: report.groupsCreated ?? 0 },
      quirks,
    });
    const body = (text: string | null | undefined) => (text ? redactBody(text, this.maxBodyBytes) : null);
    this.requestLog.enqueue({
      id: uuidV7(at.getTime()),
      organizationId,
      connectionId,
      requestId: report.requestId.slice(0, 128),
      at,
      method: report.method,
      path: redactQuery(report.path).slice(0, 4096),
      status: report.status,
      durationMs: report.durationMs,
      dryRun: false,
      quirks,
      resourceIds: (report.resourceIds ?? []).slice(0, MAX_IDS).map((id) => id.slice(0, 64)),
      // Audit events are linked by request id (AuditEvent.connectionRequest): the facade sends its
      // request id with every GraphQL call, so they carry the same one.
      auditEventIds: [],
      requestBody: body(report.requestBody),
      responseBody: body(report.responseBody),
    });
  }
}

function check(report: ReportedRequest, index: number): void {
  const field = `requests.${index}`;
  if (!METHODS.has(report.method))
    throw badInput(`${field}.method`, `Unknown HTTP method ${report.method.slice(0, 16)}`, {
      reason: 'invalidValue',
    });
  if (!Number.isInteger(report.status) || report.status < 100 || report.status > 599)
    throw badInput(`${field}.status`, 'An HTTP status is 100 to 599', { reason: 'invalidValue' });
  if (!Number.isInteger(report.durationMs) || report.durationMs < 0)
    throw badInput(`${field}.durationMs`, 'A duration is a whole number of milliseconds, at least 0', {
      reason: 'invalidValue',
    });
  for (const [name, count] of [
    ['usersCreated', report.usersCreated],
    ['groupsCreated', report.groupsCreated],
  ] as const) {
    if (count !== null && count !== undefined && (!Number.isInteger(count) || count < 0 || count > 10_000))
      throw badInput(`${field}.${name}`, 'A count is 0 to 10000', { reason: 'invalidValue' });
  }
  if (!report.path.startsWith('/scim/'))
    throw badInput(`${field}.path`, 'A SCIM request path starts with /scim/', { reason: 'invalidValue' });
}
