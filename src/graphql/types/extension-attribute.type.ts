import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  simpleResolvers: true,
  description:
    "An organization-defined User attribute (an identity provider's custom attribute), valued in `User.extensions`.",
})
export class ExtensionAttribute {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    description: 'The schema URN, e.g. `urn:ietf:params:scim:schemas:extension:acme:2.0:User`.',
  })
  schema!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, {
    description: 'The SCIM type: `string`, `boolean`, `integer`, `decimal`, `dateTime` or `reference`.',
  })
  type!: string;

  @Field(() => Boolean)
  multiValued!: boolean;

  @Field(() => Boolean)
  caseExact!: boolean;

  @Field(() => Boolean)
  required!: boolean;

  @Field(() => [String], { description: 'When not empty, the only values a string attribute accepts.' })
  canonicalValues!: string[];

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}
