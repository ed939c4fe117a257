import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: 'Requests matching every field that is set.' })
export class ConnectionRequestFilter {
  @Field(() => Int, { nullable: true })
  status?: number | null;

  @Field(() => String, { nullable: true, description: 'GET, POST, PUT, PATCH or DELETE.' })
  method?: string | null;

  @Field(() => ID, { nullable: true, description: 'Requests that named or created this user or group.' })
  resourceId?: string | null;

  @Field(() => Date, { nullable: true, description: 'From this time on (inclusive).' })
  since?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Before this time (exclusive).' })
  until?: Date | null;
}

@ArgsType()
export class ConnectionRequestArgs {
  @Field(() => ID)
  connectionId!: string;

  @Field(() => ConnectionRequestFilter, { nullable: true })
  filter?: ConnectionRequestFilter | null;

  @Field(() => Int, { nullable: true, description: 'Page size, 0 to 1000.' })
  first: number | null = 50;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
