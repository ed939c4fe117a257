import { Field, InputType } from 'type-graphql';
import type { Address, EnterpriseUser, MultiValue, Name } from '../../domain/users/user';
import { ENTERPRISE_TEXT, NAME_TEXT } from '../../domain/users/user-catalog';

/** The catalog's free-text parts of `name` or `enterprise`, an omitted one as null. */
const texts = (input: object, parts: object): Record<string, string | null> =>
  Object.fromEntries(
    Object.keys(parts).map((key) => [key, (input as Record<string, string | null | undefined>)[key] ?? null]),
  );

@InputType({ description: "The components of a user's name." })
export class NameInput {
  @Field(() => String, { nullable: true })
  formatted?: string | null;

  @Field(() => String, { nullable: true })
  familyName?: string | null;

  @Field(() => String, { nullable: true })
  givenName?: string | null;

  @Field(() => String, { nullable: true })
  middleName?: string | null;

  @Field(() => String, { nullable: true })
  honorificPrefix?: string | null;

  @Field(() => String, { nullable: true })
  honorificSuffix?: string | null;
}

@InputType({
  description: 'One value of a multi-valued attribute. At most one value per attribute is primary.',
})
export class MultiValueInput {
  @Field(() => String)
  value!: string;

  @Field(() => String, { nullable: true })
  display?: string | null;

  @Field(() => String, { nullable: true })
  type?: string | null;

  @Field(() => Boolean, { nullable: true })
  primary?: boolean | null;
}

@InputType({ description: 'A physical mailing address.' })
export class AddressInput {
  @Field(() => String, { nullable: true })
  formatted?: string | null;

  @Field(() => String, { nullable: true })
  streetAddress?: string | null;

  @Field(() => String, { nullable: true })
  locality?: string | null;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true })
  postalCode?: string | null;

  @Field(() => String, { nullable: true })
  country?: string | null;

  @Field(() => String, { nullable: true })
  type?: string | null;

  @Field(() => Boolean, { nullable: true })
  primary?: boolean | null;
}

@InputType({ description: 'The SCIM enterprise user extension.' })
export class EnterpriseUserInput {
  @Field(() => String, { nullable: true })
  employeeNumber?: string | null;

  @Field(() => String, { nullable: true })
  costCenter?: string | null;

  @Field(() => String, { nullable: true })
  organization?: string | null;

  @Field(() => String, { nullable: true })
  division?: string | null;

  @Field(() => String, { nullable: true })
  department?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The manager's user id (kept as sent, even if unknown here).",
  })
  managerId?: string | null;
}

export const toName = (input: NameInput): Name => texts(input, NAME_TEXT) as Name;

export const toMultiValues = (values: readonly MultiValueInput[]): MultiValue[] =>
  values.map((input) => ({
    value: input.value,
    display: input.display ?? null,
    type: input.type ?? null,
    primary: input.primary ?? false,
  }));

export const toAddresses = (values: readonly AddressInput[]): Address[] =>
  values.map((input) => ({
    formatted: input.formatted ?? null,
    streetAddress: input.streetAddress ?? null,
    locality: input.locality ?? null,
    region: input.region ?? null,
    postalCode: input.postalCode ?? null,
    country: input.country ?? null,
    type: input.type ?? null,
    primary: input.primary ?? false,
  }));

export const toEnterprise = (input: EnterpriseUserInput): EnterpriseUser =>
  ({ ...texts(input, ENTERPRISE_TEXT), managerId: input.managerId ?? null }) as EnterpriseUser;
