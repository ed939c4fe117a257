import type { UserGroupMembership } from '../../domain/groups/group';
import type { Page, PageRequest } from '../../domain/shared/page';
import type { UserRecord } from '../../domain/users/user';
import type { WithGroups } from '../../domain/users/with-groups';
import type { Fragment } from '../fragment';
import { raw, sql } from '../fragment';
import type { UserSqlRow } from '../mappers/user.mapper';
import { USER_COLUMNS, toUserRecord } from '../mappers/user.mapper';
import type { PageQuery } from '../paging/fetch-page';
import { planPage, toPage } from '../paging/fetch-page';
import type { SortKey } from '../paging/sort-key';
import { byId, orderTerms } from '../paging/sort-key';
import type { Sql } from '../sql';
import type { UserGroupSqlRow } from './user-groups-walk';
import {
  ALIASED_GROUP_COLUMNS,
  SELF_ROW,
  toUserGroupMembership,
  userGroupsWalk,
  usersThemselves,
} from './user-groups-walk';

/**
 * Users read together with their groups, direct and nested, in one statement (see `readWithGroups`):
 * a GraphQL query that shows users' groups costs one statement, not a second one from the loader.
 */

/** A row of `readWithGroups`: a user's columns (its sort value too), or a group's. */
type Row = UserSqlRow & UserGroupSqlRow & { readonly user_id: string; readonly sort_value?: unknown };

export async function findUserWithGroups(
  db: Sql,
  organizationId: string,
  id: string,
): Promise<WithGroups<UserRecord | null>> {
  const users = raw(db.dialect.quote('users'));
  const ids = sql`SELECT u.id FROM ${users} u WHERE u.organization_id = ${organizationId} AND u.id = ${id}`;
  const read = await readWithGroups(db, organizationId, ids, raw(USER_COLUMNS), byId(raw('u.id')));
  return { value: read.users[0] ? toUserRecord(read.users[0]) : null, groupsOf: read.groupsOf };
}

/** A page as `fetchPage` reads it (its ids selected with its conditions, order, limit and offset). */
export async function findUserPageWithGroups(
  db: Sql,
  organizationId: string,
  query: PageQuery,
  page: PageRequest,
): Promise<WithGroups<Page<UserRecord>>> {
  const planned = planPage({ ...query, columns: raw('u.id') }, page);
  const read = await readWithGroups(db, organizationId, planned.select, query.columns, query.key);
  return { value: toPage(read.users, planned, toUserRecord, (row) => row.id), groupsOf: read.groupsOf };
}

/**
 * Users and their groups in one statement. The users' ids are selected where the walk starts
 * (`usersThemselves`), and each row of the walk is read once: a row standing for a user with the
 * user's columns (the group's null), a row of a group with the group's (the user's null). So no
 * column is sent twice and no derived table is searched per user. Rows come users first, in the
 * order of `key`, then groups by user and group id, direct before nested.
 */
async function readWithGroups(
  db: Sql,
  organizationId: string,
  ids: Fragment,
  columns: Fragment,
  key: SortKey,
): Promise<{ users: Row[]; groupsOf: Map<string, UserGroupMembership[]> }> {
  const walk = userGroupsWalk(db.dialect, organizationId, usersThemselves(ids));
  const sortValue = key.expr ? sql`, ${key.expr} AS sort_value` : raw('');
  const statement = sql`WITH RECURSIVE ${walk}
SELECT ${columns}${sortValue}, m.user_id, m.direct, ${raw(ALIASED_GROUP_COLUMNS)} FROM memberships m
LEFT JOIN ${raw(db.dialect.quote('users'))} u ON ${SELF_ROW} AND u.organization_id = ${organizationId} AND u.id = m.user_id
LEFT JOIN ${raw(db.dialect.quote('groups'))} g ON NOT (${SELF_ROW}) AND g.id = m.group_id
ORDER BY CASE WHEN ${SELF_ROW} THEN 0 ELSE 1 END, ${orderTerms(key)}, m.user_id, g.id, m.direct DESC`;
  const users: Row[] = [];
  const groupsOf = new Map<string, UserGroupMembership[]>();
  for (const row of await db.rows<Row>(statement.sql, statement.params)) {
    if (row.id !== null) {
      users.push(row);
      groupsOf.set(row.id, []);
      continue;
    }
    const groups = groupsOf.get(row.user_id);
    // A group reached directly and nested comes twice, direct first: the first row answers.
    if (row.group_id !== null && groups !== undefined && groups.at(-1)?.group.id !== row.group_id)
      groups.push(toUserGroupMembership(row.user_id, row));
  }
  return { users, groupsOf };
}
