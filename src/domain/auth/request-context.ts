import { DomainError } from '../../errors';
import { NO_ORGANIZATION } from './platform';
import type { Permission, Scope } from './scopes';
import { grants } from './scopes';
import type { ConnectionKind } from '../connections/connection';

export type Channel = 'graphql' | 'scim' | 'cli';

/** Who is calling: an API token or a JWT subject, always bound to one organization. */
export interface Principal {
  readonly organizationId: string;
  /**
   * `token:<id>` for API tokens, `jwt:<issuer>:<sub>` for JWTs of JWKS issuers, `jwt:<sub>` for the
   * static JWT key, `cli` for operator commands.
   */
  readonly subject: string;
  readonly scopes: readonly Scope[];
  readonly kind: 'token' | 'jwt' | 'cli';
  readonly tokenId?: string;
  /** The connection of the token: the IdP app its requests are attributed to. */
  readonly connectionId?: string;
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
}

export function authorize(ctx: RequestContext, permission: Permission): string {
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
