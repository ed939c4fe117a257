import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { GraphqlContext } from '../context';
import { EventFeedArgs } from '../inputs/event-feed.args';
import { ChangeEvent, ChangeEventPage } from '../types/change-event.type';
import { encodeCursor } from '../../domain/events/event.service';

@Resolver(() => ChangeEvent)
export class ChangeEventResolver {
  @Query(() => ChangeEventPage, {
    description:
      "The organization's change events in commit order: poll with the last `endCursor` to see every event exactly once (needs identity:read).",
  })
  async events(
    @Args(() => EventFeedArgs) args: EventFeedArgs,
    @Ctx() { request, services }: GraphqlContext,
  ): Promise<ChangeEventPage> {
    const page = await services.events.feed(request, args);
    return {
      nodes: page.events.map((event) => ({ ...event, data: { ...event.data } })),
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: args.after != null,
        startCursor: page.events.length > 0 ? encodeCursor(page.events[0].seq) : null,
        endCursor: page.endCursor,
      },
    };
  }
}
