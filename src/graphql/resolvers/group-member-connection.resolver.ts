import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphqlContext } from '../context';
import type { GroupMemberConnectionSource } from '../types/group-member.type';
import { GroupMemberConnection } from '../types/group-member.type';

@Resolver(() => GroupMemberConnection)
export class GroupMemberConnectionResolver {
  /** A separate COUNT query, so it runs only when a client selects the field. */
  @FieldResolver(() => Int)
  totalCount(
    @Root() connection: GroupMemberConnectionSource,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<number> {
    return services.memberships.countMembers(request, connection.groupId);
  }
}
