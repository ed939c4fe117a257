/**
 * The Enterprise User extension, RFC 7643 §4.3 / §8.7.1
 * (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`).
 */
import { deepFreeze, defineAttribute } from './attribute-definition';
import type { SchemaDefinition } from './attribute-definition';
import { ENTERPRISE_USER_SCHEMA } from './schema-urns';

const text = (name: string, description: string) => defineAttribute(name, 'string', { description });

export const ENTERPRISE_USER_SCHEMA_DEFINITION: SchemaDefinition = deepFreeze({
  id: ENTERPRISE_USER_SCHEMA,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    text(
      'employeeNumber',
      'Numeric or alphanumeric identifier assigned to a person, typically based on order of hire or association with an organization.',
    ),
    text('costCenter', 'Identifies the name of a cost center.'),
    text('organization', 'Identifies the name of an organization.'),
    text('division', 'Identifies the name of a division.'),
    text('department', 'Identifies the name of a department.'),
    defineAttribute('manager', 'complex', {
      description: "The User's manager, referencing the 'id' attribute of another User.",
      // §8.7.1 marks both sub-attributes "required": false although their descriptions say
      // REQUIRED; the schema data follows §8.7.1, and PATCH drops a manager left without a value.
      subAttributes: [
        text('value', "The id of the SCIM resource representing the User's manager."),
        defineAttribute('$ref', 'reference', {
          description: "The URI of the SCIM resource representing the User's manager.",
          referenceTypes: ['User'],
        }),
        defineAttribute('displayName', 'string', {
          description: "The displayName of the User's manager.",
          mutability: 'readOnly',
        }),
      ],
    }),
  ],
});
