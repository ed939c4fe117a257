import type { ConnectionKind, ConnectionRecord, ConnectionStatus } from '../../domain/connections/connection';
import type { SqlParam } from '../dialect';
import { fromDbDate, toDbDate, truncate } from '../dialect';

export const CONNECTION_COLUMN_NAMES = [
  'id',
  'organization_id',
  'name',
  'kind',
  'status',
  'token_lifetime_days',
  'created_by',
  'created_at',
];
export const CONNECTION_COLUMNS = CONNECTION_COLUMN_NAMES.join(', ');

export interface ConnectionSqlRow {
  readonly id: string;
  readonly organization_id: string;
  readonly name: string;
  readonly kind: string;
  readonly status: string;
  readonly token_lifetime_days: unknown;
  readonly created_by: string;
  readonly created_at: unknown;
}

export const toConnectionRecord = (row: ConnectionSqlRow): ConnectionRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  name: row.name,
  kind: row.kind as ConnectionKind,
  status: row.status as ConnectionStatus,
  tokenLifetimeDays: row.token_lifetime_days === null ? null : Number(row.token_lifetime_days),
  createdBy: row.created_by,
  createdAt: fromDbDate(row.created_at),
});

/** Values in CONNECTION_COLUMN_NAMES order. */
export const connectionParams = (c: ConnectionRecord): SqlParam[] => [
  c.id,
  c.organizationId,
  c.name,
  c.kind,
  c.status,
  c.tokenLifetimeDays,
  truncate(c.createdBy, 320),
  toDbDate(c.createdAt),
];
