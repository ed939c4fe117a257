import jwt from 'jsonwebtoken';
import type { Algorithm, JwtPayload } from 'jsonwebtoken';
import { DomainError } from '../errors';

export interface JwtSettings {
  readonly secret?: string;
  readonly publicKey?: string;
  readonly issuer?: string;
  readonly audience?: string;
}

/** Verified claims the service relies on. */
export interface JwtClaims {
  readonly subject: string;
  /** Null only for a platform:admin JWT, which names its organization per request (X-Organization). */
  readonly organization: string | null;
  readonly scopes: readonly string[];
}

const HMAC: Algorithm[] = ['HS256'];
const ASYMMETRIC: Algorithm[] = ['RS256', 'ES256'];

const rejected = () => new DomainError('UNAUTHENTICATED', 'Authentication required');

/**
 * Verifies JWTs against one configured key. The accepted algorithms follow the key's kind, so an
 * HS256 token signed with a public key (key confusion) and `alg: none` are both refused; `exp` is
 * required; `iss`/`aud` are enforced when configured.
 */
export class JwtVerifier {
  private readonly key: string | undefined;
  private readonly algorithms: Algorithm[];

  constructor(private readonly settings: JwtSettings) {
    this.key = settings.secret ?? settings.publicKey;
    this.algorithms = settings.secret ? HMAC : ASYMMETRIC;
  }

  verify(token: string): JwtClaims {
    if (!this.key) throw rejected();
    let payload: JwtPayload;
    try {
      const decoded = jwt.verify(token, this.key, {
        algorithms: this.algorithms,
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        clockTolerance: 5,
      });
      if (typeof decoded === 'string') throw rejected();
      payload = decoded;
    } catch {
      throw rejected();
    }
    const organization: unknown = payload.org ?? payload.org_id ?? payload.organization ?? null;
    const scopes = scopesOf(payload);
    const orgless = organization === null && scopes.includes('platform:admin');
    if (
      typeof payload.exp !== 'number' ||
      typeof payload.sub !== 'string' ||
      (typeof organization !== 'string' && !orgless)
    ) {
      throw rejected();
    }
    return { subject: payload.sub, organization: organization as string | null, scopes };
  }
}

/** OAuth 2.0 `scope` (space-separated string) or `scp` (array, as some providers issue). */
function scopesOf(payload: JwtPayload): string[] {
  if (typeof payload.scope === 'string') return payload.scope.split(' ').filter(Boolean);
  if (Array.isArray(payload.scp)) return payload.scp.filter((s): s is string => typeof s === 'string');
  if (typeof payload.scp === 'string') return payload.scp.split(' ').filter(Boolean);
  return [];
}
