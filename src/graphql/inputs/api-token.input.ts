import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'A new API token.' })
export class ApiTokenInput {
  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: 'identity:read, identity:write, identity:admin or scim.' })
  scopes!: string[];

  @Field(() => Date, { nullable: true, description: 'Omitted or null: the token does not expire.' })
  expiresAt?: Date | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Makes a personal token of this active user: revoked, in the same transaction, when the user is deactivated or deleted.',
  })
  userId?: string | null;
}
