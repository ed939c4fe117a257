import { badInput } from '../../errors';
import type { Address, EnterpriseUser, MultiValue, Name, UserAttributes, UserInput } from './user';
import type { CatalogGroup, UserMultiValueAttribute, UserTextAttribute } from './user-catalog';
import { TEXT_LIMIT, textAttributesOf, USER_MULTI_VALUE } from './user-catalog';

export const USER_LIMITS = {
  userName: 256,
  externalId: 256,
  shortText: TEXT_LIMIT,
  multiValue: 8192,
  valuesPerAttribute: 100,
  password: 1024,
} as const;

// C0/C1 control characters have no place in identifiers and would corrupt logs and exports.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** `prefix` + `field` names the field in errors (joined only for an error: every write checks ~25). */
export function checkText(field: string, value: unknown, max: number, prefix = ''): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw badInput(prefix + field, `${prefix}${field} must be a string`);
  if (value.length > max)
    throw badInput(prefix + field, `${prefix}${field} is longer than ${max} characters`);
  return value;
}

export function checkUserName(value: unknown): string {
  const userName = checkText('userName', value, USER_LIMITS.userName);
  if (!userName || userName.trim() === '') throw badInput('userName', 'userName is required');
  if (CONTROL.test(userName)) throw badInput('userName', 'userName contains control characters');
  return userName;
}

export function checkPassword(value: unknown): string {
  const password = checkText('password', value, USER_LIMITS.password);
  if (!password) throw badInput('password', 'password must not be empty');
  return password;
}

/** The catalog's free-text attributes of one group, checked; `prefix` names them in errors. */
function checkTexts(group: CatalogGroup, source: object, prefix = ''): Record<string, string | null> {
  const values = source as Readonly<Record<string, unknown>>;
  const checked: Record<string, string | null> = {};
  for (const a of textAttributesOf(group))
    checked[a.field] = checkText(a.field, values[a.field], a.maxLength, prefix);
  return checked;
}

const allNull = (value: object) => Object.values(value).every((v) => v === null);

function checkName(name: Partial<Name> | null | undefined): Name | null {
  if (!name) return null;
  const result = checkTexts('name', name, 'name.') as Name;
  return allNull(result) ? null : result;
}

function checkPrimary(field: string, values: readonly { primary: boolean }[]): void {
  if (values.filter((v) => v.primary).length > 1)
    throw badInput(field, `At most one of ${field} may be primary`);
}

function checkList<T>(field: string, values: readonly T[] | null | undefined): readonly T[] {
  if (!values) return [];
  if (!Array.isArray(values)) throw badInput(field, `${field} must be a list`);
  if (values.length > USER_LIMITS.valuesPerAttribute) {
    throw badInput(field, `${field} has more than ${USER_LIMITS.valuesPerAttribute} values`);
  }
  return values;
}

function checkMultiValues(
  field: string,
  values: readonly Partial<MultiValue>[] | null | undefined,
): MultiValue[] {
  const result = checkList(field, values).map((v, i) => {
    const value = checkText(`${field}[${i}].value`, v.value, USER_LIMITS.multiValue);
    if (!value) throw badInput(`${field}[${i}].value`, `${field}[${i}].value is required`);
    return {
      value,
      display: checkText(`${field}[${i}].display`, v.display, USER_LIMITS.shortText),
      type: checkText(`${field}[${i}].type`, v.type, USER_LIMITS.shortText),
      primary: v.primary === true,
    };
  });
  checkPrimary(field, result);
  return result;
}

function checkAddresses(values: readonly Partial<Address>[] | null | undefined): Address[] {
  const result = checkList('addresses', values).map((a, i) => {
    const part = (key: Exclude<keyof Address, 'primary'>) =>
      checkText(`addresses[${i}].${key}`, a[key], USER_LIMITS.shortText);
    return {
      formatted: part('formatted'),
      streetAddress: part('streetAddress'),
      locality: part('locality'),
      region: part('region'),
      postalCode: part('postalCode'),
      country: part('country'),
      type: part('type'),
      primary: a.primary === true,
    };
  });
  checkPrimary('addresses', result);
  return result;
}

function checkEnterprise(value: Partial<EnterpriseUser> | null | undefined): EnterpriseUser | null {
  if (!value) return null;
  const result = {
    ...checkTexts('enterprise', value, 'enterprise.'),
    managerId: checkText('enterprise.managerId', value.managerId, USER_LIMITS.shortText),
  } as EnterpriseUser;
  return allNull(result) ? null : result;
}

/** Validates a full user input and fills every absent attribute with its empty value. */
export function normalizeUserInput(input: UserInput): UserAttributes {
  if (input.active !== undefined && input.active !== null && typeof input.active !== 'boolean') {
    throw badInput('active', 'active must be a boolean');
  }
  const simple = checkTexts('user', input) as Pick<UserAttributes, UserTextAttribute>;
  const multi = Object.fromEntries(
    (Object.keys(USER_MULTI_VALUE) as UserMultiValueAttribute[]).map((key) => [
      key,
      checkMultiValues(key, input[key]),
    ]),
  ) as Record<UserMultiValueAttribute, MultiValue[]>;
  return {
    userName: checkUserName(input.userName),
    externalId: checkText('externalId', input.externalId, USER_LIMITS.externalId),
    active: input.active ?? true,
    name: checkName(input.name),
    ...simple,
    ...multi,
    addresses: checkAddresses(input.addresses),
    enterprise: checkEnterprise(input.enterprise),
    extensions: input.extensions ?? {},
  };
}
