import type { GroupMember, MemberType, UserGroupMembership } from '../../domain/groups/group';
import type { MemberRef, MembershipRepository } from '../../domain/groups/group.repository';
import type { Page, PageRequest } from '../../domain/shared/page';
import type { SqlParam } from '../dialect';
import { chunk, fromDbCount, placeholders, toDbDate } from '../dialect';
import { list, raw, sql } from '../fragment';
import type { GroupMemberSqlRow } from '../mappers/group.mapper';
import { GROUP_COLUMNS, toGroupMember } from '../mappers/group.mapper';
import { fetchPage } from '../paging/fetch-page';
import { byId } from '../paging/sort-key';
import type { Sql } from '../sql';
import type { UserGroupSqlRow } from './user-groups-walk';
import {
  ALIASED_GROUP_COLUMNS,
  directMemberships,
  toUserGroupMembership,
  userGroupsWalk,
} from './user-groups-walk';

/** Rows (or ids) per statement: keeps every statement far below both drivers' parameter limits. */
const CHUNK = 1000;

export class SqlMembershipRepository implements MembershipRepository {
  private readonly members: string;
  private readonly users: string;
  private readonly groups: string;

  constructor(private readonly db: Sql) {
    this.members = db.dialect.quote('group_members');
    this.users = db.dialect.quote('users');
    this.groups = db.dialect.quote('groups');
  }

  /** One query on users and one on groups (per 1000 ids). */
  async classify(organizationId: string, ids: readonly string[]): Promise<Map<string, MemberType>> {
    const kinds = new Map<string, MemberType>();
    for (const part of chunk([...new Set(ids)], CHUNK)) {
      // One statement for both tables: ids are UUIDs, unique across users and groups.
      const query = sql`SELECT id, 'User' AS kind FROM ${raw(this.users)} WHERE organization_id = ${organizationId} AND id IN ${list(part)} UNION ALL SELECT id, 'Group' AS kind FROM ${raw(this.groups)} WHERE organization_id = ${organizationId} AND id IN ${list(part)}`;
      for (const row of await this.db.rows<{ id: string; kind: MemberType }>(query.sql, query.params))
        kinds.set(row.id, row.kind);
    }
    return kinds;
  }

  /** INSERT IGNORE: members already there cost nothing and are not counted. */
  async add(
    organizationId: string,
    groupId: string,
    members: readonly MemberRef[],
    addedAt: Date,
  ): Promise<number> {
    const now = toDbDate(addedAt);
    return this.insertIgnore(members, (part) => ({
      rows: `VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
      params: part.flatMap((m) => [groupId, m.id, organizationId, m.type, now]),
    }));
  }

  /** INSERT IGNORE … SELECT from users: the existence check and the insert in one statement. */
  async addUsers(
    organizationId: string,
    groupId: string,
    ids: readonly string[],
    addedAt: Date,
  ): Promise<number> {
    const now = toDbDate(addedAt);
    return this.insertIgnore([...new Set(ids)], (part) => ({
      rows: `SELECT ?, u.id, u.organization_id, 'User', ? FROM ${this.users} u WHERE u.organization_id = ? AND u.id IN (${placeholders(part.length)})`,
      params: [groupId, now, organizationId, ...part],
    }));
  }

  /** One INSERT IGNORE of membership rows per CHUNK items, all or nothing; returns how many were added. */
  private async insertIgnore<T>(
    items: readonly T[],
    rowsOf: (part: readonly T[]) => { rows: string; params: SqlParam[] },
  ): Promise<number> {
    if (items.length === 0) return 0;
    return this.db.atomic(async (tx) => {
      let added = 0;
      for (const part of chunk(items, CHUNK)) {
        const { rows, params } = rowsOf(part);
        added += await tx.run(
          `${tx.dialect.insertIgnore} ${this.members} (group_id, member_id, organization_id, member_type, created_at) ${rows}`,
          params,
        );
      }
      return added;
    });
  }

  async remove(organizationId: string, groupId: string, memberIds: readonly string[]): Promise<number> {
    if (memberIds.length === 0) return 0;
    return this.db.atomic(async (tx) => {
      let removed = 0;
      for (const part of chunk([...new Set(memberIds)], CHUNK)) {
        removed += await tx.run(
          `DELETE FROM ${this.members} WHERE organization_id = ? AND group_id = ? AND member_id IN (${placeholders(part.length)})`,
          [organizationId, groupId, ...part],
        );
      }
      return removed;
    });
  }

  async removeAll(organizationId: string, groupId: string): Promise<number> {
    return this.db.run(`DELETE FROM ${this.members} WHERE organization_id = ? AND group_id = ?`, [
      organizationId,
      groupId,
    ]);
  }

  async removeEverywhere(organizationId: string, memberId: string, updatedAt: Date): Promise<number> {
    return this.db.atomic(async (tx) => {
      // The groups lose a member: their version (the SCIM ETag) must change too.
      await tx.run(
        `UPDATE ${this.groups} SET version = version + 1, updated_at = ?
          WHERE organization_id = ? AND id IN (SELECT group_id FROM ${this.members} WHERE organization_id = ? AND member_id = ?)`,
        [toDbDate(updatedAt), organizationId, organizationId, memberId],
      );
      return tx.run(`DELETE FROM ${this.members} WHERE organization_id = ? AND member_id = ?`, [
        organizationId,
        memberId,
      ]);
    });
  }

  async memberIds(organizationId: string, groupId: string): Promise<string[]> {
    const rows = await this.db.rows<{ member_id: string }>(
      `SELECT member_id FROM ${this.members} WHERE organization_id = ? AND group_id = ?`,
      [organizationId, groupId],
    );
    return rows.map((row) => row.member_id);
  }

  /** Keyset by member id; each member's display is its group's displayName or its user's displayName/userName. */
  async findPage(organizationId: string, groupId: string, page: PageRequest): Promise<Page<GroupMember>> {
    return fetchPage<GroupMemberSqlRow, GroupMember>(
      this.db,
      {
        columns: raw(
          'gm.group_id, gm.member_id, gm.member_type, COALESCE(mg.display_name, mu.display_name, mu.user_name) AS display',
        ),
        from: raw(
          `FROM ${this.members} gm LEFT JOIN ${this.users} mu ON mu.id = gm.member_id LEFT JOIN ${this.groups} mg ON mg.id = gm.member_id`,
        ),
        where: [sql`gm.organization_id = ${organizationId}`, sql`gm.group_id = ${groupId}`],
        key: byId(raw('gm.member_id')),
      },
      { ...page, orderBy: null },
      toGroupMember,
      (row) => row.member_id,
    );
  }

  async count(organizationId: string, groupId: string): Promise<number> {
    return (await this.countMany(organizationId, [groupId])).get(groupId) ?? 0;
  }

  async countMany(organizationId: string, groupIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const part of chunk([...new Set(groupIds)], CHUNK)) {
      const rows = await this.db.rows<{ group_id: string; n: unknown }>(
        `SELECT group_id, COUNT(*) AS n FROM ${this.members}
          WHERE organization_id = ? AND group_id IN (${placeholders(part.length)}) GROUP BY group_id`,
        [organizationId, ...part],
      );
      for (const row of rows) counts.set(row.group_id, fromDbCount(row.n));
    }
    return counts;
  }

  /**
   * Direct and nested groups of each user (see `userGroupsWalk`) in one query per 1000 users; a group
   * reached both directly and through another group is reported once, as direct. Groups without a
   * row (none: deletes remove their memberships) are left out by the join.
   */
  async groupsOfUsers(organizationId: string, userIds: readonly string[]): Promise<UserGroupMembership[]> {
    const result: UserGroupMembership[] = [];
    for (const part of chunk([...new Set(userIds)], CHUNK)) {
      const start = directMemberships(this.db.dialect, organizationId, sql`IN ${list(part)}`);
      const query = sql`WITH RECURSIVE ${userGroupsWalk(this.db.dialect, organizationId, start)}
SELECT m.user_id, MAX(m.direct) AS direct, ${raw(ALIASED_GROUP_COLUMNS)} FROM memberships m JOIN ${raw(this.groups)} g ON g.id = m.group_id
GROUP BY m.user_id, ${raw(GROUP_COLUMNS)} ORDER BY m.user_id, g.id`;
      const rows = await this.db.rows<UserGroupSqlRow & { user_id: string }>(query.sql, query.params);
      for (const row of rows) result.push(toUserGroupMembership(row.user_id, row));
    }
    return result;
  }

  async ancestorsOf(organizationId: string, groupId: string): Promise<string[]> {
    const query = sql`WITH RECURSIVE ancestors (id) AS (
SELECT g.id FROM ${raw(this.groups)} g WHERE g.organization_id = ${organizationId} AND g.id = ${groupId}
UNION
SELECT gm.group_id FROM ancestors a ${raw(this.db.dialect.walkJoin)} ${raw(this.members)} gm ON gm.organization_id = ${organizationId} AND gm.member_id = a.id
)
SELECT id FROM ancestors`;
    const rows = await this.db.rows<{ id: string }>(query.sql, query.params);
    return rows.map((row) => row.id);
  }
}
