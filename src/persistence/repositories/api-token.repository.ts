import type { ApiTokenRecord, ApiTokenRow, AuthenticatingTokenRow } from '../../domain/tokens/api-token';
import type { ApiTokenRepository } from '../../domain/tokens/api-token.repository';
import { placeholders, toDbDate } from '../dialect';
import type { ApiTokenSqlRow } from '../mappers/api-token.mapper';
import {
  API_TOKEN_RECORD_COLUMNS,
  API_TOKEN_ROW_COLUMNS,
  apiTokenParams,
  apiTokenRowColumnsOf,
  toApiTokenRecord,
  toAuthenticatingTokenRow,
} from '../mappers/api-token.mapper';
import type { Sql } from '../sql';

export class SqlApiTokenRepository implements ApiTokenRepository {
  private readonly table: string;

  constructor(private readonly db: Sql) {
    this.table = db.dialect.quote('api_tokens');
  }

  async insert(row: ApiTokenRow): Promise<void> {
    const params = apiTokenParams(row);
    await this.db.run(
      `INSERT INTO ${this.table} (${API_TOKEN_ROW_COLUMNS}) VALUES (${placeholders(params.length)})`,
      params,
    );
  }

  /** One statement with the connection's status, so a paused connection costs no extra query. */
  async findByHash(secretHash: string): Promise<AuthenticatingTokenRow | null> {
    const connections = this.db.dialect.quote('connections');
    const rows = await this.db.rows<ApiTokenSqlRow>(
      `SELECT ${apiTokenRowColumnsOf('t')}, c.status AS connection_status, c.kind AS connection_kind FROM ${this.table} t LEFT JOIN ${connections} c ON c.id = t.connection_id WHERE t.secret_hash = ?`,
      [secretHash],
    );
    return rows[0] ? toAuthenticatingTokenRow(rows[0]) : null;
  }

  async findById(organizationId: string, id: string): Promise<ApiTokenRecord | null> {
    const rows = await this.db.rows<ApiTokenSqlRow>(
      `SELECT ${API_TOKEN_RECORD_COLUMNS} FROM ${this.table} WHERE organization_id = ? AND id = ?`,
      [organizationId, id],
    );
    return rows[0] ? toApiTokenRecord(rows[0]) : null;
  }

  async list(organizationId: string): Promise<ApiTokenRecord[]> {
    const rows = await this.db.rows<ApiTokenSqlRow>(
      `SELECT ${API_TOKEN_RECORD_COLUMNS} FROM ${this.table} WHERE organization_id = ? ORDER BY id`,
      [organizationId],
    );
    return rows.map(toApiTokenRecord);
  }

  async listOfConnections(organizationId: string, connectionId?: string): Promise<ApiTokenRecord[]> {
    const one = connectionId ? ' AND connection_id = ?' : ' AND connection_id IS NOT NULL';
    const rows = await this.db.rows<ApiTokenSqlRow>(
      `SELECT ${API_TOKEN_RECORD_COLUMNS} FROM ${this.table} WHERE organization_id = ?${one} ORDER BY id`,
      connectionId ? [organizationId, connectionId] : [organizationId],
    );
    return rows.map(toApiTokenRecord);
  }

  async expireBy(organizationId: string, id: string, at: Date): Promise<boolean> {
    const when = toDbDate(at);
    const affected = await this.db.run(
      `UPDATE ${this.table} SET expires_at = ? WHERE organization_id = ? AND id = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?)`,
      [when, organizationId, id, when],
    );
    return affected === 1;
  }

  async replaceSecret(
    organizationId: string,
    id: string,
    secretHash: string,
    prefix: string,
  ): Promise<boolean> {
    const affected = await this.db.run(
      `UPDATE ${this.table} SET secret_hash = ?, prefix = ? WHERE organization_id = ? AND id = ?`,
      [secretHash, prefix, organizationId, id],
    );
    return affected === 1;
  }

  async revoke(organizationId: string, id: string, at: Date): Promise<boolean> {
    const affected = await this.db.run(
      `UPDATE ${this.table} SET revoked_at = ? WHERE organization_id = ? AND id = ? AND revoked_at IS NULL`,
      [toDbDate(at), organizationId, id],
    );
    return affected === 1;
  }

  async revokeOfUser(organizationId: string, userId: string, at: Date): Promise<ApiTokenRecord[]> {
    const live = await this.db.rows<ApiTokenSqlRow>(
      `SELECT ${API_TOKEN_RECORD_COLUMNS} FROM ${this.table}
       WHERE organization_id = ? AND user_id = ? AND revoked_at IS NULL`,
      [organizationId, userId],
    );
    if (live.length === 0) return [];
    await this.db.run(
      `UPDATE ${this.table} SET revoked_at = ? WHERE organization_id = ? AND user_id = ? AND revoked_at IS NULL`,
      [toDbDate(at), organizationId, userId],
    );
    return live.map(toApiTokenRecord);
  }

  async touch(id: string, at: Date, notBefore: Date): Promise<void> {
    // Runs on every authentication: a read must not wait for another process's write lock for it.
    await this.db.runUnlessLocked(
      `UPDATE ${this.table} SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`,
      [toDbDate(at), id, toDbDate(notBefore)],
    );
  }
}
