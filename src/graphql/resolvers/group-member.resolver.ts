import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { GroupMember as GroupMemberRecord, GroupRecord } from '../../domain/groups/group';
import type { UserRecord } from '../../domain/users/user';
import type { GraphqlContext } from '../context';
import { GroupMembersArgs, toPageRequest } from '../inputs/list.args';
import { toConnection } from '../types/connection.type';
import type { GroupMemberConnectionSource } from '../types/group-member.type';
import { GroupMember, GroupMemberConnection } from '../types/group-member.type';
import { Group } from '../types/group.type';
import { User } from '../types/user.type';

@Resolver(() => GroupMember)
export class GroupMemberResolver {
  @Query(() => GroupMemberConnection, { description: 'Direct members of a group, one page at a time.' })
  async groupMembers(
    @Args(() => GroupMembersArgs) { groupId, ...page }: GroupMembersArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<GroupMemberConnectionSource> {
    return {
      ...toConnection(await services.memberships.listMembers(request, groupId, toPageRequest(page))),
      groupId,
    };
  }

  @FieldResolver(() => User, { nullable: true, description: 'The member, when it is a user.' })
  async user(
    @Root() member: GroupMemberRecord,
    @Ctx() { loaders }: GraphqlContext,
  ): Promise<UserRecord | null> {
    return member.memberType === 'User' ? loaders.usersById.load(member.memberId) : null;
  }

  @FieldResolver(() => Group, { nullable: true, description: 'The member, when it is a group.' })
  async group(
    @Root() member: GroupMemberRecord,
    @Ctx() { loaders }: GraphqlContext,
  ): Promise<GroupRecord | null> {
    return member.memberType === 'Group' ? loaders.groupsById.load(member.memberId) : null;
  }
}
