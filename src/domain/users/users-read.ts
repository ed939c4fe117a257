import type { UserRecord } from './user';

/**
 * The users one request has read, as stored (before extension values without a definition are
 * hidden), by organization and id. A write of the same request that names the version it read
 * (`expectedVersion`) starts from that row instead of reading it again: the SCIM facade's PATCH
 * reads, applies and replaces at the version it read, and reading twice cost a SQL round trip per
 * PATCH.
 *
 * Sound because every write of a user bumps its version and the UPDATE matches the version it
 * started from: if the row moved after the read, the UPDATE matches nothing and the write fails
 * with VERSION_CONFLICT, as when the row moves between a read and the UPDATE inside the
 * transaction. One version of a row is one content, so the audit change summary, the change event
 * and the email index are computed from what a fresh read would have returned. Only reads are
 * remembered (a write's own record can still be rolled back with its transaction), and only for
 * one request: the object lives in that request's context.
 */
export class UsersRead {
  private readonly rows = new Map<string, UserRecord>();

  remember(user: UserRecord): void {
    this.rows.set(key(user.organizationId, user.id), user);
  }

  /** The row read, if it was read at exactly this version. */
  at(organizationId: string, id: string, version: number | null | undefined): UserRecord | undefined {
    const user = this.rows.get(key(organizationId, id));
    return user !== undefined && version !== undefined && version !== null && user.version === version
      ? user
      : undefined;
  }
}

const key = (organizationId: string, id: string) => `${organizationId}\u0000${id}`;
