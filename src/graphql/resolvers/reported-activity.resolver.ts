import { Arg, Ctx, Int, Mutation, Resolver } from 'type-graphql';
import type { GraphqlContext } from '../context';
import { ScimRequestReport } from '../inputs/scim-request-report.input';

/** What a standalone SCIM facade reports about the requests it answered. */
@Resolver()
export class ReportedActivityResolver {
  @Mutation(() => Int, {
    description:
      'For the standalone SCIM facade only: counts and logs requests it answered for the connection of the calling token (scim scope, relayed as SCIM). Returns how many were recorded.',
  })
  recordScimRequests(
    @Arg('requests', () => [ScimRequestReport]) requests: ScimRequestReport[],
    @Ctx() { request, services }: GraphqlContext,
  ): number {
    return services.reportedActivity.record(request, requests);
  }
}
