import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description: 'A tenant: every user, group and token belongs to exactly one.',
})
export class Organization {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType({
  simpleResolvers: true,
  description: 'The caller: its organization and what its credentials allow.',
})
export class Viewer {
  @Field(() => String, {
    description:
      '`token:<id>` for API tokens, `jwt:<issuer>:<sub>` for JWTs of JWKS issuers, `jwt:<sub>` for the static key, `setup-link:<id>` for a setup link.',
  })
  subject!: string;

  @Field(() => [String])
  scopes!: string[];
}
