import {
  ENTERPRISE_USER_SCHEMA,
  findSchemaResource,
  GROUP_SCHEMA,
  groupResourceSchema,
  SCHEMA_SCHEMA,
  schemaResources,
  USER_SCHEMA,
  userResourceSchema,
} from '../../../../../src/scim/protocol';
import type { SchemaAttribute, SchemaResource } from '../../../../../src/scim/protocol';
import { ACME_GROUP, ACME_USER, acmeExtension, BASE_URL } from './discovery-fixtures';

const acmeUser = acmeExtension(ACME_USER);
const sut = schemaResources(BASE_URL, [
  userResourceSchema([acmeUser]),
  groupResourceSchema([acmeExtension(ACME_GROUP)]),
]);

function attributeAt(urn: string, path: string): SchemaAttribute | undefined {
  const [name, sub] = path.split('.');
  const attribute = findSchemaResource(sut, urn)?.attributes.find((candidate) => candidate.name === name);
  return sub === undefined
    ? attribute
    : attribute?.subAttributes?.find((candidate) => candidate.name === sub);
}

function allAttributes(attributes: readonly SchemaAttribute[]): SchemaAttribute[] {
  return attributes.flatMap((attribute) => [attribute, ...allAttributes(attribute.subAttributes ?? [])]);
}

describe('schemaResources', () => {
  it('lists core User, enterprise User, the custom extensions and Group, each once', () => {
    expect(sut.map((schema) => schema.id)).toEqual([
      USER_SCHEMA,
      ENTERPRISE_USER_SCHEMA,
      ACME_USER,
      GROUP_SCHEMA,
      ACME_GROUP,
    ]);
  });

  it('lists an extension shared by two resource types once', () => {
    const shared = schemaResources(BASE_URL, [
      userResourceSchema([acmeUser]),
      groupResourceSchema([acmeUser]),
    ]);
    expect(shared.map((schema) => schema.id)).toEqual([
      USER_SCHEMA,
      ENTERPRISE_USER_SCHEMA,
      ACME_USER,
      GROUP_SCHEMA,
    ]);
  });

  const resourceRows: { urn: string; expected: Omit<SchemaResource, 'attributes'> }[] = [
    {
      urn: USER_SCHEMA,
      expected: {
        schemas: [SCHEMA_SCHEMA],
        id: USER_SCHEMA,
        name: 'User',
        description: 'User Account',
        meta: { resourceType: 'Schema', location: `${BASE_URL}/Schemas/${USER_SCHEMA}` },
      },
    },
    {
      urn: ACME_USER,
      expected: {
        schemas: [SCHEMA_SCHEMA],
        id: ACME_USER,
        name: 'Acme',
        description: 'Acme badge data',
        meta: { resourceType: 'Schema', location: `${BASE_URL}/Schemas/${ACME_USER}` },
      },
    },
  ];

  it.each(resourceRows)('describes $urn with its meta location', ({ urn, expected }) => {
    const { attributes: _attributes, ...rest } = findSchemaResource(sut, urn) as SchemaResource;
    expect(rest).toStrictEqual(expected);
  });

  const attributeRows: { urn: string; path: string; expected: object }[] = [
    {
      urn: USER_SCHEMA,
      path: 'userName',
      expected: {
        name: 'userName',
        type: 'string',
        multiValued: false,
        description:
          'Unique identifier for the User, typically used by the user to directly authenticate to the service provider.',
        required: true,
        caseExact: false,
        mutability: 'readWrite',
        returned: 'default',
        uniqueness: 'server',
      },
    },
    {
      urn: USER_SCHEMA,
      path: 'emails.type',
      expected: {
        name: 'type',
        type: 'string',
        multiValued: false,
        description: "A label indicating the attribute's function.",
        required: false,
        caseExact: false,
        mutability: 'readWrite',
        returned: 'default',
        uniqueness: 'none',
        canonicalValues: ['work', 'home', 'other'],
      },
    },
    {
      urn: USER_SCHEMA,
      path: 'password',
      expected: expect.objectContaining({ mutability: 'writeOnly', returned: 'never' }),
    },
    {
      urn: ENTERPRISE_USER_SCHEMA,
      path: 'manager.$ref',
      expected: expect.objectContaining({ type: 'reference', referenceTypes: ['User'] }),
    },
    {
      urn: GROUP_SCHEMA,
      path: 'members',
      expected: expect.objectContaining({
        type: 'complex',
        multiValued: true,
        subAttributes: [
          expect.objectContaining({ name: 'value' }),
          expect.objectContaining({ name: '$ref', referenceTypes: ['User', 'Group'] }),
          expect.objectContaining({ name: 'display', mutability: 'readOnly' }),
          expect.objectContaining({ name: 'type', canonicalValues: ['User', 'Group'] }),
        ],
      }),
    },
    {
      urn: ACME_USER,
      path: 'clearance',
      expected: expect.objectContaining({ type: 'string', canonicalValues: ['public', 'secret'] }),
    },
  ];

  it.each(attributeRows)('represents $urn $path as RFC 7643 §7 describes', ({ urn, path, expected }) => {
    expect(attributeAt(urn, path)).toEqual(expected);
  });

  it.each(sut.map((schema) => ({ urn: schema.id, schema })))(
    'gives every attribute of $urn all nine characteristics',
    ({ schema }) => {
      for (const attribute of allAttributes(schema.attributes)) {
        expect(Object.keys(attribute)).toEqual(
          expect.arrayContaining([
            'name',
            'type',
            'multiValued',
            'description',
            'required',
            'caseExact',
            'mutability',
            'returned',
            'uniqueness',
          ]),
        );
      }
    },
  );

  it.each(sut.map((schema) => ({ urn: schema.id, schema })))(
    'does not list the common attributes id, externalId and meta in $urn (RFC 7643 §3.1)',
    ({ schema }) => {
      const names = schema.attributes.map((attribute) => attribute.name);
      expect(names).not.toEqual(expect.arrayContaining(['id']));
      expect(names).not.toEqual(expect.arrayContaining(['externalId']));
      expect(names).not.toEqual(expect.arrayContaining(['meta']));
    },
  );
});

describe('findSchemaResource', () => {
  const rows: { input: string; expected: string | null }[] = [
    { input: USER_SCHEMA, expected: USER_SCHEMA },
    { input: USER_SCHEMA.toUpperCase(), expected: USER_SCHEMA },
    { input: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:user', expected: ENTERPRISE_USER_SCHEMA },
    { input: ACME_USER, expected: ACME_USER },
    { input: 'urn:ietf:params:scim:schemas:core:2.0:Schema', expected: null },
    { input: 'User', expected: null },
  ];

  it.each(rows)('finds "$input" → $expected', ({ input, expected }) => {
    expect(findSchemaResource(sut, input)?.id ?? null).toBe(expected);
  });
});
