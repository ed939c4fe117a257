import type { ResolvedFilter } from '../../domain/filter/filter';
import type { GroupRecord, GroupRow } from '../../domain/groups/group';
import { GROUP_ATTRIBUTES } from '../../domain/groups/group-attributes';
import type { GroupRepository } from '../../domain/groups/group.repository';
import type { Page, PageRequest } from '../../domain/shared/page';
import { chunk, toDbDate } from '../dialect';
import type { Fragment } from '../fragment';
import { list, raw, sql } from '../fragment';
import { compileFilter } from '../filter/compile-filter';
import { GROUP_FILTER_TARGET } from '../filter/group-filter-target';
import { storedKey } from '../keys';
import type { GroupSqlRow } from '../mappers/group.mapper';
import { GROUP_COLUMNS, toGroupRecord } from '../mappers/group.mapper';
import { fetchCount, fetchPage } from '../paging/fetch-page';
import type { SortableResource } from '../paging/resource-sort-key';
import { walkedTable } from '../paging/organization-walk';
import { resourceSortKey } from '../paging/resource-sort-key';
import type { Sql } from '../sql';

const ID_CHUNK = 1000;

const GROUPS: SortableResource = { target: GROUP_FILTER_TARGET, catalog: GROUP_ATTRIBUTES, id: raw('g.id') };

export class SqlGroupRepository implements GroupRepository {
  private readonly groups: string;
  private readonly members: string;

  constructor(private readonly db: Sql) {
    this.groups = db.dialect.quote('groups');
    this.members = db.dialect.quote('group_members');
  }

  async findById(organizationId: string, id: string): Promise<GroupRecord | null> {
    return this.findOne(organizationId, id, '');
  }

  async findForUpdate(organizationId: string, id: string): Promise<GroupRecord | null> {
    return this.findOne(organizationId, id, this.db.dialect.forUpdate);
  }

  private async findOne(organizationId: string, id: string, lock: string): Promise<GroupRecord | null> {
    const rows = await this.db.rows<GroupSqlRow>(
      `SELECT ${GROUP_COLUMNS} FROM ${this.groups} g WHERE g.organization_id = ? AND g.id = ?${lock}`,
      [organizationId, id],
    );
    return rows[0] ? toGroupRecord(rows[0]) : null;
  }

  async findByIds(organizationId: string, ids: readonly string[]): Promise<GroupRecord[]> {
    const found: GroupRecord[] = [];
    for (const part of chunk([...new Set(ids)], ID_CHUNK)) {
      const query = sql`SELECT ${raw(GROUP_COLUMNS)} FROM ${raw(this.groups)} g WHERE g.organization_id = ${organizationId} AND g.id IN ${list(part)}`;
      found.push(...(await this.db.rows<GroupSqlRow>(query.sql, query.params)).map(toGroupRecord));
    }
    return found;
  }

  async findPage(
    organizationId: string,
    filter: ResolvedFilter | null,
    page: PageRequest,
  ): Promise<Page<GroupRecord>> {
    return fetchPage<GroupSqlRow, GroupRecord>(
      this.db,
      {
        columns: raw(GROUP_COLUMNS),
        from: raw(`FROM ${walkedTable(this.db.dialect, this.groups, 'g', 'ix_groups_org_id', filter, page)}`),
        where: this.where(organizationId, filter),
        key: resourceSortKey(GROUPS, page.orderBy, this.db.dialect),
      },
      page,
      toGroupRecord,
      (row) => row.id,
    );
  }

  async count(organizationId: string, filter: ResolvedFilter | null): Promise<number> {
    return fetchCount(this.db, raw(`FROM ${this.groups} g`), this.where(organizationId, filter));
  }

  async insert(row: GroupRow): Promise<void> {
    await this.db.run(
      `INSERT INTO ${this.groups} (id, organization_id, display_name, display_name_key, external_id, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        row.id,
        row.organizationId,
        row.displayName,
        storedKey(row.displayNameKey),
        row.externalId,
        row.version,
        toDbDate(row.createdAt),
        toDbDate(row.updatedAt),
      ],
    );
  }

  async update(row: GroupRow, expectedVersion: number): Promise<boolean> {
    const affected = await this.db.run(
      `UPDATE ${this.groups} SET display_name = ?, display_name_key = ?, external_id = ?, version = ?, updated_at = ? WHERE id = ? AND organization_id = ? AND version = ?`,
      [
        row.displayName,
        storedKey(row.displayNameKey),
        row.externalId,
        row.version,
        toDbDate(row.updatedAt),
        row.id,
        row.organizationId,
        expectedVersion,
      ],
    );
    return affected === 1;
  }

  /** Deletes the group, its memberships and its appearances as a member of other groups. */
  async delete(organizationId: string, id: string): Promise<boolean> {
    return this.db.atomic(async (tx) => {
      await tx.run(`DELETE FROM ${this.members} WHERE organization_id = ? AND group_id = ?`, [
        organizationId,
        id,
      ]);
      await tx.run(`DELETE FROM ${this.members} WHERE organization_id = ? AND member_id = ?`, [
        organizationId,
        id,
      ]);
      return (
        (await tx.run(`DELETE FROM ${this.groups} WHERE organization_id = ? AND id = ?`, [
          organizationId,
          id,
        ])) === 1
      );
    });
  }

  private where(organizationId: string, filter: ResolvedFilter | null): Fragment[] {
    const org = sql`g.organization_id = ${organizationId}`;
    if (!filter) return [org];
    return [org, compileFilter(filter, GROUP_FILTER_TARGET, { dialect: this.db.dialect, organizationId })];
  }
}
