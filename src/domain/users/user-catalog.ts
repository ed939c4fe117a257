/**
 * The User attribute catalog: every core attribute once, as data (STYLE §28). Persistence reads it
 * for its column lists, row mapper, write columns, entity columns and filter targets; the domain for
 * validation, the filter/sort catalog and the UserAttributes type. Adding a plain attribute is one
 * entry here (plus the migration, the GraphQL type/input and the SCIM schema entry: README,
 * "Adding a core attribute").
 *
 * Characteristics follow RFC 7643 §2.2 and mean what the SCIM schema says about the attribute.
 */
export type CatalogType = 'string' | 'reference' | 'binary' | 'boolean' | 'dateTime' | 'complex';
export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';

/** Where a value lives in UserAttributes: at the top, or inside `name` or `enterprise`. */
export type CatalogGroup = 'user' | 'name' | 'enterprise';

export interface CatalogEntry {
  /** The field in UserAttributes (in its group): `nickName`, `givenName`, `managerId`. */
  readonly field: string;
  readonly group: CatalogGroup;
  /** The path filters and sorts name (GraphQL and SCIM spelling): `name.givenName`, `enterprise.manager.value`. */
  readonly path: string;
  readonly type: CatalogType;
  readonly multiValued: boolean;
  readonly caseExact: boolean;
  readonly mutability: Mutability;
  readonly returned: Returned;
  readonly filterable: boolean;
  readonly sortable: boolean;
  /** Whether a user may have no value (a NULL column). */
  readonly nullable: boolean;
  /** Column of `users`; null when the value is not stored there (the user's groups). */
  readonly column: string | null;
  /** The indexed NFKC-lower-cased copy (`caseKey`) that case-insensitive comparisons and sorts use. */
  readonly keyColumn?: string;
  /**
   * `text`: a nullable free-text column, at most `maxLength` characters, whose entity column,
   * mapping and validation are all derived from this entry. `special`: identity, keys, JSON —
   * columns and rules of their own, written out where they are used.
   */
  readonly storage: 'text' | 'special';
  readonly maxLength: number;
}

export const TEXT_LIMIT = 1024;
export const URL_LIMIT = 2048;

/** A free-text attribute: its column and, where they differ from a plain string, its characteristics. */
interface TextSpec {
  readonly column: string;
  readonly type?: 'string' | 'reference';
  readonly maxLength?: number;
  readonly keyColumn?: string;
}

/**
 * Free-text attributes by group. Each is a nullable `text` column, a nullable `String` in GraphQL,
 * and a readWrite, case-insensitive, filterable and sortable SCIM string: one line each.
 */
export const USER_TEXT = {
  displayName: { column: 'display_name', keyColumn: 'display_name_key' },
  nickName: { column: 'nick_name' },
  profileUrl: { column: 'profile_url', type: 'reference', maxLength: URL_LIMIT },
  title: { column: 'title' },
  userType: { column: 'user_type' },
  preferredLanguage: { column: 'preferred_language' },
  locale: { column: 'locale' },
  timezone: { column: 'timezone' },
} as const satisfies Record<string, TextSpec>;

export const NAME_TEXT = {
  formatted: { column: 'name_formatted' },
  familyName: { column: 'family_name' },
  givenName: { column: 'given_name' },
  middleName: { column: 'middle_name' },
  honorificPrefix: { column: 'honorific_prefix' },
  honorificSuffix: { column: 'honorific_suffix' },
} as const satisfies Record<string, TextSpec>;

export const ENTERPRISE_TEXT = {
  employeeNumber: { column: 'employee_number' },
  costCenter: { column: 'cost_center' },
  organization: { column: 'organization' },
  division: { column: 'division' },
  department: { column: 'department' },
} as const satisfies Record<string, TextSpec>;

/** Multi-valued attributes whose values are `{ value, display, type, primary }`, stored as JSON columns. */
export const USER_MULTI_VALUE = {
  emails: { column: 'emails', caseExact: false, type: 'string' },
  phoneNumbers: { column: 'phone_numbers', caseExact: false, type: 'string' },
  ims: { column: 'ims', caseExact: false, type: 'string' },
  photos: { column: 'photos', caseExact: true, type: 'reference' },
  entitlements: { column: 'entitlements', caseExact: true, type: 'string' },
  roles: { column: 'roles', caseExact: true, type: 'string' },
  x509Certificates: { column: 'x509_certificates', caseExact: true, type: 'binary' },
} as const satisfies Record<string, { column: string; caseExact: boolean; type: CatalogType }>;

export type UserTextAttribute = keyof typeof USER_TEXT;
export type UserMultiValueAttribute = keyof typeof USER_MULTI_VALUE;

const defaults = {
  multiValued: false,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'default',
  filterable: true,
  sortable: true,
  nullable: true,
  maxLength: TEXT_LIMIT,
} as const;

function textEntries(group: CatalogGroup, specs: Readonly<Record<string, TextSpec>>): CatalogEntry[] {
  return Object.entries(specs).map(([field, spec]) => ({
    ...defaults,
    field,
    group,
    path: group === 'user' ? field : `${group}.${field}`,
    storage: 'text',
    ...spec,
    type: spec.type ?? 'string',
  }));
}

type SpecialOptions = Partial<Omit<CatalogEntry, 'field' | 'group' | 'type' | 'column' | 'storage'>>;

const special = (
  field: string,
  type: CatalogType,
  column: string | null,
  options: SpecialOptions = {},
): CatalogEntry => ({
  ...defaults,
  field,
  group: 'user',
  path: field,
  type,
  column,
  storage: 'special',
  ...options,
});

const readOnly = { mutability: 'readOnly', nullable: false } as const;

export const USER_CATALOG: readonly CatalogEntry[] = [
  special('id', 'string', 'id', { ...readOnly, caseExact: true, returned: 'always' }),
  special('externalId', 'string', 'external_id', { caseExact: true, maxLength: 256 }),
  special('userName', 'string', 'user_name', { keyColumn: 'user_name_key', maxLength: 256, nullable: false }),
  special('active', 'boolean', 'active', { nullable: false }),
  ...textEntries('user', USER_TEXT),
  ...textEntries('name', NAME_TEXT),
  ...textEntries('enterprise', ENTERPRISE_TEXT),
  // A bounded, indexed varchar, kept as the IdP sent it; filters name it as SCIM does.
  {
    ...special('managerId', 'string', 'manager_id', { caseExact: true }),
    group: 'enterprise',
    path: 'enterprise.manager.value',
  },
  ...Object.entries(USER_MULTI_VALUE).map(([field, { column, caseExact, type }]) =>
    special(field, type, column, { multiValued: true, caseExact, sortable: field === 'emails' }),
  ),
  special('addresses', 'complex', 'addresses', { multiValued: true, sortable: false }),
  // Read-only on a user, but "users in group X" is a natural query: `groups.value eq "<id>"`.
  special('groups', 'complex', null, { ...readOnly, multiValued: true, sortable: false }),
  special('password', 'string', 'password_hash', {
    mutability: 'writeOnly',
    returned: 'never',
    filterable: false,
    sortable: false,
  }),
  special('created', 'dateTime', 'created_at', { ...readOnly, path: 'meta.created' }),
  special('lastModified', 'dateTime', 'updated_at', { ...readOnly, path: 'meta.lastModified' }),
];

const TEXT_ATTRIBUTES: Readonly<Record<CatalogGroup, readonly CatalogEntry[]>> = {
  user: USER_CATALOG.filter((e) => e.group === 'user' && e.storage === 'text'),
  name: USER_CATALOG.filter((e) => e.group === 'name' && e.storage === 'text'),
  enterprise: USER_CATALOG.filter((e) => e.group === 'enterprise' && e.storage === 'text'),
};

/**
 * The entries of one group that the catalog alone stores, maps and validates. Listed once: every
 * user write validates all three groups.
 */
export const textAttributesOf = (group: CatalogGroup): readonly CatalogEntry[] => TEXT_ATTRIBUTES[group];

/** Multi-valued attributes stored as JSON on `users` and projected into `user_values` for filtering. */
export const STORED_MULTI_VALUED: readonly CatalogEntry[] = USER_CATALOG.filter(
  (e) => e.multiValued && e.column !== null,
);

/**
 * Multi-valued attributes a list can be sorted by: RFC 7644 §3.4.2.3 sorts by the primary (or
 * first) value, so `emails` sorts by `emails.value`.
 */
export const USER_SORTABLE_MULTI_VALUED: readonly string[] = USER_CATALOG.filter(
  (e) => e.multiValued && e.sortable,
).map((e) => `${e.path}.value`);
