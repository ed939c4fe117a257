import { Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import type { OrganizationRecord } from '../../domain/organizations/organization';
import type { UserRecord } from '../../domain/users/user';
import type { GraphqlContext } from '../context';
import { User } from '../types/user.type';
import { Organization, Viewer } from '../types/viewer.type';

/** The viewer is the caller: its fields read the request's principal, not a stored record. */
@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { description: 'Who is calling: organization, subject, scopes and user.' })
  viewer(@Ctx() { request }: GraphqlContext): Pick<Viewer, 'subject' | 'scopes'> {
    const { subject, scopes } = request.principal;
    return { subject, scopes: [...scopes] };
  }

  @FieldResolver(() => Organization)
  organization(@Ctx() { request, services }: GraphqlContext): Promise<OrganizationRecord> {
    return services.organizations.current(request);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: "The user a JWT's subject names (SCIM /Me); null for API tokens and unknown subjects.",
  })
  async user(@Ctx() { request, loaders }: GraphqlContext): Promise<UserRecord | null> {
    const { userId } = request.principal;
    return userId ? loaders.usersById.load(userId) : null;
  }
}
