import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphqlContext } from '../context';
import type { GroupConnectionSource } from '../types/group.type';
import { GroupConnection } from '../types/group.type';

@Resolver(() => GroupConnection)
export class GroupConnectionResolver {
  /** A separate COUNT query, run only when a client selects the field and the page does not tell it. */
  @FieldResolver(() => Int)
  totalCount(
    @Root() connection: GroupConnectionSource,
    @Ctx() { request, services }: GraphqlContext,
  ): number | Promise<number> {
    return connection.knownTotal ?? services.groups.count(request, connection.filter);
  }
}
