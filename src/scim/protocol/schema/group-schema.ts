/**
 * The core Group schema, RFC 7643 §4.1 / §8.7.1 (`urn:ietf:params:scim:schemas:core:2.0:Group`).
 *
 * Departures from the §8.7.1 listing, both taken from the RFC's own prose and examples:
 * - `displayName` is required: §4.1 says "REQUIRED" (the listing's `"required": false` is a
 *   known inconsistency).
 * - `members` has a `display` sub-attribute: the §8.4 example and every major identity provider
 *   send it. It is readOnly: the server always computes it from the member (a sent value is
 *   ignored), and /Schemas must say what the server does.
 */
import { deepFreeze, defineAttribute } from './attribute-definition';
import type { SchemaDefinition } from './attribute-definition';
import { GROUP_SCHEMA } from './schema-urns';

export const GROUP_SCHEMA_DEFINITION: SchemaDefinition = deepFreeze({
  id: GROUP_SCHEMA,
  name: 'Group',
  description: 'Group',
  attributes: [
    defineAttribute('displayName', 'string', {
      description: 'A human-readable name for the Group.',
      required: true,
    }),
    defineAttribute('members', 'complex', {
      description: 'A list of members of the Group.',
      multiValued: true,
      subAttributes: [
        defineAttribute('value', 'string', {
          description: 'Identifier of the member of this Group.',
          mutability: 'immutable',
        }),
        defineAttribute('$ref', 'reference', {
          description: 'The URI corresponding to a SCIM resource that is a member of this Group.',
          referenceTypes: ['User', 'Group'],
          mutability: 'immutable',
        }),
        defineAttribute('display', 'string', {
          description: 'A human-readable name for the member.',
          mutability: 'readOnly',
        }),
        defineAttribute('type', 'string', {
          description: "A label indicating the type of resource, e.g., 'User' or 'Group'.",
          canonicalValues: ['User', 'Group'],
          mutability: 'immutable',
        }),
      ],
    }),
  ],
});
