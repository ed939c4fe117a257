import type { Scope } from '../auth/scopes';
import type { ConnectionKind, ConnectionStatus } from '../connections/connection';

export interface ApiTokenRecord {
  readonly id: string;
  readonly organizationId: string;
  readonly name: string;
  /** The connection the token belongs to (its SCIM traffic is attributed to it); null for loose tokens. */
  readonly connectionId: string | null;
  /** The first characters of the secret (`idt_AbCd1234`), so an admin can tell tokens apart. */
  readonly prefix: string;
  readonly scopes: readonly Scope[];
  readonly expiresAt: Date | null;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  /** Set for a personal token: it is revoked when that user is deactivated or deleted. */
  readonly userId: string | null;
}

export interface ApiTokenRow extends ApiTokenRecord {
  /** SHA-256 of the secret, hex. The secret itself is never stored. */
  readonly secretHash: string;
}

/** A token found by its secret, with the status of its connection (null for loose tokens). */
export interface AuthenticatingTokenRow extends ApiTokenRow {
  readonly connectionStatus: ConnectionStatus | null;
  /** The kind of its connection (its compatibility profile), null for loose tokens. */
  readonly connectionKind: ConnectionKind | null;
}

/** The only time a secret exists outside the caller's hands: the answer to create and rotate. */
export interface IssuedApiToken {
  readonly token: ApiTokenRecord;
  readonly secret: string;
}
