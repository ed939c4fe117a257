import type { ConnectionRecord, ConnectionStatus } from './connection';

export interface ConnectionRepository {
  insert(connection: ConnectionRecord): Promise<void>;
  findById(organizationId: string, id: string): Promise<ConnectionRecord | null>;
  /** Oldest first. */
  list(organizationId: string): Promise<ConnectionRecord[]>;
  setStatus(organizationId: string, id: string, status: ConnectionStatus): Promise<boolean>;
  rename(organizationId: string, id: string, name: string): Promise<boolean>;
  delete(organizationId: string, id: string): Promise<boolean>;
}
