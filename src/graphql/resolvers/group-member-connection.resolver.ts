import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphqlContext } from '../context';
import type { GroupMemberConnectionSource } from '../types/group-member.type';
import { GroupMemberConnection } from '../types/group-member.type';

@Resolver(() => GroupMemberConnection)
export class GroupMemberConnectionResolver {
  /** A separate COUNT query, run only when a client selects the field and the page does not tell it. */
  @FieldResolver(() => Int)
  totalCount(
    @Root() connection: GroupMemberConnectionSource,
    @Ctx() { request, services }: GraphqlContext,
  ): number | Promise<number> {
    return connection.knownTotal ?? services.memberships.countMembers(request, connection.groupId);
  }
}
