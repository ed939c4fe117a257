import { Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { GraphqlContext } from '../context';
import type { UserConnectionSource } from '../types/user.type';
import { UserConnection } from '../types/user.type';

@Resolver(() => UserConnection)
export class UserConnectionResolver {
  /** A separate COUNT query, so it runs only when a client selects the field. */
  @FieldResolver(() => Int)
  totalCount(
    @Root() connection: UserConnectionSource,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<number> {
    return services.users.count(request, connection.filter);
  }
}
