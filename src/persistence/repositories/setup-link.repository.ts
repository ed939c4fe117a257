import type { SetupLinkRecord, SetupLinkRow } from '../../domain/setup-links/setup-link';
import type { SetupLinkRepository } from '../../domain/setup-links/setup-link.repository';
import { fromDbCount, fromDbDate, fromDbDateOrNull, placeholders, toDbDate, truncate } from '../dialect';
import type { Sql } from '../sql';

const COLUMN_NAMES = [
  'id',
  'organization_id',
  'connection_id',
  'secret_hash',
  'created_by',
  'created_at',
  'expires_at',
  'revoked_at',
  'last_used_at',
  'use_count',
];
const COLUMNS = COLUMN_NAMES.join(', ');

interface SetupLinkSqlRow {
  readonly id: string;
  readonly organization_id: string;
  readonly connection_id: string;
  readonly secret_hash: string;
  readonly created_by: string;
  readonly created_at: unknown;
  readonly expires_at: unknown;
  readonly revoked_at: unknown;
  readonly last_used_at: unknown;
  readonly use_count: unknown;
}

const toRow = (row: SetupLinkSqlRow): SetupLinkRow => ({
  id: row.id,
  organizationId: row.organization_id,
  connectionId: row.connection_id,
  secretHash: row.secret_hash,
  createdBy: row.created_by,
  createdAt: fromDbDate(row.created_at),
  expiresAt: fromDbDate(row.expires_at),
  revokedAt: fromDbDateOrNull(row.revoked_at),
  lastUsedAt: fromDbDateOrNull(row.last_used_at),
  useCount: fromDbCount(row.use_count),
});

function toRecord(row: SetupLinkSqlRow): SetupLinkRecord {
  const { secretHash: _hash, ...record } = toRow(row);
  return record;
}

/** Setup links; reads and writes by organization are scoped by (organization_id, …). */
export class SqlSetupLinkRepository implements SetupLinkRepository {
  private readonly table: string;

  constructor(private readonly db: Sql) {
    this.table = db.dialect.quote('setup_links');
  }

  async insert(link: SetupLinkRow): Promise<void> {
    const params = [
      link.id,
      link.organizationId,
      link.connectionId,
      link.secretHash,
      truncate(link.createdBy, 320),
      toDbDate(link.createdAt),
      toDbDate(link.expiresAt),
      link.revokedAt ? toDbDate(link.revokedAt) : null,
      link.lastUsedAt ? toDbDate(link.lastUsedAt) : null,
      link.useCount,
    ];
    await this.db.run(
      `INSERT INTO ${this.table} (${COLUMNS}) VALUES (${placeholders(params.length)})`,
      params,
    );
  }

  async findById(organizationId: string, id: string): Promise<SetupLinkRecord | null> {
    const rows = await this.db.rows<SetupLinkSqlRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE organization_id = ? AND id = ?`,
      [organizationId, id],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findByHash(secretHash: string): Promise<SetupLinkRow | null> {
    const rows = await this.db.rows<SetupLinkSqlRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE secret_hash = ?`,
      [secretHash],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async listOfConnection(organizationId: string, connectionId: string): Promise<SetupLinkRecord[]> {
    const rows = await this.db.rows<SetupLinkSqlRow>(
      `SELECT ${COLUMNS} FROM ${this.table} WHERE organization_id = ? AND connection_id = ? ORDER BY id DESC`,
      [organizationId, connectionId],
    );
    return rows.map(toRecord);
  }

  async revoke(organizationId: string, id: string, at: Date): Promise<void> {
    await this.db.run(
      `UPDATE ${this.table} SET revoked_at = ? WHERE organization_id = ? AND id = ? AND revoked_at IS NULL`,
      [toDbDate(at), organizationId, id],
    );
  }

  async revokeOfConnection(organizationId: string, connectionId: string, at: Date): Promise<void> {
    await this.db.run(
      `UPDATE ${this.table} SET revoked_at = ? WHERE organization_id = ? AND connection_id = ? AND revoked_at IS NULL`,
      [toDbDate(at), organizationId, connectionId],
    );
  }

  async recordUse(id: string, at: Date): Promise<void> {
    await this.db.run(`UPDATE ${this.table} SET use_count = use_count + 1, last_used_at = ? WHERE id = ?`, [
      toDbDate(at),
      id,
    ]);
  }
}
