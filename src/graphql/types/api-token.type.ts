import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description: 'An API token of the organization. Its secret is shown once, when issued.',
})
export class ApiToken {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ID, { nullable: true, description: 'The connection it belongs to; null for a loose token.' })
  connectionId!: string | null;

  @Field(() => String, { description: 'The first characters of the secret, to tell tokens apart.' })
  prefix!: string;

  @Field(() => [String])
  scopes!: string[];

  @Field(() => Date, { nullable: true, description: 'Null: the token does not expire.' })
  expiresAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Recorded with a resolution of about a minute.' })
  lastUsedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, {
    description:
      'The subject that created the token (`token:<id>`, `jwt:<sub>` or `jwt:<issuer>:<sub>`, `cli`).',
  })
  createdBy!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => ID, { nullable: true, description: 'The user a personal token belongs to.' })
  userId!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A token with its secret: the only time the secret is returned.',
})
export class IssuedApiToken {
  @Field(() => ApiToken)
  token!: ApiToken;

  @Field(() => String, { description: 'Send as `Authorization: Bearer <secret>`. It cannot be shown again.' })
  secret!: string;
}
