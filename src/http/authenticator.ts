import { DomainError } from '../errors';
import { actingIn, isPlatformAdmin, NO_ORGANIZATION } from '../domain/auth/platform';
import type { Principal } from '../domain/auth/request-context';
import { isScope } from '../domain/auth/scopes';
import type { Services } from '../domain/services';
import { looksLikeApiToken } from '../domain/tokens/token-secret';
import { isUuid } from '../domain/shared/uuid-v7';
import type { JwtVerifier } from './jwt-verifier';

const rejected = () => new DomainError('UNAUTHENTICATED', 'Authentication required');

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
}

const unknownOrganization = () =>
  new DomainError('FORBIDDEN', 'X-Organization names no organization this caller may act on', {
    field: 'X-Organization',
  });

/**
 * Turns an Authorization header into a Principal: an API token (`idt_…`) or a JWT. Every failure is
 * the same UNAUTHENTICATED error, so a caller learns nothing about why it was refused.
 */
export class Authenticator {
  private readonly organizations = new Map<string, { id: string | null; until: number }>();

  constructor(
    private readonly services: Services,
    private readonly jwt: JwtVerifier,
  ) {}

  async authenticate(header: string | undefined, options: AuthenticateOptions = {}): Promise<Principal> {
    const principal = await this.principalOf(credentialOf(header, options));
    if (!options.organization || !isPlatformAdmin(principal)) return principal;
    // Not cached: an organization created or deleted a moment ago must be seen as such at once.
    const organization = await this.services.organizations.findByIdOrSlug(options.organization);
    if (!organization) throw unknownOrganization();
    return actingIn(principal, organization.id);
  }

  private async principalOf(credential: string): Promise<Principal> {
    if (looksLikeApiToken(credential)) return this.services.tokens.authenticate(credential);
    const claims = this.jwt.verify(credential);
    const organizationId =
      claims.organization === null ? NO_ORGANIZATION : await this.organizationId(claims.organization);
    return {
      organizationId,
      subject: `jwt:${claims.subject}`,
      scopes: claims.scopes.filter(isScope),
      kind: 'jwt',
      userId: isUuid(claims.subject) ? claims.subject : undefined,
    };
  }

  private async organizationId(reference: string): Promise<string> {
    const now = Date.now();
    const cached = this.organizations.get(reference);
    if (cached && cached.until > now) {
      if (!cached.id) throw rejected();
      return cached.id;
    }
    const organization = await this.services.organizations.findByIdOrSlug(reference);
    if (this.organizations.size > 10_000) this.organizations.clear();
    this.organizations.set(reference, { id: organization?.id ?? null, until: now + ORGANIZATION_CACHE_MS });
    if (!organization) throw rejected();
    return organization.id;
  }
}

/** The secret an Authorization header carries: a Bearer value, or (when allowed) a Basic password. */
export function credentialOf(header: string | undefined, options: AuthenticateOptions): string {
  if (!header || header.length > MAX_CREDENTIAL_LENGTH) throw rejected();
  const bare = header.trim();
  if (options.allowBasic && looksLikeApiToken(bare) && !bare.includes(' ')) return bare;
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (space < 0 || value === '') throw rejected();
  if (scheme === 'bearer') return value;
  if (scheme === 'basic' && options.allowBasic) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    if (password === '') throw rejected();
    return password;
  }
  throw rejected();
}
