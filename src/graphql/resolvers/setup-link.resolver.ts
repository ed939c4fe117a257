import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type {
  IssuedSetupLink as IssuedSetupLinkRecord,
  SetupLinkRecord,
} from '../../domain/setup-links/setup-link';
import { DEFAULT_SETUP_LINK_HOURS } from '../../domain/setup-links/setup-link.service';
import type { GraphqlContext } from '../context';
import { IssuedSetupLink, SetupLink } from '../types/setup-link.type';

/** Setup links of a connection (issuing and revoking need identity:admin). */
@Resolver(() => SetupLink)
export class SetupLinkResolver {
  @Query(() => [SetupLink], { description: "A connection's setup links, newest first." })
  setupLinks(
    @Arg('connectionId', () => ID) connectionId: string,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<SetupLinkRecord[]> {
    return services.setupLinks.list(request, connectionId);
  }

  @Mutation(() => IssuedSetupLink, {
    description:
      'A setup link for the connection, valid expiresInHours (1 to 720); its URL is in this answer and nowhere else.',
  })
  createSetupLink(
    @Arg('connectionId', () => ID) connectionId: string,
    @Arg('expiresInHours', () => Int, { nullable: true, defaultValue: DEFAULT_SETUP_LINK_HOURS })
    expiresInHours: number | null,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<IssuedSetupLinkRecord> {
    return services.setupLinks.create(request, connectionId, expiresInHours ?? DEFAULT_SETUP_LINK_HOURS);
  }

  @Mutation(() => SetupLink, { description: 'Stops the setup link at once (idempotent).' })
  revokeSetupLink(
    @Arg('id', () => ID) id: string,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<SetupLinkRecord> {
    return services.setupLinks.revoke(request, id);
  }
}
