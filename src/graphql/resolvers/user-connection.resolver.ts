import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphqlContext } from '../context';
import type { UserConnectionSource } from '../types/user.type';
import { UserConnection } from '../types/user.type';

@Resolver(() => UserConnection)
export class UserConnectionResolver {
  /** A separate COUNT query, run only when a client selects the field and the page does not tell it. */
  @FieldResolver(() => Int)
  totalCount(
    @Root() connection: UserConnectionSource,
    @Ctx() { request, services }: GraphqlContext,
  ): number | Promise<number> {
    return connection.knownTotal ?? services.users.count(request, connection.filter);
  }
}
