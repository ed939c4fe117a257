import type { ResolvedFilter } from '../../domain/filter/filter';
import type { Page, PageRequest } from '../../domain/shared/page';
import type { UserRecord, UserSummary } from '../../domain/users/user';
import { USER_ATTRIBUTES } from '../../domain/users/user-attributes';
import type { UserRepository, UserWrite } from '../../domain/users/user.repository';
import type { WithGroups } from '../../domain/users/with-groups';
import type { Dialect, SqlParam } from '../dialect';
import { chunk, placeholders, toDbDate } from '../dialect';
import type { Fragment } from '../fragment';
import { list, raw, sql } from '../fragment';
import { compileFilter } from '../filter/compile-filter';
import { USER_FILTER_TARGET } from '../filter/user-filter-target';
import type { UserSqlRow } from '../mappers/user.mapper';
import {
  USER_COLUMNS,
  USER_SUMMARY_COLUMNS,
  toUserRecord,
  toUserSummary,
  userWriteColumns,
} from '../mappers/user.mapper';
import type { UserValueAttribute } from '../mappers/user-value.mapper';
import { USER_VALUE_COLUMNS, changedValueAttributes, userValueRows } from '../mappers/user-value.mapper';
import type { PageQuery } from '../paging/fetch-page';
import { fetchCount, fetchPage } from '../paging/fetch-page';
import type { SortableResource } from '../paging/resource-sort-key';
import { walkedTable } from '../paging/organization-walk';
import { resourceSortKey } from '../paging/resource-sort-key';
import type { Sql } from '../sql';
import { findUserPageWithGroups, findUserWithGroups } from './users-with-groups';

const ID_CHUNK = 1000;

/** Users sort by `emails.value` as RFC 7644 §3.4.2.3 says: the primary email, else the first. */
const USERS: SortableResource = {
  target: USER_FILTER_TARGET,
  catalog: USER_ATTRIBUTES,
  id: raw('u.id'),
  special: (dialect: Dialect) => ({
    'emails.value': raw(
      `(SELECT v.value_key FROM ${dialect.quote('user_values')} v WHERE v.user_id = u.id AND v.attribute = 'emails' ORDER BY v.primary_flag DESC, v.position LIMIT 1)`,
    ),
  }),
};

export class SqlUserRepository implements UserRepository {
  private readonly users: string;
  private readonly values: string;

  constructor(private readonly db: Sql) {
    this.users = db.dialect.quote('users');
    this.values = db.dialect.quote('user_values');
  }

  async findById(organizationId: string, id: string): Promise<UserRecord | null> {
    const rows = await this.db.rows<UserSqlRow>(
      `SELECT ${USER_COLUMNS} FROM ${this.users} u WHERE u.organization_id = ? AND u.id = ?`,
      [organizationId, id],
    );
    return rows[0] ? toUserRecord(rows[0]) : null;
  }

  /** One SELECT per 1000 ids. */
  async findByIds(organizationId: string, ids: readonly string[]): Promise<UserRecord[]> {
    return this.selectByIds(USER_COLUMNS, toUserRecord, organizationId, ids);
  }

  async findSummariesByIds(organizationId: string, ids: readonly string[]): Promise<UserSummary[]> {
    return this.selectByIds(USER_SUMMARY_COLUMNS, toUserSummary, organizationId, ids);
  }

  private async selectByIds<T>(
    columns: string,
    map: (row: UserSqlRow) => T,
    organizationId: string,
    ids: readonly string[],
  ): Promise<T[]> {
    const found: T[] = [];
    for (const part of chunk([...new Set(ids)], ID_CHUNK)) {
      const query = sql`SELECT ${raw(columns)} FROM ${raw(this.users)} u WHERE u.organization_id = ${organizationId} AND u.id IN ${list(part)}`;
      for (const row of await this.db.rows<UserSqlRow>(query.sql, query.params)) found.push(map(row));
    }
    return found;
  }

  async findPage(
    organizationId: string,
    filter: ResolvedFilter | null,
    page: PageRequest,
  ): Promise<Page<UserRecord>> {
    return fetchPage<UserSqlRow, UserRecord>(
      this.db,
      this.pageQuery(organizationId, filter, page),
      page,
      toUserRecord,
      (row) => row.id,
    );
  }

  findByIdWithGroups(organizationId: string, id: string): Promise<WithGroups<UserRecord | null>> {
    return findUserWithGroups(this.db, organizationId, id);
  }

  findPageWithGroups(
    organizationId: string,
    filter: ResolvedFilter | null,
    page: PageRequest,
  ): Promise<WithGroups<Page<UserRecord>>> {
    return findUserPageWithGroups(
      this.db,
      organizationId,
      this.pageQuery(organizationId, filter, page),
      page,
    );
  }

  private pageQuery(organizationId: string, filter: ResolvedFilter | null, page: PageRequest): PageQuery {
    return {
      columns: raw(USER_COLUMNS),
      from: raw(`FROM ${walkedTable(this.db.dialect, this.users, 'u', 'ix_users_org_id', filter, page)}`),
      where: this.where(organizationId, filter),
      key: resourceSortKey(USERS, page.orderBy, this.db.dialect),
    };
  }

  async count(organizationId: string, filter: ResolvedFilter | null): Promise<number> {
    return fetchCount(this.db, raw(`FROM ${this.users} u`), this.where(organizationId, filter));
  }

  async insert(row: UserWrite): Promise<void> {
    const columns: [string, SqlParam][] = [
      ['id', row.id],
      ['organization_id', row.organizationId],
      ...userWriteColumns(row),
      ['password_hash', row.passwordHash ?? null],
      ['created_at', toDbDate(row.createdAt)],
    ];
    await this.db.atomic(async (tx) => {
      // The user row first: a taken userName fails here, before anything else is written.
      await tx.run(
        `INSERT INTO ${this.users} (${columns.map(([c]) => c).join(', ')}) VALUES (${placeholders(columns.length)})`,
        columns.map(([, v]) => v),
      );
      await this.insertValues(tx, row, changedValueAttributes(row, null));
    });
  }

  async update(row: UserWrite, previous: UserRecord): Promise<boolean> {
    const columns = userWriteColumns(row);
    if (row.passwordHash !== undefined) columns.push(['password_hash', row.passwordHash]);
    return this.db.atomic(async (tx) => {
      const affected = await tx.run(
        `UPDATE ${this.users} SET ${columns.map(([c]) => `${c} = ?`).join(', ')} WHERE id = ? AND organization_id = ? AND version = ?`,
        [...columns.map(([, v]) => v), row.id, row.organizationId, previous.version],
      );
      if (affected !== 1) return false;
      // The projection is rewritten only for the multi-valued attributes that changed.
      const changed = changedValueAttributes(row, previous);
      if (changed.length > 0) {
        await tx.run(
          `DELETE FROM ${this.values} WHERE user_id = ? AND attribute IN (${placeholders(changed.length)})`,
          [row.id, ...changed],
        );
        await this.insertValues(tx, row, changed);
      }
      return true;
    });
  }

  /** The user's `user_values` rows go with it (ON DELETE CASCADE). */
  async delete(organizationId: string, id: string): Promise<boolean> {
    return (
      (await this.db.run(`DELETE FROM ${this.users} WHERE organization_id = ? AND id = ?`, [
        organizationId,
        id,
      ])) === 1
    );
  }

  private where(organizationId: string, filter: ResolvedFilter | null): Fragment[] {
    const scope = { dialect: this.db.dialect, organizationId };
    const org = sql`u.organization_id = ${organizationId}`;
    return filter ? [org, compileFilter(filter, USER_FILTER_TARGET, scope)] : [org];
  }

  private async insertValues(
    tx: Sql,
    row: UserWrite,
    attributes: readonly UserValueAttribute[],
  ): Promise<void> {
    const rows = userValueRows(row, attributes);
    const perStatement = Math.floor(tx.dialect.maxParams / USER_VALUE_COLUMNS.length);
    const tuple = `(${placeholders(USER_VALUE_COLUMNS.length)})`;
    for (const part of chunk(rows, perStatement)) {
      await tx.run(
        `INSERT INTO ${this.values} (${USER_VALUE_COLUMNS.join(', ')}) VALUES ${part.map(() => tuple).join(', ')}`,
        part.flat(),
      );
    }
  }
}
