import { ArgsType, Field, ID, Int } from 'type-graphql';

@ArgsType()
export class EventFeedArgs {
  @Field(() => String, {
    nullable: true,
    description:
      "A previous page's `endCursor`: only events committed after it. Without it: from the oldest retained.",
  })
  after?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only these event types (empty or absent: all).' })
  types?: string[] | null;

  @Field(() => ID, { nullable: true, description: 'Only events about this user, group or token.' })
  resourceId?: string | null;

  @Field(() => Int, { defaultValue: 100, description: 'Page size, 0 to 1000.' })
  first!: number;
}
