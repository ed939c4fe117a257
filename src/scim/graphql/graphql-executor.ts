import type { DocumentNode } from 'graphql';
import { DOMAIN_ERROR_CODES, isDomainErrorReason } from '../../errors';
import type { DomainErrorCode, DomainErrorReason } from '../../errors';

/** Who calls, as the facade authenticated them; `credential` is opaque to the SCIM code. */
export interface ScimCaller {
  readonly credential: unknown;
  readonly organizationId: string;
  readonly scopes: readonly string[];
  /** Set when a JWT's subject is a user of the organization (SCIM /Me). */
  readonly userId?: string;
  /** Who the credential is, never the secret: `token:<id>` or `jwt:…` (for metrics and logs). */
  readonly subject?: string;
  /**
   * The compatibility profile of the caller's connection (from its kind): the quirks it may send.
   * Absent for callers without a connection (loose tokens, JWTs): every quirk is tolerated.
   */
  readonly profile?: CompatibilityProfileView;
  /**
   * The X-Organization header a platform:admin caller named; a remote executor forwards it so the
   * subgraph acts in the same organization.
   */
  readonly organizationHeader?: string;
  /** The connection the credential belongs to: its requests count and are logged for it. */
  readonly connectionId?: string;
  /** Its connection is in DRY_RUN: the request's writes are rolled back; its log entry says so. */
  readonly dryRun?: boolean;
}

/** A connection's compatibility profile as GraphQL reports it (`profile { kind tolerates }`). */
export interface CompatibilityProfileView {
  readonly kind: string;
  readonly tolerates: readonly string[];
}

/** One GraphQL call made on behalf of one SCIM request. */
export interface CallContext {
  readonly caller: ScimCaller;
  readonly requestId: string;
  /** Vendor quirks tolerated and attributes ignored, recorded on the audit event of a write. */
  readonly notes: readonly string[];
  /** Collects the ids of the audit events the calls wrote (in-process only), for the request log. */
  readonly auditEventIds?: string[];
  /**
   * The SCIM client's address as the facade sees it (TRUST_PROXY applied). A remote executor
   * forwards it, so the subgraph's failed-authentication limit counts against the client, not the
   * facade; the in-process executor needs nothing, the request's own address is already the client's.
   */
  readonly clientAddress?: string;
  /**
   * The SCIM request a call is made for, sent only with the authenticating `viewer` call: when the
   * subgraph refuses a known caller (a paused connection), it attributes the refusal to it.
   */
  readonly scimRequest?: { readonly method: string; readonly path: string };
  /**
   * The same object for every call of one SCIM request, and for no other request: an in-process
   * executor keys to it what the request's calls share (a PATCH's replace starts from the row its
   * read returned). Opaque to the SCIM code; a remote executor ignores it.
   */
  readonly requestScope?: object;
}

export interface GraphqlExecutor {
  execute<TData>(
    document: DocumentNode,
    variables: Record<string, unknown>,
    call: CallContext,
  ): Promise<TData>;
}

/** A GraphQL error answer, carrying the closed-set code and the field it names. */
export class GraphqlCallError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly field?: string,
    readonly reason?: DomainErrorReason,
    /** The original error, for the log of an INTERNAL or UNAVAILABLE answer. */
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'GraphqlCallError';
  }
}

interface GraphqlErrorShape {
  readonly message: string;
  readonly extensions?: { readonly code?: string; readonly field?: string; readonly reason?: string };
}

/** The first error of a GraphQL answer as a GraphqlCallError (unknown codes count as INTERNAL). */
export function callErrorOf(errors: readonly GraphqlErrorShape[]): GraphqlCallError {
  const [first] = errors;
  const code = first?.extensions?.code ?? 'INTERNAL';
  return new GraphqlCallError(
    ((DOMAIN_ERROR_CODES as readonly string[]).includes(code) ? code : 'INTERNAL') as DomainErrorCode,
    first?.message ?? 'GraphQL call failed',
    first?.extensions?.field,
    // A reason this facade does not know (a newer subgraph) is left out: the code still decides.
    isDomainErrorReason(first?.extensions?.reason) ? first.extensions.reason : undefined,
  );
}
