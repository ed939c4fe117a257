import { Ctx, FieldResolver, Query, Resolver } from 'type-graphql';
import type { ConnectionView } from '../../domain/connections/connection';
import type { OrganizationRecord } from '../../domain/organizations/organization';
import type { SetupLinkRecord } from '../../domain/setup-links/setup-link';
import type { UserRecord } from '../../domain/users/user';
import type { GraphqlContext } from '../context';
import { IdpConnection } from '../types/idp-connection.type';
import { SetupLink } from '../types/setup-link.type';
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

  @FieldResolver(() => SetupLink, {
    nullable: true,
    description: "A setup link's visitor: the link it signed in with; null for every other caller.",
  })
  setupLink(@Ctx() { request, services }: GraphqlContext): Promise<SetupLinkRecord | null> {
    return services.setupLinks.current(request);
  }

  @FieldResolver(() => IdpConnection, {
    nullable: true,
    description: "A setup link's visitor: the connection it may set up; null for every other caller.",
  })
  async connection(@Ctx() { request, services }: GraphqlContext): Promise<ConnectionView | null> {
    const link = request.principal.setupLink;
    return link ? services.connections.find(request, link.connectionId) : null;
  }
}
