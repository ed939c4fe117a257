import type { UserGroupMembership } from '../../domain/groups/group';
import { fromDbBoolean } from '../dialect';
import type { Dialect } from '../dialect';
import type { Fragment } from '../fragment';
import { raw, sql } from '../fragment';
import { GROUP_COLUMN_NAMES, toGroupRecord } from '../mappers/group.mapper';

/** `direct` of a walk's row that stands for a user itself (its `group_id` is then the user's id). */
const SELF = raw('2');

/**
 * The groups of some users, direct and nested, as the common table expression `memberships
 * (user_id, group_id, direct)` of a `WITH RECURSIVE`: from where `start` puts the users, up through
 * their groups' parents. UNION (not UNION ALL) makes the walk terminate even if a cycle slipped in.
 * A group reached both directly and through another group has a row of each kind; readers report
 * it once, as direct. One definition serves the separate read (`groupsOfUsers`) and the reads of
 * users with their groups, so both answer the same.
 */
export function userGroupsWalk(dialect: Dialect, organizationId: string, start: Fragment): Fragment {
  return sql`memberships (user_id, group_id, direct) AS (
${start}
UNION
SELECT m.user_id, gm.group_id, CASE WHEN m.direct = ${SELF} THEN 1 ELSE 0 END FROM memberships m ${raw(dialect.walkJoin)} ${raw(dialect.quote('group_members'))} gm ON gm.organization_id = ${organizationId} AND gm.member_id = m.group_id
)`;
}

/** The walk's first rows: the direct memberships of the users `seed` names (`IN (?, ?)`, `= ?`). */
export const directMemberships = (dialect: Dialect, organizationId: string, seed: Fragment): Fragment =>
  sql`SELECT gm.member_id, gm.group_id, 1 FROM ${raw(dialect.quote('group_members'))} gm WHERE gm.organization_id = ${organizationId} AND gm.member_id ${seed}`;

/**
 * The walk's first rows: one per user that a SELECT of ids (`id`) returns, standing for the user
 * itself (`SELF_ROW`), so a statement can read those users from the walk. The SELECT then runs
 * once, inside the walk: a CTE of its own referenced twice (the walk's start and the users read)
 * is run twice by MariaDB, which also refuses an outer reference inside a recursive CTE.
 */
export const usersThemselves = (ids: Fragment): Fragment => sql`SELECT p.id, p.id, ${SELF} FROM (${ids}) p`;

/** Whether the walk's row `m` stands for its user (see `usersThemselves`) rather than a group. */
export const SELF_ROW = sql`m.direct = ${SELF}`;

/** `g`'s columns, named as no column of a user is, so they can stand in one row with a user's. */
export const ALIASED_GROUP_COLUMNS = GROUP_COLUMN_NAMES.map(
  (column) => `g.${column} AS group_${column}`,
).join(', ');

/** A group's columns as ALIASED_GROUP_COLUMNS names them, and the walk's `direct`. */
export interface UserGroupSqlRow {
  readonly direct: unknown;
  readonly group_id: string | null;
  readonly group_organization_id: string;
  readonly group_display_name: string;
  readonly group_external_id: string | null;
  readonly group_version: unknown;
  readonly group_created_at: unknown;
  readonly group_updated_at: unknown;
}

export const toUserGroupMembership = (userId: string, row: UserGroupSqlRow): UserGroupMembership => ({
  userId,
  group: toGroupRecord({
    id: row.group_id as string,
    organization_id: row.group_organization_id,
    display_name: row.group_display_name,
    external_id: row.group_external_id,
    version: row.group_version,
    created_at: row.group_created_at,
    updated_at: row.group_updated_at,
  }),
  direct: fromDbBoolean(Number(row.direct)),
});
