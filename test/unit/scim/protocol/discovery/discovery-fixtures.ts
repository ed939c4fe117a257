import { defineAttribute } from '../../../../../src/scim/protocol';
import type { SchemaExtension } from '../../../../../src/scim/protocol';

export const BASE_URL = 'https://idp.example.com/scim/v2';
export const ACME_USER = 'urn:example:params:scim:schemas:extension:acme:2.0:User';
export const ACME_GROUP = 'urn:example:params:scim:schemas:extension:acme:2.0:Group';

/** A custom extension as an organisation administrator would define it. */
export function acmeExtension(urn: string, required = false): SchemaExtension {
  return {
    required,
    schema: {
      id: urn,
      name: 'Acme',
      description: 'Acme badge data',
      attributes: [
        defineAttribute('badgeNumber', 'string', { description: 'Badge number', caseExact: true }),
        defineAttribute('clearance', 'string', {
          description: 'Clearance level',
          canonicalValues: ['public', 'secret'],
        }),
      ],
    },
  };
}
