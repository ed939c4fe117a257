import type { OrganizationRecord } from '../../domain/organizations/organization';
import type {
  OrganizationRepository,
  OrganizationUsage,
} from '../../domain/organizations/organization.repository';
import type { Page, PageRequest } from '../../domain/shared/page';
import { fromDbCount, toDbDate } from '../dialect';
import { raw } from '../fragment';
import type { OrganizationSqlRow } from '../mappers/organization.mapper';
import { ORGANIZATION_COLUMNS, toOrganizationRecord } from '../mappers/organization.mapper';
import { fetchPage } from '../paging/fetch-page';
import type { SortKey } from '../paging/sort-key';
import type { Sql } from '../sql';

const BY_SLUG: SortKey = {
  ordering: 'slug:ASC',
  expr: raw('o.slug'),
  nullable: false,
  id: raw('o.id'),
  direction: 'ASC',
};

/** Tables whose rows an organization's deletion removes (its audit trail stays). */
const OWNED_TABLES = [
  'user_values',
  'group_members',
  'users',
  'groups',
  'api_tokens',
  'extension_attributes',
  'connections',
  'connection_health',
  'connection_hourly_counts',
  'connection_requests',
  'connection_quirks',
  'setup_links',
];

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

  async findPage(page: PageRequest): Promise<Page<OrganizationRecord>> {
    return fetchPage<OrganizationSqlRow, OrganizationRecord>(
      this.db,
      {
        columns: raw(
          ORGANIZATION_COLUMNS.split(', ')
            .map((c) => `o.${c}`)
            .join(', '),
        ),
        from: raw(`FROM ${this.table} o`),
        where: [raw('1 = 1')],
        key: BY_SLUG,
      },
      page,
      toOrganizationRecord,
      (row) => row.id,
    );
  }

  async rename(id: string, name: string): Promise<boolean> {
    return (await this.db.run(`UPDATE ${this.table} SET name = ? WHERE id = ?`, [name, id])) > 0;
  }

  async usage(id: string): Promise<OrganizationUsage> {
    const count = async (table: string) => {
      const [row] = await this.db.rows<{ n: unknown }>(
        `SELECT COUNT(*) AS n FROM ${this.db.dialect.quote(table)} WHERE organization_id = ?`,
        [id],
      );
      return fromDbCount(row?.n);
    };
    return {
      users: await count('users'),
      groups: await count('groups'),
      connections: await count('connections'),
    };
  }

  async delete(id: string): Promise<void> {
    for (const table of OWNED_TABLES) {
      await this.db.run(`DELETE FROM ${this.db.dialect.quote(table)} WHERE organization_id = ?`, [id]);
    }
    await this.db.run(`DELETE FROM ${this.table} WHERE id = ?`, [id]);
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
