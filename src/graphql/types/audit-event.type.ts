import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Connection } from './connection.type';

@ObjectType({
  simpleResolvers: true,
  description: 'A recorded change, written in the same transaction as the change itself.',
})
export class AuditEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    description: 'Who made the change (`token:<id>`, `jwt:<sub>` or `jwt:<issuer>:<sub>`, `cli`).',
  })
  actor!: string;

  @Field(() => String, {
    description:
      'The API the change came through: `graphql`, `scim` (/scim/v2), `scim:1.1` (/scim/v1) or `cli`.',
  })
  channel!: string;

  @Field(() => String, { description: 'What happened, e.g. `user.create`, `group.members.add`.' })
  action!: string;

  @Field(() => String, {
    description:
      'What kind of resource changed: `User`, `Group`, `ApiToken`, `Organization`, `ExtensionAttribute`.',
  })
  targetType!: string;

  @Field(() => String)
  targetId!: string;

  @Field(() => GraphQLJSONObject, {
    description: 'A summary of the change: attribute names and counts, never secrets.',
  })
  changes!: Record<string, unknown>;

  @Field(() => [String], { description: 'What the protocol adapter adapted or ignored in the request.' })
  notes!: string[];

  @Field(() => String)
  requestId!: string;

  @Field(() => Date)
  occurredAt!: Date;
}

@ObjectType({ simpleResolvers: true, description: 'A page of audit events, newest first.' })
export class AuditEventConnection extends Connection('AuditEvent', AuditEvent) {}
