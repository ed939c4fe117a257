/**
 * Baseline: the SCIM User resource (and the GraphQL User fields the benchmark selects) straight
 * from a `users` row. Same rules as the service: unassigned values (null, '', [], {}) are left out,
 * `primary` only when true, enterprise and custom extension schemas listed only when they hold values.
 */
export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SIMPLE: [string, string][] = [
  ['externalId', 'external_id'],
  ['userName', 'user_name'],
  ['displayName', 'display_name'],
  ['nickName', 'nick_name'],
  ['profileUrl', 'profile_url'],
  ['title', 'title'],
  ['userType', 'user_type'],
  ['preferredLanguage', 'preferred_language'],
  ['locale', 'locale'],
  ['timezone', 'timezone'],
];
const NAME: [string, string][] = [
  ['formatted', 'name_formatted'],
  ['familyName', 'family_name'],
  ['givenName', 'given_name'],
  ['middleName', 'middle_name'],
  ['honorificPrefix', 'honorific_prefix'],
  ['honorificSuffix', 'honorific_suffix'],
];
const MULTI: [string, string][] = [
  ['emails', 'emails'],
  ['phoneNumbers', 'phone_numbers'],
  ['ims', 'ims'],
  ['photos', 'photos'],
  ['entitlements', 'entitlements'],
  ['roles', 'roles'],
  ['x509Certificates', 'x509_certificates'],
  ['addresses', 'addresses'],
];
const ENTERPRISE_FIELDS: [string, string][] = [
  ['employeeNumber', 'employee_number'],
  ['costCenter', 'cost_center'],
  ['organization', 'organization'],
  ['division', 'division'],
  ['department', 'department'],
];

/** Every column a representation needs; `u` is the user, `mgr` its manager (LEFT JOIN). */
export const USER_SELECT = [
  'id',
  'version',
  'active',
  'manager_id',
  'extensions',
  'created_at',
  'updated_at',
  ...[...SIMPLE, ...NAME, ...MULTI, ...ENTERPRISE_FIELDS].map(([, column]) => column),
]
  .map((column) => `u.${column}`)
  .concat('mgr.display_name AS manager_display_name')
  .join(', ');

export const USER_FROM =
  'users u LEFT JOIN users mgr ON mgr.organization_id = u.organization_id AND mgr.id = u.manager_id';

export type UserRow = Record<string, unknown>;

const isoOf = (stored: unknown): string => `${String(stored).replace(' ', 'T')}Z`;

function compact(object: Record<string, Json | undefined>): JsonObject {
  const out: JsonObject = {};
  for (const key in object) {
    const v = object[key];
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v) && v.length === 0) continue;
    if (typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[key] = v;
  }
  return out;
}

const parse = (value: unknown): Json =>
  typeof value === 'string' ? (JSON.parse(value) as Json) : (value as Json);

function values(stored: unknown): JsonObject[] {
  const list = parse(stored);
  return Array.isArray(list)
    ? list.map((v) =>
        compact({ ...(v as JsonObject), primary: (v as JsonObject).primary === true || undefined }),
      )
    : [];
}

/** `groups` from the JSON the queries aggregate: `[{id, display, direct}]`, ordered by id. */
function groupsOf(stored: unknown, baseUrl: string): Json[] {
  const list = (parse(stored) ?? []) as { id: string; display: string; direct: number }[];
  return list.map((g) => ({
    value: g.id,
    $ref: `${baseUrl}/Groups/${g.id}`,
    display: g.display,
    type: Number(g.direct) === 1 ? 'direct' : 'indirect',
  }));
}

export function userResource(row: UserRow, baseUrl: string, groups?: unknown): JsonObject {
  const resource: Record<string, Json | undefined> = { id: row.id as string };
  for (const [key, column] of SIMPLE) resource[key] = row[column] as Json;
  resource.active = Number(row.active) === 1;
  resource.name = compact(Object.fromEntries(NAME.map(([key, column]) => [key, row[column] as Json])));
  for (const [key, column] of MULTI) resource[key] = values(row[column]);
  resource.groups = groupsOf(groups, baseUrl);
  const extensions: Record<string, JsonObject> = {};
  const managerId = row.manager_id as string | null;
  extensions[ENTERPRISE] = compact({
    ...Object.fromEntries(ENTERPRISE_FIELDS.map(([key, column]) => [key, row[column] as Json])),
    manager: managerId
      ? compact({
          value: managerId,
          $ref: `${baseUrl}/Users/${managerId}`,
          displayName: row.manager_display_name as Json,
        })
      : undefined,
  });
  const custom = (parse(row.extensions) ?? {}) as Record<string, JsonObject>;
  for (const urn in custom) extensions[urn] = compact(custom[urn]);
  const present = Object.keys(extensions).filter((urn) => Object.keys(extensions[urn]).length > 0);
  const out: JsonObject = { schemas: [USER_SCHEMA, ...present], ...compact(resource) };
  for (const urn of present) out[urn] = extensions[urn];
  out.meta = {
    resourceType: 'User',
    created: isoOf(row.created_at),
    lastModified: isoOf(row.updated_at),
    location: `${baseUrl}/Users/${row.id as string}`,
    version: `W/"${Number(row.version)}"`,
  };
  return out;
}

/** The GraphQL selection the benchmark sends: `id userName displayName active name {…} emails {…}`. */
export function graphqlUser(row: UserRow): JsonObject {
  const given = row.given_name as string | null;
  const family = row.family_name as string | null;
  const emails = (parse(row.emails) ?? []) as { value: string; type: string | null; primary: boolean }[];
  const hasName = NAME.some(([, column]) => row[column] !== null);
  return {
    id: row.id as string,
    userName: row.user_name as string,
    displayName: row.display_name as string | null,
    active: Number(row.active) === 1,
    name: hasName ? { givenName: given, familyName: family } : null,
    emails: emails.map((e) => ({ value: e.value, type: e.type, primary: e.primary })),
  };
}

/** G3's selection, as the gateway asks for each buyer: `userName emails { value }`. */
export function buyerUser(row: UserRow): JsonObject {
  const emails = (parse(row.emails) ?? []) as { value: string }[];
  return { userName: row.user_name as string, emails: emails.map((e) => ({ value: e.value })) };
}
