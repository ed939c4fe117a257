import { applyPatch, PATCH_OP_MESSAGE, parsePatchRequest } from '../../../../../src/scim/protocol';
import type { JsonObject, PatchResult, ResourceSchema } from '../../../../../src/scim/protocol';

export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';

/** Parses `operations` as a PatchOp body and applies them, as the facade does. */
export function patch(resource: JsonObject, operations: unknown[], schema: ResourceSchema): PatchResult {
  const { operations: parsed } = parsePatchRequest({ schemas: [PATCH_OP_MESSAGE], Operations: operations });
  return applyPatch(resource, parsed, schema);
}

/** A User close to RFC 7643 §8.2, small enough to read in a test row. */
export function bjensen(overrides: JsonObject = {}): JsonObject {
  return {
    schemas: [USER],
    id: '2819c223',
    externalId: '701984',
    userName: 'bjensen',
    name: { givenName: 'Barbara', familyName: 'Jensen' },
    active: true,
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', version: 'W/"1"' },
    ...overrides,
  };
}
