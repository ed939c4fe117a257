import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { UserGroupMembership as UserGroupMembershipRecord } from '../../domain/groups/group';
import type { UserRecord } from '../../domain/users/user';
import { createdWithGroups } from '../../domain/users/with-groups';
import type { GraphqlContext } from '../context';
import { primeGroupsOfUsers } from '../context';
import { toFilterInput } from '../inputs/filter.input';
import { ListArgs, toPageRequest } from '../inputs/list.args';
import { UserInput, toUserInput, toUserPatch } from '../inputs/user.input';
import { uuidArg } from '../inputs/uuid';
import { DeleteArgs, ReplaceUserArgs, SetUserActiveArgs, UpdateUserArgs } from '../inputs/write.args';
import { toConnection } from '../types/connection.type';
import type { UserConnectionSource } from '../types/user.type';
import { User, UserConnection, UserGroupMembership } from '../types/user.type';
import { selectsGroupsOfUser, selectsGroupsOfUsers } from '../user-groups-look-ahead';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: "A user of the caller's organization, or null." })
  async user(
    @Arg('id', () => ID) id: string,
    @Ctx() { request, services, loaders }: GraphqlContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<UserRecord | null> {
    if (!selectsGroupsOfUser(info)) return services.users.find(request, uuidArg('id', id));
    return primeGroupsOfUsers(loaders, await services.users.findWithGroups(request, uuidArg('id', id)));
  }

  @Query(() => UserConnection, { description: "Users of the caller's organization, one page at a time." })
  async users(
    @Args(() => ListArgs) args: ListArgs,
    @Ctx() { request, services, loaders }: GraphqlContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<UserConnectionSource> {
    const filter = args.filter ? toFilterInput(args.filter) : null;
    const page = toPageRequest(args);
    const found = selectsGroupsOfUsers(info)
      ? primeGroupsOfUsers(loaders, await services.users.listWithGroups(request, filter, page))
      : await services.users.list(request, filter, page);
    return { ...toConnection(found), filter };
  }

  @FieldResolver(() => [UserGroupMembership], {
    description: 'Groups the user belongs to, directly or nested.',
  })
  groups(
    @Root() user: UserRecord,
    @Ctx() { loaders }: GraphqlContext,
  ): Promise<readonly UserGroupMembershipRecord[]> {
    return loaders.groupsOfUser.load(user.id);
  }

  @Mutation(() => User)
  async createUser(
    @Arg('input', () => UserInput) input: UserInput,
    @Ctx() { request, services, loaders }: GraphqlContext,
  ): Promise<UserRecord> {
    return primeGroupsOfUsers(
      loaders,
      createdWithGroups(await services.users.create(request, toUserInput(input))),
    );
  }

  @Mutation(() => User, {
    description: 'Replaces every attribute; without `password` the stored one is kept.',
  })
  replaceUser(
    @Args(() => ReplaceUserArgs) { id, input, expectedVersion }: ReplaceUserArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<UserRecord> {
    return services.users.replace(request, id, toUserInput(input), { expectedVersion });
  }

  @Mutation(() => User, { description: 'Changes the fields that are set; an explicit null clears one.' })
  updateUser(
    @Args(() => UpdateUserArgs) { id, input, expectedVersion }: UpdateUserArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<UserRecord> {
    return services.users.update(request, id, toUserPatch(input), { expectedVersion });
  }

  @Mutation(() => User)
  setUserActive(
    @Args(() => SetUserActiveArgs) { id, active, expectedVersion }: SetUserActiveArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<UserRecord> {
    return services.users.setActive(request, id, active, { expectedVersion });
  }

  @Mutation(() => ID, {
    description: "Deletes the user and its group memberships; returns the deleted user's id.",
  })
  async deleteUser(
    @Args(() => DeleteArgs) { id, expectedVersion }: DeleteArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<string> {
    return (await services.users.delete(request, id, { expectedVersion })).id;
  }
}
