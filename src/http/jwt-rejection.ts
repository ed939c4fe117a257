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

function jwtReason(error: unknown): AuthRejectionReason {
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
