/**
 * SCIM 1.1 names (draft-scim-core-schema-01 / draft-scim-api-01, as served at
 * http://www.simplecloud.info/specs/): one core URN for every resource type, the Enterprise User
 * extension, and the members 1.1 spells differently from RFC 7643.
 */
import { ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from '../../protocol';

/** The 1.1 core schema: Users, Groups, list responses and the ServiceProviderConfig all carry it. */
export const V1_CORE_SCHEMA = 'urn:scim:schemas:core:1.0';
export const V1_ENTERPRISE_SCHEMA = 'urn:scim:schemas:extension:enterprise:1.0';

export type V1ResourceType = 'User' | 'Group';

/** The 2.0 core schema a 1.1 resource of this type maps to. */
export const V2_CORE_SCHEMA: Readonly<Record<V1ResourceType, string>> = {
  User: USER_SCHEMA,
  Group: GROUP_SCHEMA,
};

/** 1.1 names the manager's id `managerId`; RFC 7643 §4.3 names it `value`. */
export const V1_MANAGER_ID = 'managerId';

export const sameUrn = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * A 1.1 schema URN as 2.0 names it; URNs that are not 1.1's (custom extensions) stay as they are,
 * and so does the enterprise URN on a Group, which it does not extend.
 */
export function toV2Urn(urn: string, type: V1ResourceType): string {
  if (sameUrn(urn, V1_CORE_SCHEMA)) return V2_CORE_SCHEMA[type];
  if (sameUrn(urn, V1_ENTERPRISE_SCHEMA) && type === 'User') return ENTERPRISE_USER_SCHEMA;
  return urn;
}

/** A 2.0 schema URN as 1.1 names it. */
export function toV1Urn(urn: string): string {
  if (sameUrn(urn, USER_SCHEMA) || sameUrn(urn, GROUP_SCHEMA)) return V1_CORE_SCHEMA;
  if (sameUrn(urn, ENTERPRISE_USER_SCHEMA)) return V1_ENTERPRISE_SCHEMA;
  return urn;
}
