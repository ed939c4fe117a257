import type { ApiTokenRecord, ApiTokenRow, AuthenticatingTokenRow } from './api-token';

export interface ApiTokenRepository {
  insert(row: ApiTokenRow): Promise<void>;
  /** Looks a token up by the hash of its secret, in any organization (authentication). */
  findByHash(secretHash: string): Promise<AuthenticatingTokenRow | null>;
  findById(organizationId: string, id: string): Promise<ApiTokenRecord | null>;
  list(organizationId: string): Promise<ApiTokenRecord[]>;
  /** The tokens of every connection of the organization (or of one), oldest first. */
  listOfConnections(organizationId: string, connectionId?: string): Promise<ApiTokenRecord[]>;
  /** Moves the expiry earlier to `at` (never later); the rotation overlap of an old secret. */
  expireBy(organizationId: string, id: string, at: Date): Promise<boolean>;
  /** Replaces the secret hash and prefix; the old secret stops matching at once. */
  replaceSecret(organizationId: string, id: string, secretHash: string, prefix: string): Promise<boolean>;
  revoke(organizationId: string, id: string, at: Date): Promise<boolean>;
  /** Revokes the user's live personal tokens and returns them as they were before. */
  revokeOfUser(organizationId: string, userId: string, at: Date): Promise<ApiTokenRecord[]>;
  /**
   * Sets last_used_at = `at` unless it was already set after `notBefore` (one write a minute at most).
   * Best effort: skipped while another process holds an SQLite database's write lock.
   */
  touch(id: string, at: Date, notBefore: Date): Promise<void>;
}
