import type { JsonObject, JsonValue, ResourceSchema } from '../protocol';
import { ENTERPRISE_USER_SCHEMA } from '../protocol';
import { MULTI_VALUED_ATTRIBUTES, SINGULAR_TEXT_ATTRIBUTES } from './user-attribute-names';

const SIMPLE = [...SINGULAR_TEXT_ATTRIBUTES, 'active', 'password'] as const;
const MULTI = MULTI_VALUED_ATTRIBUTES;
const NAME = [
  'formatted',
  'familyName',
  'givenName',
  'middleName',
  'honorificPrefix',
  'honorificSuffix',
] as const;
const ADDRESS = [
  'formatted',
  'streetAddress',
  'locality',
  'region',
  'postalCode',
  'country',
  'type',
  'primary',
] as const;
const ENTERPRISE = ['employeeNumber', 'costCenter', 'organization', 'division', 'department'] as const;

const object = (value: JsonValue | undefined): JsonObject | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;

const list = (value: JsonValue | undefined): JsonObject[] =>
  Array.isArray(value) ? value.filter((v): v is JsonObject => object(v) !== undefined) : [];

const pick = (source: JsonObject, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((key) => source[key] !== undefined).map((key) => [key, source[key]]));

function multiValues(values: JsonValue | undefined) {
  return list(values)
    .filter((v) => typeof v.value === 'string' && v.value !== '')
    .map((v) => ({
      value: v.value,
      display: v.display ?? null,
      type: v.type ?? null,
      primary: v.primary === true,
    }));
}

function enterprise(resource: JsonObject) {
  const e = object(resource[ENTERPRISE_USER_SCHEMA]);
  if (!e) return null;
  const manager = object(e.manager);
  const managerId = typeof manager?.value === 'string' && manager.value !== '' ? manager.value : null;
  return { ...pick(e, ENTERPRISE), managerId };
}

/**
 * A canonical SCIM User (as `applyPatch` produces: attribute names in their schema spelling, values
 * of the right types) as the GraphQL `UserInput`: every attribute, so it serves create and replace.
 */
export function userInputFromScim(resource: JsonObject, schema: ResourceSchema): Record<string, unknown> {
  const name = object(resource.name);
  const extensions: Record<string, JsonValue> = {};
  for (const { schema: extension } of schema.extensions) {
    const values = object(resource[extension.id]);
    if (extension.id !== ENTERPRISE_USER_SCHEMA && values) extensions[extension.id] = values;
  }
  return {
    ...pick(resource, SIMPLE),
    // Always sent: a missing userName is for the domain to reject (400 invalidValue), not a GraphQL
    // variable error.
    userName: typeof resource.userName === 'string' ? resource.userName : '',
    name: name ? pick(name, NAME) : null,
    ...Object.fromEntries(MULTI.map((key) => [key, multiValues(resource[key])])),
    addresses: list(resource.addresses).map((a) => ({ ...pick(a, ADDRESS), primary: a.primary === true })),
    enterprise: enterprise(resource),
    extensions,
  };
}

/**
 * A PATCHed User as the `UserInput` that replaces it. RFC 7643 §4.1.1 leaves what an unassigned
 * `active` means to the service provider; here it means inactive, so removing `active` (or replacing
 * it with null) deactivates the account and can never grant access, as a `UserInput` without
 * `active` would (it creates active users).
 */
export function patchedUserInput(resource: JsonObject, schema: ResourceSchema): Record<string, unknown> {
  const input = userInputFromScim(resource, schema);
  return resource.active === undefined || resource.active === null ? { ...input, active: false } : input;
}
