import { authorize } from '../auth/request-context';
import type { RequestContext } from '../auth/request-context';
import { checkPage } from '../shared/check-page';
import type { Page, PageRequest } from '../shared/page';
import { orNotFound } from '../shared/versioning';
import type { Store } from '../store';
import type { GroupMember, UserGroupMembership } from './group';

/** Who is in which group. Changes go through the one group write path (group-write.service.ts). */
export class GroupMembershipService {
  constructor(private readonly store: Store) {}

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
}
