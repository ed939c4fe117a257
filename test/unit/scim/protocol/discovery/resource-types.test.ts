import {
  ENTERPRISE_USER_SCHEMA,
  findResourceType,
  GROUP_SCHEMA,
  groupResourceSchema,
  RESOURCE_TYPE_SCHEMA,
  resourceTypes,
  USER_SCHEMA,
  userResourceSchema,
} from '../../../../../src/scim/protocol';
import type { ResourceSchema } from '../../../../../src/scim/protocol';
import { ACME_GROUP, ACME_USER, acmeExtension, BASE_URL } from './discovery-fixtures';

const userType = {
  schemas: [RESOURCE_TYPE_SCHEMA],
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: USER_SCHEMA,
  schemaExtensions: [{ schema: ENTERPRISE_USER_SCHEMA, required: false }],
  meta: { resourceType: 'ResourceType', location: `${BASE_URL}/ResourceTypes/User` },
};

const groupType = {
  schemas: [RESOURCE_TYPE_SCHEMA],
  id: 'Group',
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: GROUP_SCHEMA,
  meta: { resourceType: 'ResourceType', location: `${BASE_URL}/ResourceTypes/Group` },
};

describe('resourceTypes', () => {
  const rows: { name: string; input: [ResourceSchema, ResourceSchema]; expected: object[] }[] = [
    {
      name: 'lists User with the enterprise extension and Group without schemaExtensions',
      input: [userResourceSchema(), groupResourceSchema()],
      expected: [userType, groupType],
    },
    {
      name: "lists an organisation's custom extensions with their required flag",
      input: [
        userResourceSchema([acmeExtension(ACME_USER, true)]),
        groupResourceSchema([acmeExtension(ACME_GROUP)]),
      ],
      expected: [
        {
          ...userType,
          schemaExtensions: [
            { schema: ENTERPRISE_USER_SCHEMA, required: false },
            { schema: ACME_USER, required: true },
          ],
        },
        { ...groupType, schemaExtensions: [{ schema: ACME_GROUP, required: false }] },
      ],
    },
  ];

  it.each(rows)('$name', ({ input, expected }) => {
    expect(resourceTypes(BASE_URL, ...input)).toStrictEqual(expected);
  });
});

describe('findResourceType', () => {
  const list = resourceTypes(BASE_URL, userResourceSchema(), groupResourceSchema());
  const rows: { input: string; expected: string | null }[] = [
    { input: 'User', expected: 'User' },
    { input: 'Group', expected: 'Group' },
    // An id is caseExact (RFC 7643 §3.1).
    { input: 'user', expected: null },
    { input: 'Schema', expected: null },
    { input: '', expected: null },
  ];

  it.each(rows)('finds "$input" → $expected', ({ input, expected }) => {
    expect(findResourceType(list, input)?.id ?? null).toBe(expected);
  });
});
