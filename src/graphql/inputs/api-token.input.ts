import { Field, InputType } from 'type-graphql';

@InputType({ description: 'A new API token.' })
export class ApiTokenInput {
  @Field(() => String)
  name!: string;

  @Field(() => [String], { description: 'identity:read, identity:write, identity:admin or scim.' })
  scopes!: string[];

  @Field(() => Date, { nullable: true, description: 'Omitted or null: the token does not expire.' })
  expiresAt?: Date | null;
}
