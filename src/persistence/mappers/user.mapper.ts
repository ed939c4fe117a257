import type {
  Address,
  EnterpriseUser,
  ExtensionValues,
  MultiValue,
  Name,
  UserRecord,
} from '../../domain/users/user';
import type { UserWrite } from '../../domain/users/user.repository';
import type { SqlParam } from '../dialect';
import { fromDbBoolean, fromDbDate, fromDbJson, toDbBoolean, toDbDate } from '../dialect';
import { storedKeyOrNull } from '../keys';

/** The columns a read selects: every attribute, never the password hash (only whether there is one). */
export const USER_COLUMNS = [
  'id',
  'organization_id',
  'user_name',
  'display_name',
  'external_id',
  'active',
  'name_formatted',
  'family_name',
  'given_name',
  'middle_name',
  'honorific_prefix',
  'honorific_suffix',
  'nick_name',
  'profile_url',
  'title',
  'user_type',
  'preferred_language',
  'locale',
  'timezone',
  'employee_number',
  'cost_center',
  'organization',
  'division',
  'department',
  'manager_id',
  'emails',
  'phone_numbers',
  'ims',
  'photos',
  'entitlements',
  'roles',
  'x509_certificates',
  'addresses',
  'extensions',
  'version',
  'created_at',
  'updated_at',
]
  .map((column) => `u.${column}`)
  .concat('CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END AS has_password')
  .join(', ');

type Text = string | null;

export interface UserSqlRow {
  readonly id: string;
  readonly organization_id: string;
  readonly user_name: string;
  readonly display_name: Text;
  readonly external_id: Text;
  readonly active: unknown;
  readonly name_formatted: Text;
  readonly family_name: Text;
  readonly given_name: Text;
  readonly middle_name: Text;
  readonly honorific_prefix: Text;
  readonly honorific_suffix: Text;
  readonly nick_name: Text;
  readonly profile_url: Text;
  readonly title: Text;
  readonly user_type: Text;
  readonly preferred_language: Text;
  readonly locale: Text;
  readonly timezone: Text;
  readonly employee_number: Text;
  readonly cost_center: Text;
  readonly organization: Text;
  readonly division: Text;
  readonly department: Text;
  readonly manager_id: Text;
  readonly emails: unknown;
  readonly phone_numbers: unknown;
  readonly ims: unknown;
  readonly photos: unknown;
  readonly entitlements: unknown;
  readonly roles: unknown;
  readonly x509_certificates: unknown;
  readonly addresses: unknown;
  readonly extensions: unknown;
  readonly has_password: unknown;
  readonly version: unknown;
  readonly created_at: unknown;
  readonly updated_at: unknown;
}

const allNull = (values: object): boolean => Object.values(values).every((v) => v === null);

function nameOf(row: UserSqlRow): Name | null {
  const name: Name = {
    formatted: row.name_formatted,
    familyName: row.family_name,
    givenName: row.given_name,
    middleName: row.middle_name,
    honorificPrefix: row.honorific_prefix,
    honorificSuffix: row.honorific_suffix,
  };
  return allNull(name) ? null : name;
}

function enterpriseOf(row: UserSqlRow): EnterpriseUser | null {
  const enterprise: EnterpriseUser = {
    employeeNumber: row.employee_number,
    costCenter: row.cost_center,
    organization: row.organization,
    division: row.division,
    department: row.department,
    managerId: row.manager_id,
  };
  return allNull(enterprise) ? null : enterprise;
}

const values = (value: unknown): MultiValue[] => fromDbJson<MultiValue[]>(value, []);

export function toUserRecord(row: UserSqlRow): UserRecord {
  return {
    id: row.id,
    organizationId: row.organization_id,
    userName: row.user_name,
    externalId: row.external_id,
    active: fromDbBoolean(row.active),
    name: nameOf(row),
    displayName: row.display_name,
    nickName: row.nick_name,
    profileUrl: row.profile_url,
    title: row.title,
    userType: row.user_type,
    preferredLanguage: row.preferred_language,
    locale: row.locale,
    timezone: row.timezone,
    emails: values(row.emails),
    phoneNumbers: values(row.phone_numbers),
    ims: values(row.ims),
    photos: values(row.photos),
    entitlements: values(row.entitlements),
    roles: values(row.roles),
    x509Certificates: values(row.x509_certificates),
    addresses: fromDbJson<Address[]>(row.addresses, []),
    enterprise: enterpriseOf(row),
    extensions: fromDbJson<ExtensionValues>(row.extensions, {}),
    hasPassword: fromDbBoolean(row.has_password),
    version: Number(row.version),
    createdAt: fromDbDate(row.created_at),
    updatedAt: fromDbDate(row.updated_at),
  };
}

/**
 * Column → value of everything a write stores except the identity (id, organization, created_at)
 * and the password hash, which the repository adds when it is given.
 */
export function userWriteColumns(user: UserWrite): [string, SqlParam][] {
  const name = user.name;
  const enterprise = user.enterprise;
  return [
    ['user_name', user.userName],
    ['user_name_key', user.userNameKey],
    ['display_name', user.displayName],
    ['display_name_key', storedKeyOrNull(user.displayName)],
    ['external_id', user.externalId],
    ['active', toDbBoolean(user.active)],
    ['name_formatted', name?.formatted ?? null],
    ['family_name', name?.familyName ?? null],
    ['given_name', name?.givenName ?? null],
    ['middle_name', name?.middleName ?? null],
    ['honorific_prefix', name?.honorificPrefix ?? null],
    ['honorific_suffix', name?.honorificSuffix ?? null],
    ['nick_name', user.nickName],
    ['profile_url', user.profileUrl],
    ['title', user.title],
    ['user_type', user.userType],
    ['preferred_language', user.preferredLanguage],
    ['locale', user.locale],
    ['timezone', user.timezone],
    ['employee_number', enterprise?.employeeNumber ?? null],
    ['cost_center', enterprise?.costCenter ?? null],
    ['organization', enterprise?.organization ?? null],
    ['division', enterprise?.division ?? null],
    ['department', enterprise?.department ?? null],
    ['manager_id', enterprise?.managerId ?? null],
    ['emails', JSON.stringify(user.emails)],
    ['phone_numbers', JSON.stringify(user.phoneNumbers)],
    ['ims', JSON.stringify(user.ims)],
    ['photos', JSON.stringify(user.photos)],
    ['entitlements', JSON.stringify(user.entitlements)],
    ['roles', JSON.stringify(user.roles)],
    ['x509_certificates', JSON.stringify(user.x509Certificates)],
    ['addresses', JSON.stringify(user.addresses)],
    ['extensions', JSON.stringify(user.extensions)],
    ['version', user.version],
    ['updated_at', toDbDate(user.updatedAt)],
  ];
}
