import { DomainError } from '../../errors';
import type { Permission, Scope } from './scopes';
import { grants } from './scopes';

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
}

export function authorize(ctx: RequestContext, permission: Permission): string {
  if (!grants(ctx.principal.scopes, permission)) {
    throw new DomainError('FORBIDDEN', `This operation needs a token with ${permission} permission`);
  }
  return ctx.principal.organizationId;
}
