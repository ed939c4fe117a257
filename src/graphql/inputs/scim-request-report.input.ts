import { Field, InputType, Int } from 'type-graphql';

@InputType({
  description:
    'One SCIM request a standalone SCIM facade answered (GRAPHQL_URL), reported for the health counters and request log of the connection whose token reports it.',
})
export class ScimRequestReport {
  @Field(() => Date)
  at!: Date;

  @Field(() => String, {
    description: 'The request id (X-Request-Id) the facade used for its GraphQL calls.',
  })
  requestId!: string;

  @Field(() => String)
  method!: string;

  @Field(() => String, { description: 'Path and query as received, e.g. `/scim/v2/Users?filter=…`.' })
  path!: string;

  @Field(() => Int)
  status!: number;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => String, { nullable: true, description: 'The error detail of a 4xx or 5xx answer.' })
  detail?: string | null;

  @Field(() => [String], { nullable: true, description: 'Quirks tolerated and attributes ignored.' })
  quirks?: string[] | null;

  @Field(() => [String], { nullable: true })
  resourceIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Redacted again and truncated by the service.' })
  requestBody?: string | null;

  @Field(() => String, { nullable: true, description: 'Redacted again and truncated by the service.' })
  responseBody?: string | null;

  @Field(() => Int, { nullable: true })
  usersCreated?: number | null;

  @Field(() => Int, { nullable: true })
  groupsCreated?: number | null;
}
