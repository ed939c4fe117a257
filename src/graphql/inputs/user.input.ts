import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, InputType } from 'type-graphql';
import type { ExtensionValues, UserInput as DomainUserInput, UserPatch } from '../../domain/users/user';
import type { UserTextAttribute } from '../../domain/users/user-catalog';
import { USER_TEXT } from '../../domain/users/user-catalog';
import {
  AddressInput,
  EnterpriseUserInput,
  MultiValueInput,
  NameInput,
  toAddresses,
  toEnterprise,
  toMultiValues,
  toName,
} from './user-parts.input';

/** Every writable attribute; UserInput makes userName required. */
@InputType()
abstract class UserAttributesInput {
  @Field(() => String, { nullable: true })
  userName?: string | null;

  @Field(() => String, { nullable: true })
  externalId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Omitted or null on create and replace: true.' })
  active?: boolean | null;

  @Field(() => String, { nullable: true })
  displayName?: string | null;

  @Field(() => NameInput, { nullable: true })
  name?: NameInput | null;

  @Field(() => String, { nullable: true })
  nickName?: string | null;

  @Field(() => String, { nullable: true })
  profileUrl?: string | null;

  @Field(() => String, { nullable: true })
  title?: string | null;

  @Field(() => String, { nullable: true })
  userType?: string | null;

  @Field(() => String, { nullable: true })
  preferredLanguage?: string | null;

  @Field(() => String, { nullable: true })
  locale?: string | null;

  @Field(() => String, { nullable: true })
  timezone?: string | null;

  @Field(() => [MultiValueInput], { nullable: true })
  emails?: MultiValueInput[] | null;

  @Field(() => [MultiValueInput], { nullable: true })
  phoneNumbers?: MultiValueInput[] | null;

  @Field(() => [MultiValueInput], { nullable: true })
  ims?: MultiValueInput[] | null;

  @Field(() => [MultiValueInput], { nullable: true })
  photos?: MultiValueInput[] | null;

  @Field(() => [MultiValueInput], { nullable: true })
  entitlements?: MultiValueInput[] | null;

  @Field(() => [MultiValueInput], { nullable: true })
  roles?: MultiValueInput[] | null;

  @Field(() => [MultiValueInput], { nullable: true })
  x509Certificates?: MultiValueInput[] | null;

  @Field(() => [AddressInput], { nullable: true })
  addresses?: AddressInput[] | null;

  @Field(() => EnterpriseUserInput, { nullable: true })
  enterprise?: EnterpriseUserInput | null;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'Extension attribute values by schema URN, then name, checked against userExtensionAttributes. On update, given replaces all.',
  })
  extensions?: Record<string, Record<string, unknown>> | null;

  @Field(() => String, {
    nullable: true,
    description: 'Write-only: stored as a scrypt hash, never returned.',
  })
  password?: string | null;
}

@InputType({ description: 'A whole user, for create and replace: omitted attributes are empty.' })
export class UserInput extends UserAttributesInput {
  @Field(() => String)
  declare userName: string;
}

@InputType({
  description: 'A partial update: an omitted field is left unchanged, an explicit null clears it.',
})
export class UserPatchInput extends UserAttributesInput {}

/** `undefined` stays `undefined` (unchanged) and `null` stays `null` (cleared); values are mapped. */
function mapPresent<T, R>(value: T | null | undefined, map: (value: T) => R): R | null | undefined {
  if (value === undefined || value === null) return value as null | undefined;
  return map(value);
}

/** The catalog's free-text attributes pass as they are (the input declares each as a String). */
const TEXT_ATTRIBUTES = Object.keys(USER_TEXT) as UserTextAttribute[];

/** One object filled in place: this runs for every user write. */
export function toUserPatch(input: UserPatchInput): UserPatch {
  const patch: { -readonly [K in keyof UserPatch]: UserPatch[K] } = {
    userName: input.userName,
    externalId: input.externalId,
    active: input.active,
  };
  for (const key of TEXT_ATTRIBUTES) patch[key] = input[key];
  patch.name = mapPresent(input.name, toName);
  patch.emails = mapPresent(input.emails, toMultiValues);
  patch.phoneNumbers = mapPresent(input.phoneNumbers, toMultiValues);
  patch.ims = mapPresent(input.ims, toMultiValues);
  patch.photos = mapPresent(input.photos, toMultiValues);
  patch.entitlements = mapPresent(input.entitlements, toMultiValues);
  patch.roles = mapPresent(input.roles, toMultiValues);
  patch.x509Certificates = mapPresent(input.x509Certificates, toMultiValues);
  patch.addresses = mapPresent(input.addresses, toAddresses);
  patch.enterprise = mapPresent(input.enterprise, toEnterprise);
  // The domain checks every value against the organization's definitions.
  patch.extensions = input.extensions as ExtensionValues | null | undefined;
  patch.password = input.password;
  return patch;
}

/** A whole user: on create and replace an omitted attribute and a null one both mean "empty". */
export function toUserInput(input: UserInput): DomainUserInput {
  const whole: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(toUserPatch(input)))
    if (value !== undefined && value !== null) whole[key] = value;
  whole.userName = input.userName;
  return whole as unknown as DomainUserInput;
}
