/**
 * The common attributes every resource carries (RFC 7643 §3.1). They are not part of any schema's
 * attribute list in §8.7.1, but they are addressed as if they belonged to the core schema
 * (`urn:ietf:params:scim:schemas:core:2.0:User:id` is valid), so the resolver searches them
 * together with the core attributes.
 */
import { deepFreeze, defineAttribute } from './attribute-definition';
import type { AttributeDefinition } from './attribute-definition';

const readOnlyMeta = { mutability: 'readOnly' } as const;

export const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = deepFreeze([
  defineAttribute('id', 'string', {
    description: 'A unique identifier for a SCIM resource as defined by the service provider.',
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  defineAttribute('externalId', 'string', {
    description: 'A String that is an identifier for the resource as defined by the provisioning client.',
    caseExact: true,
  }),
  defineAttribute('meta', 'complex', {
    description: 'A complex attribute containing resource metadata.',
    mutability: 'readOnly',
    subAttributes: [
      defineAttribute('resourceType', 'string', {
        description: 'The name of the resource type of the resource.',
        caseExact: true,
        ...readOnlyMeta,
      }),
      defineAttribute('created', 'dateTime', {
        description: 'The "DateTime" that the resource was added to the service provider.',
        ...readOnlyMeta,
      }),
      defineAttribute('lastModified', 'dateTime', {
        description: 'The most recent DateTime that the details of this resource were updated.',
        ...readOnlyMeta,
      }),
      defineAttribute('location', 'reference', {
        description: 'The URI of the resource being returned.',
        caseExact: true,
        referenceTypes: ['uri'],
        ...readOnlyMeta,
      }),
      defineAttribute('version', 'string', {
        description: 'The version of the resource being returned (its ETag).',
        caseExact: true,
        ...readOnlyMeta,
      }),
    ],
  }),
]);
