import type { ApiTokenRecord, ApiTokenRow } from '../../domain/tokens/api-token';
import type { ApiTokenRepository } from '../../domain/tokens/api-token.repository';
import { placeholders, toDbDate } from '../dialect';
import type { ApiTokenSqlRow } from '../mappers/api-token.mapper';
import {
  API_TOKEN_RECORD_COLUMNS,
  API_TOKEN_ROW_COLUMNS,
  apiTokenParams,
  toApiTokenRecord,
  toApiTokenRow,
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

  async findByHash(secretHash: string): Promise<ApiTokenRow | null> {
    const rows = await this.db.rows<ApiTokenSqlRow>(
      `SELECT ${API_TOKEN_ROW_COLUMNS} FROM ${this.table} WHERE secret_hash = ?`,
      [secretHash],
    );
    return rows[0] ? toApiTokenRow(rows[0]) : null;
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
