import jwt from 'jsonwebtoken';
import type { AuthRejection, AuthRejectionReason } from '../domain/auth/auth-rejection';
import { AuthenticationRejected, rejectAuth } from '../domain/auth/auth-rejection';

/** Longest `kid`/`iss` copied into a log line: they are whatever the client sent. */
const MAX_IDENTIFIER = 200;

/**
 * A JWT verification failure (jsonwebtoken's errors) as the rejection the operator's log shows:
 * the reason class, and the token's `kid` and `iss` — never the token or its signature.
 */
export function jwtRejection(error: unknown, token: string): AuthenticationRejected {
  if (error instanceof AuthenticationRejected) return error;
  return rejectAuth(jwtReason(error), jwtIdentifiers(token));
}

/** jose's error codes (JWKS issuers) as reasons; the claim a failed claim check names decides. */
const JOSE_REASONS: Readonly<Record<string, AuthRejectionReason>> = {
  ERR_JWT_EXPIRED: 'jwt-expired',
  ERR_JWS_SIGNATURE_VERIFICATION_FAILED: 'jwt-signature',
  ERR_JOSE_ALG_NOT_ALLOWED: 'jwt-algorithm',
  ERR_JOSE_NOT_SUPPORTED: 'jwt-algorithm',
  ERR_JWKS_NO_MATCHING_KEY: 'jwt-key-unavailable',
  ERR_JWS_INVALID: 'jwt-malformed',
  ERR_JWT_INVALID: 'jwt-malformed',
};
const JOSE_CLAIM_REASONS: Readonly<Record<string, AuthRejectionReason>> = {
  iss: 'jwt-issuer',
  aud: 'jwt-audience',
  nbf: 'jwt-not-yet-valid',
  exp: 'jwt-claims',
};

function joseReason(error: { code: string; claim?: unknown }): AuthRejectionReason | undefined {
  if (error.code === 'ERR_JWT_CLAIM_VALIDATION_FAILED')
    return JOSE_CLAIM_REASONS[String(error.claim)] ?? 'jwt-claims';
  return JOSE_REASONS[error.code];
}

function jwtReason(error: unknown): AuthRejectionReason {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const reason = joseReason(error as { code: string; claim?: unknown });
    if (reason) return reason;
  }
  if (error instanceof jwt.TokenExpiredError) return 'jwt-expired';
  if (error instanceof jwt.NotBeforeError) return 'jwt-not-yet-valid';
  const message = error instanceof Error ? error.message : '';
  if (/signature/i.test(message)) return 'jwt-signature';
  if (/issuer/i.test(message)) return 'jwt-issuer';
  if (/audience/i.test(message)) return 'jwt-audience';
  if (/algorithm/i.test(message)) return 'jwt-algorithm';
  return 'jwt-malformed';
}

/** `kid` from the header and `iss` from the payload, decoded without verification, cut short. */
export function jwtIdentifiers(token: string): Pick<AuthRejection, 'kid' | 'iss'> {
  try {
    const decoded = jwt.decode(token, { complete: true });
    if (!decoded || typeof decoded.payload === 'string') return {};
    const kid = decoded.header.kid;
    const iss = decoded.payload.iss;
    return {
      ...(typeof kid === 'string' && { kid: kid.slice(0, MAX_IDENTIFIER) }),
      ...(typeof iss === 'string' && { iss: iss.slice(0, MAX_IDENTIFIER) }),
    };
  } catch {
    return {};
  }
}
