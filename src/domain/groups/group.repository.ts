import type { ResolvedFilter } from '../filter/filter';
import type { Page, PageRequest } from '../shared/page';
import type { GroupMember, GroupRecord, GroupRow, MemberType, UserGroupMembership } from './group';

export interface GroupRepository {
  findById(organizationId: string, id: string): Promise<GroupRecord | null>;
  /**
   * Inside a transaction: reads the group and keeps concurrent writers of it waiting until the
   * transaction ends, so the version read is the one the transaction's write follows.
   */
  findForUpdate(organizationId: string, id: string): Promise<GroupRecord | null>;
  findByIds(organizationId: string, ids: readonly string[]): Promise<GroupRecord[]>;
  findPage(
    organizationId: string,
    filter: ResolvedFilter | null,
    page: PageRequest,
  ): Promise<Page<GroupRecord>>;
  count(organizationId: string, filter: ResolvedFilter | null): Promise<number>;
  insert(row: GroupRow): Promise<void>;
  /** Writes displayName/externalId/version/updatedAt if the stored version is `expectedVersion`. */
  update(row: GroupRow, expectedVersion: number): Promise<boolean>;
  /** Deletes the group, its memberships and its appearances as a member of other groups. */
  delete(organizationId: string, id: string): Promise<boolean>;
}

export interface MemberRef {
  readonly id: string;
  readonly type: MemberType;
}

/**
 * Membership as set operations: each call is a bounded number of statements whatever the group's
 * size (large batches are chunked only to respect driver parameter limits).
 */
export interface MembershipRepository {
  /** Which of `ids` are users or groups of the organization. Unknown ids are absent from the map. */
  classify(organizationId: string, ids: readonly string[]): Promise<Map<string, MemberType>>;
  /** Inserts the members that are not there yet, as added at `addedAt`; returns how many were added. */
  add(organizationId: string, groupId: string, members: readonly MemberRef[], addedAt: Date): Promise<number>;
  /**
   * Inserts those of `ids` that are users of the organization and not members yet, in one statement
   * (per 1000 ids); returns how many were added. Ids of groups, of nothing, or of members already
   * there are skipped: the caller finds out which by the count.
   */
  addUsers(organizationId: string, groupId: string, ids: readonly string[], addedAt: Date): Promise<number>;
  /** Deletes the listed members that are there; returns how many were removed. */
  remove(organizationId: string, groupId: string, memberIds: readonly string[]): Promise<number>;
  removeAll(organizationId: string, groupId: string): Promise<number>;
  /**
   * Removes `memberId` from every group of the organization (when a user or group is deleted) and
   * bumps those groups' versions, since their member lists changed.
   */
  removeEverywhere(organizationId: string, memberId: string, updatedAt: Date): Promise<number>;
  /** All member ids of a group, for computing a set difference. */
  memberIds(organizationId: string, groupId: string): Promise<string[]>;
  findPage(organizationId: string, groupId: string, page: PageRequest): Promise<Page<GroupMember>>;
  count(organizationId: string, groupId: string): Promise<number>;
  /** Member counts of several groups in one query; groups without members are absent. */
  countMany(organizationId: string, groupIds: readonly string[]): Promise<Map<string, number>>;
  /** The groups each user belongs to, directly and through nested groups, in one query. */
  groupsOfUsers(organizationId: string, userIds: readonly string[]): Promise<UserGroupMembership[]>;
  /** Ids of `groupId` and every group that contains it, directly or transitively. */
  ancestorsOf(organizationId: string, groupId: string): Promise<string[]>;
}
