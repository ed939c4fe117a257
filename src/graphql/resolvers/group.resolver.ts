import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { MembershipChange as MembershipChangeRecord } from '../../domain/groups/group-membership.service';
import type { GroupRecord } from '../../domain/groups/group';
import type { GraphqlContext } from '../context';
import { toFilterInput } from '../inputs/filter.input';
import { GroupInput, toGroupChange } from '../inputs/group.input';
import { ListArgs, MemberPageArgs, toPageRequest } from '../inputs/list.args';
import { uuidArg } from '../inputs/uuid';
import { DeleteArgs, MembershipArgs, ModifyGroupArgs, UpdateGroupArgs } from '../inputs/write.args';
import { toConnection } from '../types/connection.type';
import type { GroupConnectionSource } from '../types/group.type';
import { Group, GroupConnection, MembershipChange } from '../types/group.type';
import type { GroupMemberConnectionSource } from '../types/group-member.type';
import { GroupMemberConnection } from '../types/group-member.type';

@Resolver(() => Group)
export class GroupResolver {
  @Query(() => Group, { nullable: true, description: "A group of the caller's organization, or null." })
  group(
    @Arg('id', () => ID) id: string,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<GroupRecord | null> {
    return services.groups.find(request, uuidArg('id', id));
  }

  @Query(() => GroupConnection, { description: "Groups of the caller's organization, one page at a time." })
  async groups(
    @Args(() => ListArgs) args: ListArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<GroupConnectionSource> {
    const filter = args.filter ? toFilterInput(args.filter) : null;
    return { ...toConnection(await services.groups.list(request, filter, toPageRequest(args))), filter };
  }

  @FieldResolver(() => Int, { description: 'How many direct members the group has.' })
  memberCount(@Root() group: GroupRecord, @Ctx() { loaders }: GraphqlContext): Promise<number> {
    return loaders.memberCounts.load(group.id);
  }

  @FieldResolver(() => GroupMemberConnection, { description: 'Direct members, one page at a time.' })
  async members(
    @Root() group: GroupRecord,
    @Args(() => MemberPageArgs) args: MemberPageArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<GroupMemberConnectionSource> {
    return {
      ...toConnection(await services.memberships.listMembers(request, group.id, toPageRequest(args))),
      groupId: group.id,
    };
  }

  @Mutation(() => Group)
  createGroup(
    @Arg('input', () => GroupInput) input: GroupInput,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<GroupRecord> {
    const { displayName, externalId, memberIds } = input;
    return services.groups.create(request, { displayName, externalId }, memberIds ?? []);
  }

  @Mutation(() => Group, {
    description: 'Changes displayName and externalId; members have their own mutations.',
  })
  updateGroup(
    @Args(() => UpdateGroupArgs) { id, input, expectedVersion }: UpdateGroupArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<GroupRecord> {
    return services.groups.update(
      request,
      id,
      { displayName: input.displayName, externalId: input.externalId },
      { expectedVersion },
    );
  }

  @Mutation(() => Group, {
    description:
      'Changes attributes and members of one group together, or nothing at all (SCIM PATCH and PUT).',
  })
  modifyGroup(
    @Args(() => ModifyGroupArgs) { id, input, expectedVersion }: ModifyGroupArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<GroupRecord> {
    return services.groupModifications.modify(request, id, toGroupChange(input), { expectedVersion });
  }

  @Mutation(() => ID, {
    description: "Deletes the group and its memberships; returns the deleted group's id.",
  })
  async deleteGroup(
    @Args(() => DeleteArgs) { id, expectedVersion }: DeleteArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<string> {
    return (await services.groups.delete(request, id, { expectedVersion })).id;
  }

  @Mutation(() => MembershipChange, {
    description: 'Adds the members that are not there yet (idempotent, atomic).',
  })
  addGroupMembers(
    @Args(() => MembershipArgs) { groupId, memberIds, expectedVersion }: MembershipArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<MembershipChangeRecord> {
    return services.memberships.add(request, groupId, memberIds, { expectedVersion });
  }

  @Mutation(() => MembershipChange, {
    description: 'Removes the listed members that are there (idempotent, atomic).',
  })
  removeGroupMembers(
    @Args(() => MembershipArgs) { groupId, memberIds, expectedVersion }: MembershipArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<MembershipChangeRecord> {
    return services.memberships.remove(request, groupId, memberIds, { expectedVersion });
  }

  @Mutation(() => MembershipChange, {
    description: 'Makes the members exactly `memberIds`, touching only the difference.',
  })
  setGroupMembers(
    @Args(() => MembershipArgs) { groupId, memberIds, expectedVersion }: MembershipArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<MembershipChangeRecord> {
    return services.memberships.set(request, groupId, memberIds, { expectedVersion });
  }
}
