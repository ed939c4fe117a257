import { badInput } from '../../errors';
import { recordAudit } from '../audit/audit-trail';
import { memberEvents } from '../events/event-data';
import type { RequestContext } from '../auth/request-context';
import { authorize } from '../auth/request-context';
import type { Clock } from '../shared/clock';
import { checkPage } from '../shared/check-page';
import type { Page, PageRequest } from '../shared/page';
import type { WriteOptions } from '../shared/versioning';
import { checkVersion, orNotFound, versionConflict } from '../shared/versioning';
import type { Repositories, Store } from '../store';
import type { GroupMember, GroupRecord, UserGroupMembership } from './group';
import type { MemberRef } from './group.repository';

/** One call may change this many members: enough for an IdP's largest group push in one PATCH. */
export const MAX_MEMBERS_PER_CALL = 10_000;
/** How many member ids an audit event lists; the counts are always exact. */
const AUDITED_IDS = 100;

export function checkMemberIds(memberIds: readonly string[]): string[] {
  if (memberIds.length > MAX_MEMBERS_PER_CALL) {
    throw badInput('memberIds', `At most ${MAX_MEMBERS_PER_CALL} members can be changed in one call`);
  }
  return [...new Set(memberIds)];
}

export interface MembershipChange {
  readonly group: GroupRecord;
  readonly added: number;
  readonly removed: number;
}

/** What a member change did: counts as the database reports them, and the ids the change named. */
interface MemberDelta {
  readonly added: number;
  readonly removed: number;
  readonly addedIds: readonly string[];
  readonly removedIds: readonly string[];
}

export class GroupMembershipService {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  async listMembers(ctx: RequestContext, groupId: string, page: PageRequest): Promise<Page<GroupMember>> {
    const organizationId = authorize(ctx, 'read');
    orNotFound('Group', groupId, await this.store.repositories.groups.findById(organizationId, groupId));
    return this.store.repositories.memberships.findPage(organizationId, groupId, checkPage(page));
  }

  async countMembers(ctx: RequestContext, groupId: string): Promise<number> {
    return this.store.repositories.memberships.count(authorize(ctx, 'read'), groupId);
  }

  /** The member count of each group, in the order asked (DataLoader contract). */
  async countMembersOf(ctx: RequestContext, groupIds: readonly string[]): Promise<number[]> {
    const counts = await this.store.repositories.memberships.countMany(authorize(ctx, 'read'), groupIds);
    return groupIds.map((id) => counts.get(id) ?? 0);
  }

  /** For each user id, the groups it belongs to directly and through nested groups. */
  async groupsOfUsers(ctx: RequestContext, userIds: readonly string[]): Promise<UserGroupMembership[][]> {
    const all = await this.store.repositories.memberships.groupsOfUsers(authorize(ctx, 'read'), userIds);
    return userIds.map((id) => all.filter((m) => m.userId === id));
  }

  async add(ctx: RequestContext, groupId: string, memberIds: readonly string[], options: WriteOptions = {}) {
    authorize(ctx, 'write');
    const ids = checkMemberIds(memberIds);
    return this.change(ctx, groupId, options, 'group.members.add', async (tx) => ({
      added: await this.addWithin(tx, ctx, groupId, ids),
      removed: 0,
      addedIds: ids,
      removedIds: [],
    }));
  }

  async remove(
    ctx: RequestContext,
    groupId: string,
    memberIds: readonly string[],
    options: WriteOptions = {},
  ) {
    authorize(ctx, 'write');
    const ids = checkMemberIds(memberIds);
    return this.change(ctx, groupId, options, 'group.members.remove', async (tx) => ({
      added: 0,
      removed: await this.removeWithin(tx, ctx, groupId, ids),
      addedIds: [],
      removedIds: ids,
    }));
  }

  /** Makes the members exactly `memberIds`, touching only the difference. */
  async set(ctx: RequestContext, groupId: string, memberIds: readonly string[], options: WriteOptions = {}) {
    authorize(ctx, 'write');
    const ids = checkMemberIds(memberIds);
    return this.change(ctx, groupId, options, 'group.members.set', (tx) =>
      this.setWithin(tx, ctx, groupId, ids),
    );
  }

  /** Sets the members inside a caller's transaction; returns the counts and the ids that changed. */
  async setWithin(tx: Repositories, ctx: RequestContext, groupId: string, ids: readonly string[]) {
    const organizationId = ctx.principal.organizationId;
    const wanted = new Set(ids);
    const current = await tx.memberships.memberIds(organizationId, groupId);
    const present = new Set(current);
    const toRemove = current.filter((id) => !wanted.has(id));
    const toAdd = ids.filter((id) => !present.has(id));
    const removed =
      toRemove.length === 0 ? 0 : await tx.memberships.remove(organizationId, groupId, toRemove);
    const added = toAdd.length === 0 ? 0 : await this.addWithin(tx, ctx, groupId, toAdd);
    return { added, removed, addedIds: toAdd, removedIds: toRemove };
  }

  /** Removes members inside a caller's transaction; absent members are not an error. */
  async removeWithin(
    tx: Repositories,
    ctx: RequestContext,
    groupId: string,
    ids: readonly string[],
  ): Promise<number> {
    return ids.length === 0 ? 0 : tx.memberships.remove(ctx.principal.organizationId, groupId, ids);
  }

  /** Adds members inside a caller's transaction: every id must be a user or group of the organization. */
  async addWithin(
    tx: Repositories,
    ctx: RequestContext,
    groupId: string,
    ids: readonly string[],
  ): Promise<number> {
    const organizationId = ctx.principal.organizationId;
    if (ids.length === 0) return 0;
    const kinds = await tx.memberships.classify(organizationId, ids);
    const unknown = ids.filter((id) => !kinds.has(id));
    if (unknown.length > 0) {
      throw badInput('memberIds', `No user or group with id ${unknown.slice(0, 5).join(', ')}`, {
        reason: 'unknownMember',
        ids: unknown.slice(0, AUDITED_IDS),
      });
    }
    const members: MemberRef[] = ids.map((id) => ({ id, type: kinds.get(id)! }));
    await this.checkNoCycle(tx, organizationId, groupId, members);
    return tx.memberships.add(organizationId, groupId, members);
  }

  private async checkNoCycle(
    tx: Repositories,
    organizationId: string,
    groupId: string,
    members: readonly MemberRef[],
  ) {
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

  private async change(
    ctx: RequestContext,
    groupId: string,
    options: WriteOptions,
    action: string,
    work: (tx: Repositories) => Promise<MemberDelta>,
  ): Promise<MembershipChange> {
    const organizationId = ctx.principal.organizationId;
    return this.store.transaction(async (tx) => {
      const current = orNotFound('Group', groupId, await tx.groups.findById(organizationId, groupId));
      checkVersion('Group', current, options.expectedVersion);
      const delta = await work(tx);
      const { added, removed } = delta;
      if (added + removed === 0) return { group: current, added, removed };
      const updatedAt = this.clock();
      // Unconditional unless the caller asked: concurrent disjoint additions must all succeed.
      if (
        !(await tx.groups.touch(organizationId, groupId, updatedAt, options.expectedVersion ?? undefined))
      ) {
        throw versionConflict('Group', groupId);
      }
      const group = orNotFound('Group', groupId, await tx.groups.findById(organizationId, groupId));
      const ids = [...delta.addedIds, ...delta.removedIds];
      await recordAudit(tx.audit, ctx, this.clock, {
        action,
        targetType: 'Group',
        targetId: groupId,
        changes: { added, removed, memberIds: ids.slice(0, AUDITED_IDS) },
        events: memberEvents(group, delta),
      });
      return { group, added, removed };
    });
  }
}
