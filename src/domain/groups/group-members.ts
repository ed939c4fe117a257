import { badInput } from '../../errors';
import type { Repositories } from '../store';
import type { MemberRef } from './group.repository';

/** One call may change this many members: enough for an IdP's largest group push in one PATCH. */
export const MAX_MEMBERS_PER_CALL = 10_000;
/** How many member ids an error or audit event lists; the counts are always exact. */
export const AUDITED_IDS = 100;

export function checkMemberIds(memberIds: readonly string[]): string[] {
  if (memberIds.length > MAX_MEMBERS_PER_CALL) {
    throw badInput('memberIds', `At most ${MAX_MEMBERS_PER_CALL} members can be changed in one call`);
  }
  return [...new Set(memberIds)];
}

/**
 * Membership changes inside a caller's transaction, as set operations. They do not lock the group
 * or bump its version: the group write that calls them does (group-write.service.ts).
 */
export const groupMembers = {
  /** Adds members; every id must be a user or group of the organization, and no cycle may form. */
  async add(
    tx: Repositories,
    organizationId: string,
    groupId: string,
    ids: readonly string[],
    addedAt: Date,
  ): Promise<number> {
    if (ids.length === 0) return 0;
    // Most additions name users who are not members yet: one INSERT … SELECT adds them. Only when
    // an id was not added (a group, a member already there, or nothing) are the ids classified for
    // the checks below; an unknown id fails the whole transaction, so nothing stays added.
    const addedUsers = await tx.memberships.addUsers(organizationId, groupId, ids, addedAt);
    if (addedUsers === ids.length) return addedUsers;
    const kinds = await tx.memberships.classify(organizationId, ids);
    const unknown = ids.filter((id) => !kinds.has(id));
    if (unknown.length > 0) {
      throw badInput('memberIds', `No user or group with id ${unknown.slice(0, 5).join(', ')}`, {
        reason: 'unknownMember',
        ids: unknown.slice(0, AUDITED_IDS),
      });
    }
    const members: MemberRef[] = ids.map((id) => ({ id, type: kinds.get(id)! }));
    await checkNoCycle(tx, organizationId, groupId, members);
    return addedUsers + (await tx.memberships.add(organizationId, groupId, members, addedAt));
  },

  /** Removes members; absent ones are not an error. */
  async remove(tx: Repositories, organizationId: string, groupId: string, ids: readonly string[]) {
    return ids.length === 0 ? 0 : tx.memberships.remove(organizationId, groupId, ids);
  },

  /** Makes the members exactly `ids`, touching only the difference; returns the ids that changed. */
  async set(
    tx: Repositories,
    organizationId: string,
    groupId: string,
    ids: readonly string[],
    addedAt: Date,
  ) {
    const wanted = new Set(ids);
    const current = await tx.memberships.memberIds(organizationId, groupId);
    const present = new Set(current);
    const toRemove = current.filter((id) => !wanted.has(id));
    const toAdd = ids.filter((id) => !present.has(id));
    const removed = await groupMembers.remove(tx, organizationId, groupId, toRemove);
    const added = await groupMembers.add(tx, organizationId, groupId, toAdd, addedAt);
    return { added, removed, ids: [...toAdd, ...toRemove], addedIds: toAdd, removedIds: toRemove };
  },
};

async function checkNoCycle(
  tx: Repositories,
  organizationId: string,
  groupId: string,
  members: readonly MemberRef[],
): Promise<void> {
  const groups = members.filter((m) => m.type === 'Group');
  if (groups.length === 0) return;
  const ancestors = new Set(await tx.memberships.ancestorsOf(organizationId, groupId));
  const cyclic = groups.find((g) => g.id === groupId || ancestors.has(g.id));
  if (cyclic) {
    throw badInput(
      'memberIds',
      `Group ${cyclic.id} contains group ${groupId}; adding it would make a cycle`,
      {
        reason: 'cycle',
      },
    );
  }
}
