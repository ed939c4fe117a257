import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from './connection.type';

@ObjectType({
  simpleResolvers: true,
  description:
    'One SCIM request of a connection, as its request log keeps it (bodies redacted and truncated).',
})
export class ConnectionRequest {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'X-Request-Id: also on the access log line and on its audit events.' })
  requestId!: string;

  @Field(() => String)
  method!: string;

  @Field(() => String, { description: 'Path and query (secret-looking parameters redacted).' })
  path!: string;

  @Field(() => Int)
  status!: number;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => [String], { description: 'IdP quirks tolerated and attributes ignored.' })
  quirks!: string[];

  @Field(() => Boolean)
  dryRun!: boolean;

  @Field(() => [ID], { description: 'The users and groups it named or created.' })
  resourceIds!: string[];

  @Field(() => [ID], {
    description: 'The audit events it produced (each links back through connectionRequest).',
  })
  auditEventIds!: string[];

  @Field(() => String, { nullable: true, description: 'Passwords, tokens and secrets removed.' })
  requestBody!: string | null;

  @Field(() => String, { nullable: true, description: 'Passwords, tokens and secrets removed.' })
  responseBody!: string | null;

  @Field(() => Date, { description: 'When the request arrived.' })
  at!: Date;
}

@ObjectType({ simpleResolvers: true, description: 'A page of a connection’s requests, newest first.' })
export class ConnectionRequestConnection extends Connection('ConnectionRequest', ConnectionRequest) {}
