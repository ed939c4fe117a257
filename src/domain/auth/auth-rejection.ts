import type { DomainErrorDetails } from '../../errors';
import { DomainError } from '../../errors';

/**
 * Why a credential was refused, for the operator's log only: the client's answer is the same
 * 401 for every reason. Shared by the API-token check, the Authorization-header parser and the JWT
 * verifier (which throws `AuthenticationRejected` with a `jwt-*` reason).
 */
export type AuthRejectionReason =
  | 'missing-header'
  | 'malformed-header'
  | 'unsupported-scheme'
  | 'unknown-token'
  | 'expired-token'
  | 'revoked-token'
  | 'jwt-not-configured'
  | 'jwt-malformed'
  | 'jwt-algorithm'
  | 'jwt-signature'
  | 'jwt-expired'
  | 'jwt-not-yet-valid'
  | 'jwt-issuer'
  | 'jwt-audience'
  | 'jwt-claims'
  | 'jwt-key-unavailable'
  | 'unknown-organization'
  /** A JWT whose `sub` is a user that was deactivated or deleted (deprovisioning removes access). */
  | 'deprovisioned-subject'
  /** A setup link past its expiry, or revoked (by an admin, or by its connection's deletion). */
  | 'setup-link-expired'
  | 'setup-link-revoked';

/** What may identify a refused credential in a log line: never the secret or a whole token. */
export interface AuthRejection {
  readonly reason: AuthRejectionReason;
  /** An API token's visible prefix (`idt_` and 8 characters, as token lists show it). */
  readonly tokenPrefix?: string;
  /** A JWT's `kid` header and `iss` claim, as sent (unverified when the signature failed). */
  readonly kid?: string;
  readonly iss?: string;
}

/**
 * UNAUTHENTICATED with its reason attached. The message (what a client may see) is the same for
 * every credential a caller could be guessing at; only the holder of a real setup link's secret is
 * told that it expired or was revoked (with `details.reason`), so the page can say so in words.
 */
export class AuthenticationRejected extends DomainError {
  constructor(
    readonly rejection: AuthRejection,
    message = 'Authentication required',
    details: DomainErrorDetails = {},
  ) {
    super('UNAUTHENTICATED', message, details);
  }
}

export const rejectAuth = (
  reason: AuthRejectionReason,
  identifiers: Omit<AuthRejection, 'reason'> = {},
): AuthenticationRejected => new AuthenticationRejected({ reason, ...identifiers });

/** A real setup link that no longer works: the one refusal that says why, to the link's holder only. */
export const rejectSetupLink = (why: 'expired' | 'revoked'): AuthenticationRejected =>
  why === 'expired'
    ? new AuthenticationRejected(
        { reason: 'setup-link-expired' },
        'This setup link has expired: ask the admin who sent it for a new one',
        { reason: 'setupLinkExpired' },
      )
    : new AuthenticationRejected(
        { reason: 'setup-link-revoked' },
        'This setup link was revoked: ask the admin who sent it for a new one',
        { reason: 'setupLinkRevoked' },
      );
