import { DomainError, isDomainError } from '../errors';
import { rejectAuth } from '../domain/auth/auth-rejection';
import { actingIn, isPlatformAdmin, NO_ORGANIZATION } from '../domain/auth/platform';
import type { Principal } from '../domain/auth/request-context';
import { isScope } from '../domain/auth/scopes';
import type { Services } from '../domain/services';
import { looksLikeApiToken, looksLikeSetupLink } from '../domain/tokens/token-secret';
import { isUuid } from '../domain/shared/uuid-v7';
import type { AuthDiagnostics } from './auth-diagnostics';
import type { JwtVerifier } from './jwt-verifier';
import { jwtIdentifiers } from './jwt-rejection';
import type { Logger } from './logger';
import { warnUnavailable } from './unavailable-log';

/** How long an organization looked up from a JWT claim is remembered. */
const ORGANIZATION_CACHE_MS = 60_000;
const MAX_CREDENTIAL_LENGTH = 8192;

export interface AuthenticateOptions {
  /**
   * SCIM clients may send the token as the password of HTTP Basic auth (Okta's Basic Auth
   * template), or as the bare header value (an admin who pastes only the token into Okta's Header
   * Auth "Authorization" field).
   */
  readonly allowBasic?: boolean;
  /**
   * The X-Organization header (id or slug): the organization a platform:admin caller acts on.
   * Other callers are confined to their own organization and the header changes nothing for them.
   */
  readonly organization?: string;
  /**
   * Whether a setup link (`isl_…`) may authenticate here: on /graphql, yes (its visitor's console);
   * elsewhere (SCIM) a valid link is refused with FORBIDDEN — it is not an IdP's credential.
   */
  readonly setupLinks?: boolean;
}

const notHere = () =>
  new DomainError(
    'FORBIDDEN',
    "A setup link is not a SCIM credential: configure the identity provider with the connection's API token",
  );

const unknownOrganization = () =>
  new DomainError('FORBIDDEN', 'X-Organization names no organization this caller may act on', {
    field: 'X-Organization',
  });

/**
 * Turns an Authorization header into a Principal: an API token (`idt_…`) or a JWT. Every failure is
 * the same UNAUTHENTICATED error, so a caller learns nothing about why it was refused; the reason
 * goes to the operator's log (AuthDiagnostics).
 */
export class Authenticator {
  private readonly organizations = new Map<string, { id: string | null; until: number }>();
  private readonly revokedSubjects = new Map<string, { revoked: boolean; until: number }>();

  constructor(
    private readonly services: Services,
    private readonly jwt: JwtVerifier,
    private readonly diagnostics?: { readonly auth: AuthDiagnostics; readonly logger: Logger },
    /**
     * How long this instance remembers whether a JWT subject's user is deactivated or deleted
     * (JWT_SUBJECT_CHECK_CACHE_MS): a JWT of a user deprovisioned anywhere is refused here at most
     * this long afterwards. Per instance on purpose: a bounded staleness needs no shared invalidation.
     */
    private readonly subjectCheckCacheMs = 5_000,
  ) {}

  /** The caller's principal; a refusal is logged for the operator (its reason), never told to the client. */
  async authenticate(header: string | undefined, options: AuthenticateOptions = {}): Promise<Principal> {
    try {
      const principal = await this.principalOf(header, options);
      if (!options.organization || !isPlatformAdmin(principal)) return principal;
      // Not cached: an organization created or deleted a moment ago must be seen as such at once.
      const organization = await this.services.organizations.findByIdOrSlug(options.organization);
      if (!organization) throw unknownOrganization();
      return actingIn(principal, organization.id);
    } catch (error) {
      if (this.diagnostics) {
        this.diagnostics.auth.observe(error);
        if (isDomainError(error) && error.code === 'UNAVAILABLE')
          warnUnavailable(this.diagnostics.logger, error, { phase: 'authentication' });
      }
      throw error;
    }
  }

  private async principalOf(header: string | undefined, options: AuthenticateOptions): Promise<Principal> {
    const credential = credentialOf(header, options);
    if (looksLikeApiToken(credential)) return this.services.tokens.authenticate(credential);
    if (looksLikeSetupLink(credential)) {
      const visitor = await this.services.setupLinks.authenticate(credential);
      if (!options.setupLinks) throw notHere();
      return visitor;
    }
    const claims = await this.jwt.verify(credential);
    const organizationId =
      claims.organization === null
        ? NO_ORGANIZATION
        : await this.organizationId(claims.organization, credential);
    const userId = isUuid(claims.subject) ? claims.subject : undefined;
    if (userId && organizationId !== NO_ORGANIZATION && (await this.subjectRevoked(organizationId, userId)))
      throw rejectAuth('deprovisioned-subject', jwtIdentifiers(credential));
    return {
      organizationId,
      // Issuers are told apart (a client id at Okta and at Auth0 are different callers); the static
      // JWT_SECRET / JWT_PUBLIC_KEY signer is one issuer, so its subjects stay `jwt:<sub>`.
      subject: claims.issuer ? `jwt:${claims.issuer}:${claims.subject}` : `jwt:${claims.subject}`,
      scopes: claims.scopes.filter(isScope),
      kind: 'jwt',
      userId,
    };
  }

  /** Checked on every request, answered from a cache of `subjectCheckCacheMs`. */
  private async subjectRevoked(organizationId: string, userId: string): Promise<boolean> {
    const key = `${organizationId}/${userId}`;
    const now = Date.now();
    const cached = this.revokedSubjects.get(key);
    if (cached && cached.until > now) return cached.revoked;
    const revoked = await this.services.users.accessRevoked(organizationId, userId);
    if (this.revokedSubjects.size > 10_000) this.revokedSubjects.clear();
    this.revokedSubjects.set(key, { revoked, until: now + this.subjectCheckCacheMs });
    return revoked;
  }

  private async organizationId(reference: string, token: string): Promise<string> {
    const unknown = () => rejectAuth('unknown-organization', jwtIdentifiers(token));
    const now = Date.now();
    const cached = this.organizations.get(reference);
    if (cached && cached.until > now) {
      if (!cached.id) throw unknown();
      return cached.id;
    }
    const organization = await this.services.organizations.findByIdOrSlug(reference);
    if (this.organizations.size > 10_000) this.organizations.clear();
    this.organizations.set(reference, { id: organization?.id ?? null, until: now + ORGANIZATION_CACHE_MS });
    if (!organization) throw unknown();
    return organization.id;
  }
}

/** The secret an Authorization header carries: a Bearer value, or (when allowed) a Basic password. */
export function credentialOf(header: string | undefined, options: AuthenticateOptions): string {
  if (!header) throw rejectAuth('missing-header');
  if (header.length > MAX_CREDENTIAL_LENGTH) throw rejectAuth('malformed-header');
  const bare = header.trim();
  if (options.allowBasic && looksLikeApiToken(bare) && !bare.includes(' ')) return bare;
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (space < 0 || value === '') throw rejectAuth('malformed-header');
  if (scheme === 'bearer') return value;
  if (scheme === 'basic' && options.allowBasic) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    if (password === '') throw rejectAuth('malformed-header');
    return password;
  }
  throw rejectAuth('unsupported-scheme');
}
