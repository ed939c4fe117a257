import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphqlContext } from '../context';
import type { GroupConnectionSource } from '../types/group.type';
import { GroupConnection } from '../types/group.type';

@Resolver(() => GroupConnection)
export class GroupConnectionResolver {
  /** A separate COUNT query, so it runs only when a client selects the field. */
  @FieldResolver(() => Int)
  totalCount(
    @Root() connection: GroupConnectionSource,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<number> {
    return services.groups.count(request, connection.filter);
  }
}
