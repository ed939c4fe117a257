import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Connection } from './connection.type';

@ObjectType({
  simpleResolvers: true,
  description:
    'A change a dry-run request would have made (and rolled back). Values never include a password or other secret.',
})
export class RequestChange {
  @Field(() => String, { description: 'User, Group, or ApiToken (personal tokens revoked with their user).' })
  resourceType!: string;

  @Field(() => ID, { description: 'The id the resource had in the rolled-back transaction.' })
  resourceId!: string;

  @Field(() => String, {
    description: 'The change event type (user.created, user.deactivated, group.members_added …).',
  })
  action!: string;

  @Field(() => [String], { description: 'The attributes it changed (password named, never its value).' })
  changedAttributes!: string[];

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The changed attributes before (the whole resource for a delete); null for a create.',
  })
  before!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The changed attributes after (the whole resource for a create); null for a delete.',
  })
  after!: Record<string, unknown> | null;
}

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

  @Field(() => [RequestChange], {
    nullable: true,
    description:
      'dryRun: what the request would have changed, in order (empty: nothing). Null when the request committed: its audit events say what changed.',
  })
  changes!: RequestChange[] | null;

  @Field(() => Int, {
    description:
      'dryRun: how many further would-be changes were not kept (an entry keeps at most REQUEST_LOG_MAX_BODY_BYTES of them; past that, changes are kept without their values first).',
  })
  changesOmitted!: number;

  @Field(() => Date, { description: 'When the request arrived.' })
  at!: Date;
}

@ObjectType({ simpleResolvers: true, description: 'A page of a connection’s requests, newest first.' })
export class ConnectionRequestConnection extends Connection('ConnectionRequest', ConnectionRequest) {}
