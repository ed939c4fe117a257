import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { OrganizationRecord } from '../../domain/organizations/organization';
import type { GraphqlContext } from '../context';
import { CreateOrganizationInput, OrganizationPageArgs } from '../inputs/organization.input';
import { toPageRequest } from '../inputs/list.args';
import type { ConnectionPage } from '../types/connection.type';
import { toConnection } from '../types/connection.type';
import { OrganizationConnection } from '../types/organization.type';
import { Organization } from '../types/viewer.type';

/** Organizations themselves, for the platform that embeds this service: every field needs platform:admin. */
@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => OrganizationConnection, { description: 'Every organization, by slug (platform:admin).' })
  async organizations(
    @Args(() => OrganizationPageArgs) args: OrganizationPageArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<ConnectionPage<OrganizationRecord>> {
    return toConnection(await services.organizationAdmin.page(request, toPageRequest(args)));
  }

  @Query(() => Organization, {
    nullable: true,
    description: 'One organization by id or by slug (exactly one of them); null when none (platform:admin).',
  })
  organization(
    @Arg('id', () => ID, { nullable: true }) id: string | null,
    @Arg('slug', () => String, { nullable: true }) slug: string | null,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<OrganizationRecord | null> {
    return services.organizationAdmin.find(request, { id, slug });
  }

  @Mutation(() => Organization, { description: 'Creates an organization (platform:admin).' })
  createOrganization(
    @Arg('input', () => CreateOrganizationInput) input: CreateOrganizationInput,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<OrganizationRecord> {
    return services.organizationAdmin.create(request, input);
  }

  @Mutation(() => Organization, { description: 'Changes the display name; the slug stays (platform:admin).' })
  renameOrganization(
    @Arg('id', () => ID) id: string,
    @Arg('name', () => String) name: string,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<OrganizationRecord> {
    return services.organizationAdmin.rename(request, id, name);
  }

  @Mutation(() => Organization, {
    description:
      'Deletes the organization and returns it as it was. Refused (CONFLICT) while it still has users, groups or connections, unless force: true; its audit trail is kept (platform:admin).',
  })
  deleteOrganization(
    @Arg('id', () => ID) id: string,
    @Arg('force', () => Boolean, { defaultValue: false }) force: boolean,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<OrganizationRecord> {
    return services.organizationAdmin.delete(request, id, force);
  }
}
