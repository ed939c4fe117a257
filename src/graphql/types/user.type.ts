import { GraphQLJSONObject } from 'graphql-scalars';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import type { FilterInput } from '../../domain/filter/filter';
import type { UserRecord } from '../../domain/users/user';
import type { ConnectionPage } from './connection.type';
import { Connection } from './connection.type';
import { Group } from './group.type';

@ObjectType({ simpleResolvers: true, description: "The components of a user's name (RFC 7643 §4.1.1)." })
export class Name {
  @Field(() => String, { nullable: true })
  formatted!: string | null;

  @Field(() => String, { nullable: true })
  familyName!: string | null;

  @Field(() => String, { nullable: true })
  givenName!: string | null;

  @Field(() => String, { nullable: true })
  middleName!: string | null;

  @Field(() => String, { nullable: true })
  honorificPrefix!: string | null;

  @Field(() => String, { nullable: true })
  honorificSuffix!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One value of a multi-valued attribute (emails, phoneNumbers, ims, photos, ...).',
})
export class MultiValue {
  @Field(() => String)
  value!: string;

  @Field(() => String, { nullable: true })
  display!: string | null;

  @Field(() => String, { nullable: true })
  type!: string | null;

  @Field(() => Boolean)
  primary!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'A physical mailing address (RFC 7643 §4.1.2).' })
export class Address {
  @Field(() => String, { nullable: true })
  formatted!: string | null;

  @Field(() => String, { nullable: true })
  streetAddress!: string | null;

  @Field(() => String, { nullable: true })
  locality!: string | null;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => String, { nullable: true })
  postalCode!: string | null;

  @Field(() => String, { nullable: true })
  country!: string | null;

  @Field(() => String, { nullable: true })
  type!: string | null;

  @Field(() => Boolean)
  primary!: boolean;
}

@ObjectType({ simpleResolvers: true, description: "A user's manager, as the identity provider sent it." })
export class Manager {
  @Field(() => ID, { description: "The manager's id; it may name a user this service does not hold." })
  value!: string;
}

@ObjectType({ simpleResolvers: true, description: 'The SCIM enterprise user extension (RFC 7643 §4.3).' })
export class EnterpriseUser {
  @Field(() => String, { nullable: true })
  employeeNumber!: string | null;

  @Field(() => String, { nullable: true })
  costCenter!: string | null;

  @Field(() => String, { nullable: true })
  organization!: string | null;

  @Field(() => String, { nullable: true })
  division!: string | null;

  @Field(() => String, { nullable: true })
  department!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({
  simpleResolvers: true,
  description: 'A user of the organization (SCIM core User with the enterprise extension).',
})
export class User {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Unique in the organization, compared case-insensitively.' })
  userName!: string;

  @Field(() => String, { nullable: true })
  externalId!: string | null;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => String, { nullable: true })
  displayName!: string | null;

  @Field(() => Name, { nullable: true })
  name!: Name | null;

  @Field(() => String, { nullable: true })
  nickName!: string | null;

  @Field(() => String, { nullable: true })
  profileUrl!: string | null;

  @Field(() => String, { nullable: true })
  title!: string | null;

  @Field(() => String, { nullable: true })
  userType!: string | null;

  @Field(() => String, { nullable: true })
  preferredLanguage!: string | null;

  @Field(() => String, { nullable: true })
  locale!: string | null;

  @Field(() => String, { nullable: true })
  timezone!: string | null;

  @Field(() => [MultiValue])
  emails!: MultiValue[];

  @Field(() => [MultiValue])
  phoneNumbers!: MultiValue[];

  @Field(() => [MultiValue])
  ims!: MultiValue[];

  @Field(() => [MultiValue])
  photos!: MultiValue[];

  @Field(() => [MultiValue])
  entitlements!: MultiValue[];

  @Field(() => [MultiValue])
  roles!: MultiValue[];

  @Field(() => [MultiValue])
  x509Certificates!: MultiValue[];

  @Field(() => [Address])
  addresses!: Address[];

  @Field(() => EnterpriseUser, { nullable: true })
  enterprise!: EnterpriseUser | null;

  @Field(() => GraphQLJSONObject, {
    description:
      'Values of the organization-defined extension attributes (userExtensionAttributes), by schema URN, then attribute name.',
  })
  extensions!: Record<string, Record<string, unknown>>;

  @Field(() => Boolean, { description: 'Whether a password is set. The password itself is write-only.' })
  hasPassword!: boolean;

  @Field(() => Int, { description: 'Bumped on every write; pass as `expectedVersion`.' })
  version!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A group a user belongs to, directly or through nested groups.',
})
export class UserGroupMembership {
  @Field(() => Group)
  group!: Group;

  @Field(() => Boolean, { description: 'False when the membership comes through a nested group.' })
  direct!: boolean;
}

@ObjectType({ simpleResolvers: true, description: 'A page of users.' })
export class UserConnection extends Connection('User', User) {
  @Field(() => Int, { description: 'Users matching the filter: a separate count, run only when selected.' })
  totalCount!: number;
}

export interface UserConnectionSource extends ConnectionPage<UserRecord> {
  readonly filter: FilterInput | null;
}
