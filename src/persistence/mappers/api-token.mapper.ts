import type { Scope } from '../../domain/auth/scopes';
import type { ConnectionKind, ConnectionStatus } from '../../domain/connections/connection';
import type { ApiTokenRecord, ApiTokenRow, AuthenticatingTokenRow } from '../../domain/tokens/api-token';
import type { SqlParam } from '../dialect';
import { fromDbDate, fromDbDateOrNull, fromDbJson, toDbDate, toDbDateOrNull, truncate } from '../dialect';

const RECORD_COLUMNS = [
  'id',
  'organization_id',
  'name',
  'prefix',
  'scopes',
  'expires_at',
  'last_used_at',
  'revoked_at',
  'created_by',
  'created_at',
  'user_id',
  'connection_id',
];

export const API_TOKEN_RECORD_COLUMNS = RECORD_COLUMNS.join(', ');
export const API_TOKEN_ROW_COLUMNS = [...RECORD_COLUMNS, 'secret_hash'].join(', ');

export interface ApiTokenSqlRow {
  readonly id: string;
  readonly organization_id: string;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: unknown;
  readonly expires_at: unknown;
  readonly last_used_at: unknown;
  readonly revoked_at: unknown;
  readonly created_by: string;
  readonly created_at: unknown;
  readonly user_id: string | null;
  readonly connection_id?: string | null;
  readonly secret_hash?: string;
  readonly connection_status?: string | null;
  readonly connection_kind?: string | null;
}

export const toApiTokenRecord = (row: ApiTokenSqlRow): ApiTokenRecord => ({
  id: row.id,
  organizationId: row.organization_id,
  name: row.name,
  prefix: row.prefix,
  scopes: fromDbJson<Scope[]>(row.scopes, []),
  expiresAt: fromDbDateOrNull(row.expires_at),
  lastUsedAt: fromDbDateOrNull(row.last_used_at),
  revokedAt: fromDbDateOrNull(row.revoked_at),
  createdBy: row.created_by,
  createdAt: fromDbDate(row.created_at),
  userId: row.user_id ?? null,
  connectionId: row.connection_id ?? null,
});

export const toApiTokenRow = (row: ApiTokenSqlRow): ApiTokenRow => ({
  ...toApiTokenRecord(row),
  secretHash: row.secret_hash ?? '',
});

export const toAuthenticatingTokenRow = (row: ApiTokenSqlRow): AuthenticatingTokenRow => ({
  ...toApiTokenRow(row),
  connectionStatus: (row.connection_status ?? null) as ConnectionStatus | null,
  connectionKind: (row.connection_kind ?? null) as ConnectionKind | null,
});

/** The row columns qualified with a table alias, for statements that join. */
export const apiTokenRowColumnsOf = (alias: string): string =>
  [...RECORD_COLUMNS, 'secret_hash'].map((c) => `${alias}.${c}`).join(', ');

/** Values in API_TOKEN_ROW_COLUMNS order. */
export const apiTokenParams = (token: ApiTokenRow): SqlParam[] => [
  token.id,
  token.organizationId,
  token.name,
  token.prefix,
  JSON.stringify(token.scopes),
  toDbDateOrNull(token.expiresAt),
  toDbDateOrNull(token.lastUsedAt),
  toDbDateOrNull(token.revokedAt),
  truncate(token.createdBy, 320),
  toDbDate(token.createdAt),
  token.userId,
  token.connectionId,
  token.secretHash,
];
