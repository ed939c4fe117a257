import type { ConnectionRecord, ConnectionStatus } from '../../domain/connections/connection';
import type { ConnectionRepository } from '../../domain/connections/connection.repository';
import { placeholders } from '../dialect';
import type { ConnectionSqlRow } from '../mappers/connection.mapper';
import { CONNECTION_COLUMNS, connectionParams, toConnectionRecord } from '../mappers/connection.mapper';
import type { Sql } from '../sql';

/** Connections of identity providers; every statement is scoped by (organization_id, id). */
export class SqlConnectionRepository implements ConnectionRepository {
  private readonly table: string;

  constructor(private readonly db: Sql) {
    this.table = db.dialect.quote('connections');
  }

  async insert(connection: ConnectionRecord): Promise<void> {
    const params = connectionParams(connection);
    await this.db.run(
      `INSERT INTO ${this.table} (${CONNECTION_COLUMNS}) VALUES (${placeholders(params.length)})`,
      params,
    );
  }

  async findById(organizationId: string, id: string): Promise<ConnectionRecord | null> {
    const rows = await this.db.rows<ConnectionSqlRow>(
      `SELECT ${CONNECTION_COLUMNS} FROM ${this.table} WHERE organization_id = ? AND id = ?`,
      [organizationId, id],
    );
    return rows[0] ? toConnectionRecord(rows[0]) : null;
  }

  async list(organizationId: string): Promise<ConnectionRecord[]> {
    const rows = await this.db.rows<ConnectionSqlRow>(
      `SELECT ${CONNECTION_COLUMNS} FROM ${this.table} WHERE organization_id = ? ORDER BY id`,
      [organizationId],
    );
    return rows.map(toConnectionRecord);
  }

  async setStatus(organizationId: string, id: string, status: ConnectionStatus): Promise<boolean> {
    return this.update(organizationId, id, 'status', status);
  }

  async rename(organizationId: string, id: string, name: string): Promise<boolean> {
    return this.update(organizationId, id, 'name', name);
  }

  async delete(organizationId: string, id: string): Promise<boolean> {
    const affected = await this.db.run(`DELETE FROM ${this.table} WHERE organization_id = ? AND id = ?`, [
      organizationId,
      id,
    ]);
    return affected === 1;
  }

  private async update(organizationId: string, id: string, column: 'status' | 'name', value: string) {
    const affected = await this.db.run(
      `UPDATE ${this.table} SET ${column} = ? WHERE organization_id = ? AND id = ?`,
      [value, organizationId, id],
    );
    return affected === 1;
  }
}
