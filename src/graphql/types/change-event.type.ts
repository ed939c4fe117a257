import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from './connection.type';

@ObjectType({
  simpleResolvers: true,
  description:
    'A change to a resource, written in the same transaction as the change. The webhook body is this object as JSON.',
})
export class ChangeEvent {
  @Field(() => ID, { description: 'Stable across reads and redeliveries: use it as the idempotency key.' })
  id!: string;

  @Field(() => String, { description: 'One of the types listed in docs/events.md, e.g. `user.deactivated`.' })
  type!: string;

  @Field(() => ID)
  organizationId!: string;

  @Field(() => ID, { description: 'The id of the user, group or token the event is about.' })
  resourceId!: string;

  @Field(() => Int, {
    nullable: true,
    description: "The resource's version after the change (null for API tokens, which have none).",
  })
  version!: number | null;

  @Field(() => Date)
  occurredAt!: Date;

  @Field(() => String, { description: 'Who made the change (`token:<id>`, `jwt:<sub>`, `cli`).' })
  actor!: string;

  @Field(() => ID, {
    nullable: true,
    description:
      'The connection (IdP app) whose token made the change, recorded with it; null for other actors (JWTs, loose tokens, the CLI).',
  })
  connectionId!: string | null;

  @Field(() => String, {
    description:
      'The API the change came through: `graphql`, `scim` (/scim/v2), `scim:1.1` (/scim/v1) or `cli`.',
  })
  channel!: string;

  @Field(() => GraphQLJSONObject, {
    description:
      'What a consumer can act on without another call: the resource as GraphQL returns it, no secrets.',
  })
  data!: Record<string, unknown>;
}

@ObjectType({ simpleResolvers: true, description: 'A page of change events, oldest first.' })
export class ChangeEventPage {
  @Field(() => [ChangeEvent])
  nodes!: ChangeEvent[];

  @Field(() => PageInfo, {
    description:
      '`endCursor` is the cursor to poll with next; it stays the same while nothing new has happened.',
  })
  pageInfo!: PageInfo;
}
