import type { SetupLinkRecord, SetupLinkRow } from './setup-link';

export interface SetupLinkRepository {
  insert(link: SetupLinkRow): Promise<void>;
  findById(organizationId: string, id: string): Promise<SetupLinkRecord | null>;
  /** Across organizations: what authentication looks a secret up by. */
  findByHash(secretHash: string): Promise<SetupLinkRow | null>;
  /** The connection's links, newest first. */
  listOfConnection(organizationId: string, connectionId: string): Promise<SetupLinkRecord[]>;
  revoke(organizationId: string, id: string, at: Date): Promise<void>;
  /** Revokes every live link of the connection (its deletion). */
  revokeOfConnection(organizationId: string, connectionId: string, at: Date): Promise<void>;
  /** One authenticated use: last use and use count, in one statement. */
  recordUse(id: string, at: Date): Promise<void>;
}
