import { DomainError } from '../../errors';
import { NO_ORGANIZATION } from './platform';
import type { Permission, Scope } from './scopes';
import { grants } from './scopes';
import type { ConnectionKind } from '../connections/connection';
import type { UsersRead } from '../users/users-read';

/** The API a change came through: `scim` is /scim/v2, `scim:1.1` is /scim/v1 (Okta's SCIM 1.1 template). */
export type Channel = 'graphql' | 'scim' | 'scim:1.1' | 'cli';

/** Whether a channel is SCIM traffic of either version (an IdP's connection). */
export const isScimChannel = (channel: Channel): boolean => channel === 'scim' || channel === 'scim:1.1';

/** Who is calling: an API token or a JWT subject, always bound to one organization. */
export interface Principal {
  readonly organizationId: string;
  /**
   * `token:<id>` for API tokens, `jwt:<issuer>:<sub>` for JWTs of JWKS issuers, `jwt:<sub>` for the
   * static JWT key, `cli` for operator commands, `setup-link:<id>` for a setup link's visitor.
   */
  readonly subject: string;
  readonly scopes: readonly Scope[];
  readonly kind: 'token' | 'jwt' | 'cli' | 'setup-link';
  /**
   * A setup link's visitor: no scopes, and the few operations on its one connection that
   * `authorizeConnection` lets through (see it); everything else is FORBIDDEN.
   */
  readonly setupLink?: { readonly id: string; readonly connectionId: string };
  readonly tokenId?: string;
  /** The connection of the token: the IdP app its requests are attributed to. */
  readonly connectionId?: string;
  /**
   * The token's connection is in DRY_RUN: everything the request writes is rolled back. Only the
   * HTTP layer acts on it (it wraps the request in a Store rehearsal); it is never a reason for a
   * domain rule to answer differently.
   */
  readonly dryRun?: boolean;
  /** Its kind, which picks the SCIM compatibility profile (absent: GENERIC_SCIM2's). */
  readonly connectionKind?: ConnectionKind;
  /** The JWT `sub` claim, when it names a user of the organization (SCIM /Me). */
  readonly userId?: string;
}

/** Everything a domain operation needs to know about the request that asked for it. */
export interface RequestContext {
  readonly principal: Principal;
  readonly channel: Channel;
  readonly requestId: string;
  /** Things the protocol adapter adapted or ignored (e.g. `entra:string-boolean`), recorded on audit events. */
  readonly notes?: readonly string[];
  /** Receives the id of each audit event written for this request (the request log links them). */
  readonly auditSink?: string[];
  /**
   * Users this request read, kept for its writes at the version read (see UsersRead); set where one
   * request makes several calls (the in-process SCIM facade), absent elsewhere.
   */
  readonly usersRead?: UsersRead;
}

const setupLinkForbidden = () =>
  new DomainError(
    'FORBIDDEN',
    'A setup link reaches only its connection: that connection, its request log and its token; sign in with an API token for anything else',
  );

export function authorize(ctx: RequestContext, permission: Permission): string {
  if (ctx.principal.setupLink) throw setupLinkForbidden();
  if (permission !== 'platform' && ctx.principal.organizationId === NO_ORGANIZATION) {
    throw new DomainError(
      'FORBIDDEN',
      'This operation acts inside an organization: a platform:admin caller names it with the X-Organization header (id or slug)',
    );
  }
  if (!grants(ctx.principal.scopes, permission)) {
    throw new DomainError('FORBIDDEN', `This operation needs a token with ${permission} permission`);
  }
  return ctx.principal.organizationId;
}

/**
 * An operation on one connection (read it, its health and request log, reset its token): the
 * `permission` for every caller but a setup link's visitor, who may do it on its own connection
 * only. The one place a setup link is let through.
 */
export function authorizeConnection(
  ctx: RequestContext,
  connectionId: string,
  permission: Permission,
): string {
  const link = ctx.principal.setupLink;
  if (!link) return authorize(ctx, permission);
  if (link.connectionId !== connectionId) throw setupLinkForbidden();
  return ctx.principal.organizationId;
}

/** Reading the caller's own organization (the viewer's): every caller of one, setup links included. */
export function authorizeOwnOrganization(ctx: RequestContext): string {
  return ctx.principal.setupLink ? ctx.principal.organizationId : authorize(ctx, 'read');
}
