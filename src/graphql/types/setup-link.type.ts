import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description:
    "A connection's setup link: its visitor may read that connection and its request log, and reset its token; nothing else. Its secret is shown once, in IssuedSetupLink.url.",
})
export class SetupLink {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  connectionId!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => String, { description: 'The subject that created it (`token:<id>`, `jwt:<sub>`, `cli`).' })
  createdBy!: string;

  @Field(() => Date, { description: 'It stops working then (or when revoked, whichever is first).' })
  expiresAt!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'The last request authenticated with it.' })
  lastUsedAt!: Date | null;

  @Field(() => Int, { description: 'How many requests were authenticated with it.' })
  useCount!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A new setup link with its URL: the only time the URL (which holds the secret) is returned.',
})
export class IssuedSetupLink {
  @Field(() => SetupLink)
  setupLink!: SetupLink;

  @Field(() => String, { description: 'PUBLIC_URL/admin/setup/<secret>: send it to the IT admin, once.' })
  url!: string;
}
