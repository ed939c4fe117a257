import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GroupWriteResult } from '../../domain/groups/group-write.service';
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
  async updateGroup(
    @Args(() => UpdateGroupArgs) { id, input, expectedVersion }: UpdateGroupArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<GroupRecord> {
    const change = { displayName: input.displayName, externalId: input.externalId };
    return (await services.groupWrites.write(request, id, change, 'group.update', { expectedVersion })).group;
  }

  @Mutation(() => Group, {
    description:
      'Changes attributes and members of one group together, or nothing at all (SCIM PATCH and PUT).',
  })
  async modifyGroup(
    @Args(() => ModifyGroupArgs) { id, input, expectedVersion }: ModifyGroupArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<GroupRecord> {
    const change = toGroupChange(input);
    return (await services.groupWrites.write(request, id, change, 'group.modify', { expectedVersion })).group;
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
    @Args(() => MembershipArgs) args: MembershipArgs,
    @Ctx() context: GraphqlContext,
  ): Promise<GroupWriteResult> {
    return changeMembers(context, args, 'add');
  }

  @Mutation(() => MembershipChange, {
    description: 'Removes the listed members that are there (idempotent, atomic).',
  })
  removeGroupMembers(
    @Args(() => MembershipArgs) args: MembershipArgs,
    @Ctx() context: GraphqlContext,
  ): Promise<GroupWriteResult> {
    return changeMembers(context, args, 'remove');
  }

  @Mutation(() => MembershipChange, {
    description: 'Makes the members exactly `memberIds`, touching only the difference.',
  })
  setGroupMembers(
    @Args(() => MembershipArgs) args: MembershipArgs,
    @Ctx() context: GraphqlContext,
  ): Promise<GroupWriteResult> {
    return changeMembers(context, args, 'set');
  }
}

/** The member mutations: one group write each, recorded under its own audit action. */
function changeMembers(
  { request, services }: GraphqlContext,
  { groupId, memberIds, expectedVersion }: MembershipArgs,
  change: 'add' | 'remove' | 'set',
): Promise<GroupWriteResult> {
  const members = { [change]: memberIds };
  return services.groupWrites.write(request, groupId, { members }, `group.members.${change}`, {
    expectedVersion,
  });
}
