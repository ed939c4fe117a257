import type { OrganizationRecord } from '../../domain/organizations/organization';
import type { OrganizationRepository } from '../../domain/organizations/organization.repository';
import { fromDbCount, toDbDate } from '../dialect';
import type { OrganizationSqlRow } from '../mappers/organization.mapper';
import { ORGANIZATION_COLUMNS, toOrganizationRecord } from '../mappers/organization.mapper';
import type { Sql } from '../sql';

export class SqlOrganizationRepository implements OrganizationRepository {
  private readonly table: string;

  constructor(private readonly db: Sql) {
    this.table = db.dialect.quote('organizations');
  }

  async findById(id: string): Promise<OrganizationRecord | null> {
    return this.findOne('id', id);
  }

  async findBySlug(slug: string): Promise<OrganizationRecord | null> {
    return this.findOne('slug', slug);
  }

  async list(): Promise<OrganizationRecord[]> {
    const rows = await this.db.rows<OrganizationSqlRow>(
      `SELECT ${ORGANIZATION_COLUMNS} FROM ${this.table} ORDER BY slug`,
    );
    return rows.map(toOrganizationRecord);
  }

  async count(): Promise<number> {
    const [row] = await this.db.rows<{ n: unknown }>(`SELECT COUNT(*) AS n FROM ${this.table}`);
    return fromDbCount(row?.n);
  }

  async insert(organization: OrganizationRecord): Promise<void> {
    await this.db.run(`INSERT INTO ${this.table} (id, slug, name, created_at) VALUES (?, ?, ?, ?)`, [
      organization.id,
      organization.slug,
      organization.name,
      toDbDate(organization.createdAt),
    ]);
  }

  private async findOne(column: 'id' | 'slug', value: string): Promise<OrganizationRecord | null> {
    const rows = await this.db.rows<OrganizationSqlRow>(
      `SELECT ${ORGANIZATION_COLUMNS} FROM ${this.table} WHERE ${column} = ?`,
      [value],
    );
    return rows[0] ? toOrganizationRecord(rows[0]) : null;
  }
}
