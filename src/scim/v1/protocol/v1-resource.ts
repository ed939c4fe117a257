/**
 * User and Group resources between their 1.1 and 2.0 representations. The attributes are the same
 * in both versions (draft-scim-core-schema-01 §6–§8 became RFC 7643 §4 with few changes); what
 * differs is spelling:
 * - `schemas`: 1.1 lists `urn:scim:schemas:core:1.0` (one URN for every type) and
 *   `urn:scim:schemas:extension:enterprise:1.0`; extension attributes sit under their URN in both;
 * - the enterprise `manager` is `{managerId, displayName}` in 1.1, `{value, $ref, displayName}` in 2.0;
 * - 1.1 has no `$ref` (members, groups) and no `meta.resourceType`.
 * Incoming 1.1 bodies become 2.0 bodies for the shared resource code; its 2.0 answers come back
 * through `toV1Resource`.
 */
import type { JsonObject, JsonValue } from '../../protocol';
import { badRequest, ENTERPRISE_USER_SCHEMA } from '../../protocol';
import type { V1ResourceType } from './v1-urns';
import { sameUrn, toV1Urn, toV2Urn, V1_CORE_SCHEMA, V1_ENTERPRISE_SCHEMA, V1_MANAGER_ID } from './v1-urns';

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Own properties only, so a `__proto__` key stays data (as `cloneJson` does in protocol/). */
const objectOf = (entries: Iterable<readonly [string, JsonValue]>): JsonObject =>
  Object.fromEntries(entries) as JsonObject;

const unique = (urns: readonly string[]) =>
  urns.filter((urn, i) => urns.findIndex((other) => sameUrn(other, urn)) === i);

/**
 * A 1.1 write body: a JSON object whose `schemas` lists the 1.1 core URN. A 2.0 client that
 * reached /scim/v1 by mistake is told where it belongs.
 */
export function checkV1Body(body: unknown): JsonObject {
  if (!isObject(body)) throw badRequest('invalidSyntax', 'The request body must be a JSON object');
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || !schemas.every((urn) => typeof urn === 'string')) {
    throw badRequest('invalidSyntax', `"schemas" must be a list that includes "${V1_CORE_SCHEMA}"`);
  }
  if (!schemas.some((urn) => sameUrn(urn, V1_CORE_SCHEMA))) {
    const v2 = schemas.some((urn) => urn.toLowerCase().startsWith('urn:ietf:params:scim:'));
    throw badRequest(
      'invalidSyntax',
      `"schemas" must include the SCIM 1.1 core schema "${V1_CORE_SCHEMA}"` +
        (v2 ? '; SCIM 2.0 resources are served at /scim/v2' : ''),
    );
  }
  return body;
}

/** A 1.1 POST/PUT body as the 2.0 body `createUser`/`replaceUser`/`createGroup`/… take. */
export function toV2Resource(body: unknown, type: V1ResourceType): JsonObject {
  const resource = checkV1Body(body);
  const schemas = unique((resource.schemas as string[]).map((urn) => toV2Urn(urn, type)));
  return objectOf([
    ['schemas', schemas],
    ...Object.entries(resource).flatMap(([key, value]): [string, JsonValue][] => {
      if (key.toLowerCase() === 'schemas') return [];
      if (type === 'User' && sameUrn(key, V1_ENTERPRISE_SCHEMA))
        return [[ENTERPRISE_USER_SCHEMA, enterpriseToV2(value)]];
      return [[key, value]];
    }),
  ]);
}

function enterpriseToV2(value: JsonValue): JsonValue {
  if (!isObject(value)) return value;
  return objectOf(
    Object.entries(value).map(([key, item]) => [
      key,
      key.toLowerCase() === 'manager' ? managerToV2(item) : item,
    ]),
  );
}

function managerToV2(manager: JsonValue): JsonValue {
  if (!isObject(manager)) return manager;
  return objectOf(
    Object.entries(manager).map(([key, item]) => [
      key.toLowerCase() === V1_MANAGER_ID.toLowerCase() ? 'value' : key,
      item,
    ]),
  );
}

/** A 2.0 User or Group resource (as the shared code answers it) in its 1.1 representation. */
export function toV1Resource(resource: JsonObject): JsonObject {
  const schemas = Array.isArray(resource.schemas) ? (resource.schemas as string[]) : [];
  return objectOf([
    ['schemas', unique(schemas.map(toV1Urn))],
    ...Object.entries(resource).flatMap(([key, value]): [string, JsonValue][] => {
      if (key === 'schemas') return [];
      if (sameUrn(key, ENTERPRISE_USER_SCHEMA)) return [[V1_ENTERPRISE_SCHEMA, enterpriseToV1(value)]];
      if (key === 'members' || key === 'groups') return [[key, withoutRefs(value)]];
      if (key === 'meta') return [[key, metaToV1(value)]];
      return [[key, value]];
    }),
  ]);
}

function enterpriseToV1(value: JsonValue): JsonValue {
  if (!isObject(value) || !isObject(value.manager)) return value;
  const { value: id, displayName } = value.manager;
  const manager = objectOf([
    ...(id !== undefined ? [[V1_MANAGER_ID, id] as const] : []),
    ...(displayName !== undefined ? [['displayName', displayName] as const] : []),
  ]);
  return { ...value, manager };
}

const withoutRefs = (value: JsonValue): JsonValue =>
  Array.isArray(value)
    ? value.map((item) =>
        isObject(item) ? objectOf(Object.entries(item).filter(([key]) => key !== '$ref')) : item,
      )
    : value;

/** 1.1 `meta` (draft-scim-core-schema-01 §5.1): created, lastModified, location, version. */
function metaToV1(meta: JsonValue): JsonValue {
  if (!isObject(meta)) return meta;
  return objectOf(Object.entries(meta).filter(([key]) => key !== 'resourceType'));
}
