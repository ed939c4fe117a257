import type { JsonObject, JsonValue, ResourceSchema } from '../protocol';
import { ENTERPRISE_USER_SCHEMA, USER_SCHEMA } from '../protocol';
import type { ScimUserFragment } from '../operations/generated';
import { scimMeta } from './scim-meta';
import { MULTI_VALUED_ATTRIBUTES, RETURNED_SINGULAR_ATTRIBUTES } from './user-attribute-names';

type GqlMultiValue = ScimUserFragment['emails'][number];
type GqlAddress = ScimUserFragment['addresses'][number];

/** The user's fields by name, for the attributes mapped one to one (user-attribute-names.ts). */
const field = (user: ScimUserFragment, name: string) =>
  (user as unknown as Readonly<Record<string, unknown>>)[name];

/** Sets `key` unless `value` is unassigned: null, an empty string, list or object (RFC 7643 §2.5). */
function put(target: Record<string, JsonValue>, key: string, value: JsonValue | undefined): void {
  if (value === null || value === undefined || value === '') return;
  if (
    Array.isArray(value) ? value.length === 0 : typeof value === 'object' && Object.keys(value).length === 0
  )
    return;
  target[key] = value;
}

/** Drops the unassigned values (see `put`). */
function compact(value: Record<string, JsonValue | undefined>): JsonObject {
  const out: Record<string, JsonValue> = {};
  for (const [key, v] of Object.entries(value)) put(out, key, v);
  return out;
}

const multiValue = (v: GqlMultiValue): JsonObject =>
  compact({ value: v.value, display: v.display, type: v.type, primary: v.primary || undefined });

const address = (a: GqlAddress): JsonObject => compact({ ...a, primary: a.primary || undefined });

function enterprise(user: ScimUserFragment, baseUrl: string): JsonObject {
  const e = user.enterprise;
  if (!e) return {};
  const manager = e.manager
    ? compact({
        value: e.manager.value,
        $ref: `${baseUrl}/Users/${e.manager.value}`,
        displayName: e.manager.displayName,
      })
    : undefined;
  return compact({ ...e, manager });
}

/**
 * A user as the SCIM User resource, with every assigned attribute (projection happens later): one
 * object filled in place, in the order the answer shows (this runs for every user answered).
 */
export function userToScim(user: ScimUserFragment, baseUrl: string, schema: ResourceSchema): JsonObject {
  const extensionValues: Record<string, JsonObject> = { [ENTERPRISE_USER_SCHEMA]: enterprise(user, baseUrl) };
  for (const { schema: extension } of schema.extensions) {
    if (extension.id !== ENTERPRISE_USER_SCHEMA)
      extensionValues[extension.id] = compact((user.extensions[extension.id] ?? {}) as JsonObject);
  }
  const present = Object.entries(extensionValues).filter(([, value]) => Object.keys(value).length > 0);
  const resource: Record<string, JsonValue> = { schemas: [USER_SCHEMA, ...present.map(([urn]) => urn)] };
  put(resource, 'id', user.id);
  for (const key of RETURNED_SINGULAR_ATTRIBUTES) put(resource, key, field(user, key) as JsonValue);
  put(resource, 'name', user.name ? compact(user.name) : undefined);
  for (const key of MULTI_VALUED_ATTRIBUTES)
    put(resource, key, (field(user, key) as GqlMultiValue[]).map(multiValue));
  put(resource, 'addresses', user.addresses.map(address));
  put(
    resource,
    'groups',
    user.groups?.map((m) => ({
      value: m.group.id,
      $ref: `${baseUrl}/Groups/${m.group.id}`,
      display: m.group.displayName,
      type: m.direct ? 'direct' : 'indirect',
    })),
  );
  for (const [urn, values] of present) resource[urn] = values;
  resource.meta = scimMeta('User', baseUrl, user);
  return resource;
}
