import type { ENTERPRISE_TEXT, NAME_TEXT, UserMultiValueAttribute, UserTextAttribute } from './user-catalog';

/**
 * A user as RFC 7643 §4.1 describes it (core schema plus the enterprise extension). Absent singular
 * values are `null`; absent multi-valued attributes are empty arrays. Attribute names come from the
 * catalog (user-catalog.ts).
 */
export type Name = { readonly [K in keyof typeof NAME_TEXT]: string | null };

/** One value of emails, phoneNumbers, ims, photos, entitlements, roles or x509Certificates. */
export interface MultiValue {
  readonly value: string;
  readonly display: string | null;
  readonly type: string | null;
  readonly primary: boolean;
}

export interface Address {
  readonly formatted: string | null;
  readonly streetAddress: string | null;
  readonly locality: string | null;
  readonly region: string | null;
  readonly postalCode: string | null;
  readonly country: string | null;
  readonly type: string | null;
  readonly primary: boolean;
}

export type EnterpriseUser = { readonly [K in keyof typeof ENTERPRISE_TEXT]: string | null } & {
  /** The manager's user id as the identity provider sent it; it may name a user we do not hold. */
  readonly managerId: string | null;
};

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Values of organization-defined extension attributes, keyed by schema URN, then attribute name. */
export type ExtensionValues = Readonly<Record<string, Readonly<Record<string, JsonValue>>>>;

export type MultiValueAttribute = UserMultiValueAttribute;
export type SimpleStringAttribute = UserTextAttribute;

export type UserAttributes = {
  readonly userName: string;
  readonly externalId: string | null;
  readonly active: boolean;
  readonly name: Name | null;
  readonly addresses: readonly Address[];
  readonly enterprise: EnterpriseUser | null;
  readonly extensions: ExtensionValues;
} & { readonly [K in SimpleStringAttribute]: string | null } & {
  readonly [K in MultiValueAttribute]: readonly MultiValue[];
};

export interface UserRecord extends UserAttributes {
  readonly id: string;
  readonly organizationId: string;
  readonly hasPassword: boolean;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A full user as written by create and replace; `password` is plain text and is hashed before storage. */
export interface UserInput extends Partial<Omit<UserAttributes, 'userName'>> {
  readonly userName: string;
  readonly password?: string | null;
}

/** A partial update: `undefined` leaves an attribute as it is, `null` clears it. */
export type UserPatch = { readonly [K in keyof UserInput]?: UserInput[K] | null };

/** What persistence stores: the attributes plus the password hash (never leaves the domain). */
export interface UserRow extends UserAttributes {
  readonly id: string;
  readonly organizationId: string;
  readonly userNameKey: string;
  readonly passwordHash: string | null;
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * The fields a summary read fills (`UserSummary`): what a federated `User` reference is usually
 * asked for. A read that needs nothing else costs a third of the columns and one JSON value per
 * user instead of nine; which reads may use it is decided by the caller (see the GraphQL layer's
 * `userReferenceView`), never guessed from what a record happens to hold.
 */
export const USER_SUMMARY_FIELDS = [
  'id',
  'organizationId',
  'userName',
  'externalId',
  'active',
  'displayName',
  'name',
  'emails',
  'version',
  'createdAt',
  'updatedAt',
] as const;

export type UserSummary = Pick<UserRecord, (typeof USER_SUMMARY_FIELDS)[number]>;
