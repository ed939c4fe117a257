/**
 * Attribute paths written in 1.1 spelling (`urn:scim:schemas:core:1.0:userName`,
 * `urn:scim:schemas:extension:enterprise:1.0:manager.managerId`) as the shared 2.0 code names them
 * (`userName`, `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`).
 * Unqualified names are the same in both versions; other URNs (an organization's own extensions)
 * are kept as written.
 */
import type { AttrPath } from '../../protocol';
import { ENTERPRISE_USER_SCHEMA, formatAttrPath, splitAttrPath } from '../../protocol';
import type { V1ResourceType } from './v1-urns';
import { sameUrn, toV2Urn, V1_CORE_SCHEMA, V1_ENTERPRISE_SCHEMA, V1_MANAGER_ID } from './v1-urns';

const isManagerId = (path: AttrPath) =>
  path.attribute.toLowerCase() === 'manager' &&
  path.subAttribute?.toLowerCase() === V1_MANAGER_ID.toLowerCase();

export function toV2Path(path: AttrPath): AttrPath {
  const subAttribute = isManagerId(path) ? 'value' : path.subAttribute;
  const rest = { attribute: path.attribute, ...(subAttribute !== undefined && { subAttribute }) };
  if (path.schema === undefined || sameUrn(path.schema, V1_CORE_SCHEMA)) return rest;
  if (sameUrn(path.schema, V1_ENTERPRISE_SCHEMA)) return { schema: ENTERPRISE_USER_SCHEMA, ...rest };
  return { schema: path.schema, ...rest };
}

/**
 * One name of an `attributes`, `sortBy` or `meta.attributes` list in 2.0 spelling. A bare schema
 * URN names its whole schema; text that is no attribute path is returned as is, for the 2.0 code
 * to reject with its usual error.
 */
export function toV2AttributeName(name: string, type: V1ResourceType): string {
  const trimmed = name.trim();
  if (sameUrn(trimmed, V1_CORE_SCHEMA) || sameUrn(trimmed, V1_ENTERPRISE_SCHEMA))
    return toV2Urn(trimmed, type);
  const path = splitAttrPath(trimmed);
  return path ? formatAttrPath(toV2Path(path)) : name;
}

/**
 * The `attributes` query parameter in 2.0 spelling: a comma-separated string (or the array Express
 * makes of a repeated parameter). Anything else is passed on for the 2.0 parser to reject.
 */
export function toV2AttributeList(raw: unknown, type: V1ResourceType): unknown {
  const translate = (text: string) =>
    text
      .split(',')
      .map((name) => (name.trim() === '' ? '' : toV2AttributeName(name, type)))
      .join(',');
  if (typeof raw === 'string') return translate(raw);
  if (Array.isArray(raw) && raw.every((part) => typeof part === 'string')) return raw.map(translate);
  return raw;
}
