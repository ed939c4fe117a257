import { ArgsType, Field, InputType, Int } from 'type-graphql';

@InputType({ description: 'A new organization (tenant).' })
export class CreateOrganizationInput {
  @Field(() => String, { description: '1-64 lower-case letters, digits or hyphens; unique.' })
  slug!: string;

  @Field(() => String)
  name!: string;
}

@ArgsType()
export class OrganizationPageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 0 to 1000.' })
  first: number | null = 50;

  @Field(() => String, { nullable: true })
  after?: string | null;
}
