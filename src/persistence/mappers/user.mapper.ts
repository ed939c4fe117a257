import type { Address, ExtensionValues, MultiValue, UserRecord, UserSummary } from '../../domain/users/user';
import type { CatalogEntry, CatalogGroup } from '../../domain/users/user-catalog';
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

/**
 * The columns a summary read selects: those of USER_SUMMARY_FIELDS (the name's parts, since `name` is
 * null exactly when all of them are). toUserSummary reads these and nothing else; a test checks that
 * it agrees with toUserRecord on every summary field.
 */
export const USER_SUMMARY_COLUMNS = [
  'id',
  'organization_id',
  'user_name',
  'external_id',
  'active',
  'display_name',
  ...textAttributesOf('name').map((e) => e.column as string),
  'emails',
  'version',
  'created_at',
  'updated_at',
]
  .map((column) => `u.${column}`)
  .join(', ');

/** A row as USER_COLUMNS (or USER_SUMMARY_COLUMNS) selects it, by column name. */
export type UserSqlRow = Readonly<Record<string, unknown>> & { readonly id: string };

const TEXT = {
  user: textAttributesOf('user'),
  name: textAttributesOf('name'),
  enterprise: textAttributesOf('enterprise'),
} satisfies Record<CatalogGroup, readonly CatalogEntry[]>;

type Texts = Record<string, string | null>;

/**
 * Copies one group's free-text columns into `target` by field; true when any is assigned. A loop
 * over precomputed entries, not spreads: a list maps up to a thousand rows per response.
 */
function copyTexts(row: UserSqlRow, entries: readonly CatalogEntry[], target: Texts): boolean {
  let assigned = false;
  for (const e of entries) {
    const value = (row[e.column as string] ?? null) as string | null;
    target[e.field] = value;
    if (value !== null) assigned = true;
  }
  return assigned;
}

const values = (value: unknown): MultiValue[] => fromDbJson<MultiValue[]>(value, []);

/** The `{ value, display, type, primary }` attributes but emails (read with the summary); addresses have a shape of their own. */
const OTHER_MULTI_VALUES = STORED_MULTI_VALUED.filter((e) => e.field !== 'addresses' && e.field !== 'emails');

/** The summary's fields, from a row of USER_SUMMARY_COLUMNS or USER_COLUMNS. */
export function toUserSummary(row: UserSqlRow): UserSummary {
  const name: Texts = {};
  const hasName = copyTexts(row, TEXT.name, name);
  return {
    id: row.id,
    organizationId: row.organization_id as string,
    userName: row.user_name as string,
    externalId: (row.external_id ?? null) as string | null,
    active: fromDbBoolean(row.active),
    displayName: (row.display_name ?? null) as string | null,
    name: hasName ? (name as UserSummary['name']) : null,
    emails: values(row.emails),
    version: Number(row.version),
    createdAt: fromDbDate(row.created_at),
    updatedAt: fromDbDate(row.updated_at),
  };
}

/** The summary, completed with every other attribute a USER_COLUMNS row holds. */
export function toUserRecord(row: UserSqlRow): UserRecord {
  const record = toUserSummary(row) as unknown as Record<string, unknown>;
  const enterprise: Texts = { managerId: (row.manager_id ?? null) as string | null };
  const hasEnterprise = copyTexts(row, TEXT.enterprise, enterprise) || enterprise.managerId !== null;
  // Sets displayName again, to the same value.
  copyTexts(row, TEXT.user, record as Texts);
  for (const e of OTHER_MULTI_VALUES) record[e.field] = values(row[e.column as string]);
  record.addresses = fromDbJson<Address[]>(row.addresses, []);
  record.enterprise = hasEnterprise ? enterprise : null;
  record.extensions = fromDbJson<ExtensionValues>(row.extensions, {});
  record.hasPassword = fromDbBoolean(row.has_password);
  // Every field of UserRecord is set: the summary's, the catalog's groups, and the rest by name.
  return record as unknown as UserRecord;
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
