import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { UserRecord } from '../../domain/users/user';
import type { GraphqlContext } from '../context';
import { Manager, User } from '../types/user.type';

@Resolver(() => Manager)
export class ManagerResolver {
  @FieldResolver(() => String, {
    nullable: true,
    description: "The managing user's displayName, when it is a user here.",
  })
  async displayName(@Root() manager: Manager, @Ctx() { loaders }: GraphqlContext): Promise<string | null> {
    return (await loaders.usersById.load(manager.value))?.displayName ?? null;
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: 'The managing user, when it is a user of the organization.',
  })
  user(@Root() manager: Manager, @Ctx() { loaders }: GraphqlContext): Promise<UserRecord | null> {
    return loaders.usersById.load(manager.value);
  }
}
