import type { JsonObject, JsonValue, ResourceSchema } from '../protocol';
import { ENTERPRISE_USER_SCHEMA } from '../protocol';
import type { UserInput } from '../operations/generated';
import {
  ENTERPRISE_TEXT_ATTRIBUTES,
  MULTI_VALUED_ATTRIBUTES,
  NAME_PARTS,
  WRITABLE_SINGULAR_ATTRIBUTES,
} from './user-attribute-names';
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

const object = (value: JsonValue | undefined): JsonObject | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;

const list = (value: JsonValue | undefined): JsonObject[] =>
  Array.isArray(value) ? value.filter((v): v is JsonObject => object(v) !== undefined) : [];

/** The keys of `source` that are set, in the order of `keys` (a loop: this runs for every write). */
function pick(source: JsonObject, keys: readonly string[]): JsonObject {
  const picked: JsonObject = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}

function multiValues(values: JsonValue | undefined) {
  const result: { value: JsonValue; display: JsonValue; type: JsonValue; primary: boolean }[] = [];
  if (!Array.isArray(values)) return result;
  for (const v of values) {
    const item = object(v);
    if (!item || typeof item.value !== 'string' || item.value === '') continue;
    result.push({
      value: item.value,
      display: item.display ?? null,
      type: item.type ?? null,
      primary: item.primary === true,
    });
  }
  return result;
}

function enterprise(resource: JsonObject) {
  const e = object(resource[ENTERPRISE_USER_SCHEMA]);
  if (!e) return null;
  const manager = object(e.manager);
  const managerId = typeof manager?.value === 'string' && manager.value !== '' ? manager.value : null;
  return { ...pick(e, ENTERPRISE_TEXT_ATTRIBUTES), managerId };
}

/**
 * A canonical SCIM User (as `applyPatch` produces: attribute names in their schema spelling, values
 * of the right types) as the GraphQL `UserInput`: every attribute, so it serves create and replace.
 */
export function userInputFromScim(resource: JsonObject, schema: ResourceSchema): UserInput {
  const name = object(resource.name);
  const extensions: Record<string, JsonValue> = {};
  for (const { schema: extension } of schema.extensions) {
    const values = object(resource[extension.id]);
    if (extension.id !== ENTERPRISE_USER_SCHEMA && values) extensions[extension.id] = values;
  }
  // The resource is canonical (names in schema spelling, values of the schema's types), and the
  // names are the GraphQL input's: the chain test checks both lists against the schema. One object
  // filled in place (this runs for every write, twice for a PATCH).
  const input: Record<string, unknown> = pick(resource, WRITABLE_SINGULAR_ATTRIBUTES);
  // Always sent: a missing userName is for the domain to reject (400 invalidValue), not a GraphQL
  // variable error.
  input.userName = typeof resource.userName === 'string' ? resource.userName : '';
  input.name = name ? pick(name, NAME_PARTS) : null;
  for (const key of MULTI_VALUED_ATTRIBUTES) input[key] = multiValues(resource[key]);
  input.addresses = list(resource.addresses).map((a) => ({
    ...pick(a, ADDRESS),
    primary: a.primary === true,
  }));
  input.enterprise = enterprise(resource);
  input.extensions = extensions;
  return input as unknown as UserInput;
}

/**
 * A PATCHed User as the `UserInput` that replaces it. RFC 7643 §4.1.1 leaves what an unassigned
 * `active` means to the service provider; here it means inactive, so removing `active` (or replacing
 * it with null) deactivates the account and can never grant access, as a `UserInput` without
 * `active` would (it creates active users).
 */
export function patchedUserInput(resource: JsonObject, schema: ResourceSchema): UserInput {
  const input = userInputFromScim(resource, schema);
  return resource.active === undefined || resource.active === null ? { ...input, active: false } : input;
}
