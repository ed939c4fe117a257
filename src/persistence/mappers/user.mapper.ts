import type { Address, ExtensionValues, MultiValue, UserRecord } from '../../domain/users/user';
import type {
  CatalogEntry,
  CatalogGroup,
  UserMultiValueAttribute,
  UserTextAttribute,
} from '../../domain/users/user-catalog';
import { STORED_MULTI_VALUED, textAttributesOf, USER_CATALOG } from '../../domain/users/user-catalog';
import type { UserWrite } from '../../domain/users/user.repository';
import type { SqlParam } from '../dialect';
import { fromDbBoolean, fromDbDate, fromDbJson, toDbBoolean, toDbDate } from '../dialect';
import { storedKeyOrNull } from '../keys';

/**
 * The columns a read selects: every catalog attribute stored on `users`, never the password hash
 * (only whether there is one).
 */
export const USER_COLUMNS = [
  'organization_id',
  ...USER_CATALOG.filter((e) => e.column !== null && e.returned !== 'never').map((e) => e.column),
  'extensions',
  'version',
]
  .map((column) => `u.${column}`)
  .concat('CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END AS has_password')
  .join(', ');

/** A row as USER_COLUMNS selects it, by column name. */
export type UserSqlRow = Readonly<Record<string, unknown>> & { readonly id: string };

const TEXT = {
  user: textAttributesOf('user'),
  name: textAttributesOf('name'),
  enterprise: textAttributesOf('enterprise'),
} satisfies Record<CatalogGroup, readonly CatalogEntry[]>;

const text = (value: unknown): string | null =>
  value === null || value === undefined ? null : String(value);

/** The free-text attributes of one group, by field; null when the group has none assigned. */
function textsOf(row: UserSqlRow, entries: readonly CatalogEntry[]): Record<string, string | null> {
  return Object.fromEntries(entries.map((e) => [e.field, text(row[e.column as string])]));
}

const allNull = (values: object): boolean => Object.values(values).every((v) => v === null);
const orNull = <T extends object>(values: T): T | null => (allNull(values) ? null : values);

const values = (value: unknown): MultiValue[] => fromDbJson<MultiValue[]>(value, []);

export function toUserRecord(row: UserSqlRow): UserRecord {
  const multi = Object.fromEntries(
    STORED_MULTI_VALUED.filter((e) => e.field !== 'addresses').map((e) => [e.field, values(row[e.column!])]),
  );
  return {
    id: String(row.id),
    organizationId: String(row.organization_id),
    userName: String(row.user_name),
    externalId: text(row.external_id),
    active: fromDbBoolean(row.active),
    name: orNull(textsOf(row, TEXT.name)) as UserRecord['name'],
    ...(textsOf(row, TEXT.user) as Pick<UserRecord, UserTextAttribute>),
    ...(multi as unknown as Pick<UserRecord, UserMultiValueAttribute>),
    addresses: fromDbJson<Address[]>(row.addresses, []),
    enterprise: orNull({
      ...textsOf(row, TEXT.enterprise),
      managerId: text(row.manager_id),
    }) as UserRecord['enterprise'],
    extensions: fromDbJson<ExtensionValues>(row.extensions, {}),
    hasPassword: fromDbBoolean(row.has_password),
    version: Number(row.version),
    createdAt: fromDbDate(row.created_at),
    updatedAt: fromDbDate(row.updated_at),
  };
}

/** Column → value of one group's free-text attributes, with the key column of those that have one. */
function textColumns(source: object | null, entries: readonly CatalogEntry[]): [string, SqlParam][] {
  const values = (source ?? {}) as Readonly<Record<string, string | null>>;
  return entries.flatMap((e): [string, SqlParam][] => {
    const value = values[e.field] ?? null;
    const column: [string, SqlParam] = [e.column as string, value];
    return e.keyColumn ? [column, [e.keyColumn, storedKeyOrNull(value)]] : [column];
  });
}

/**
 * Column → value of everything a write stores except the identity (id, organization, created_at)
 * and the password hash, which the repository adds when it is given.
 */
export function userWriteColumns(user: UserWrite): [string, SqlParam][] {
  const record = user as unknown as Readonly<Record<string, unknown>>;
  return [
    ['user_name', user.userName],
    ['user_name_key', user.userNameKey],
    ['external_id', user.externalId],
    ['active', toDbBoolean(user.active)],
    ...textColumns(user, TEXT.user),
    ...textColumns(user.name, TEXT.name),
    ...textColumns(user.enterprise, TEXT.enterprise),
    ['manager_id', user.enterprise?.managerId ?? null],
    ...STORED_MULTI_VALUED.map((e): [string, SqlParam] => [e.column!, JSON.stringify(record[e.field])]),
    ['extensions', JSON.stringify(user.extensions)],
    ['version', user.version],
    ['updated_at', toDbDate(user.updatedAt)],
  ];
}
