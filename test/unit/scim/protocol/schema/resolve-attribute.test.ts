import {
  createResourceSchema,
  defineAttribute,
  ENTERPRISE_USER_SCHEMA,
  ENTERPRISE_USER_SCHEMA_DEFINITION,
  resolveAttribute,
  USER_SCHEMA,
  USER_SCHEMA_DEFINITION,
  userResourceSchema,
} from '../../../../../src/scim/protocol';
import { expectScimError } from '../support/expect-scim-error';

const ACME = 'urn:acme:params:scim:schemas:extension:acme:1.0:User';
const acmeExtension = {
  schema: {
    id: ACME,
    name: 'AcmeUser',
    description: 'Acme',
    attributes: [defineAttribute('badgeNumber', 'integer'), defineAttribute('department', 'string')],
  },
  required: false,
};
const sut = userResourceSchema();
const withAcme = userResourceSchema([acmeExtension]);

describe('resolveAttribute', () => {
  const rows: {
    input: string;
    expected: { schemaUrn: string; canonicalPath: string; isExtension: boolean } | null;
  }[] = [
    {
      input: 'userName',
      expected: { schemaUrn: USER_SCHEMA, canonicalPath: 'userName', isExtension: false },
    },
    {
      input: 'USERNAME',
      expected: { schemaUrn: USER_SCHEMA, canonicalPath: 'userName', isExtension: false },
    },
    {
      input: 'name.givenName',
      expected: { schemaUrn: USER_SCHEMA, canonicalPath: 'name.givenName', isExtension: false },
    },
    {
      input: 'Name.GIVENNAME',
      expected: { schemaUrn: USER_SCHEMA, canonicalPath: 'name.givenName', isExtension: false },
    },
    {
      input: 'emails.value',
      expected: { schemaUrn: USER_SCHEMA, canonicalPath: 'emails.value', isExtension: false },
    },
    {
      input: 'groups.$ref',
      expected: { schemaUrn: USER_SCHEMA, canonicalPath: 'groups.$ref', isExtension: false },
    },
    { input: 'id', expected: { schemaUrn: USER_SCHEMA, canonicalPath: 'id', isExtension: false } },
    {
      input: 'meta.lastModified',
      expected: { schemaUrn: USER_SCHEMA, canonicalPath: 'meta.lastModified', isExtension: false },
    },
    {
      input: `${USER_SCHEMA}:userName`,
      expected: { schemaUrn: USER_SCHEMA, canonicalPath: 'userName', isExtension: false },
    },
    {
      input: `${USER_SCHEMA}:name.familyName`,
      expected: { schemaUrn: USER_SCHEMA, canonicalPath: 'name.familyName', isExtension: false },
    },
    {
      input: `${ENTERPRISE_USER_SCHEMA}:manager.value`,
      expected: {
        schemaUrn: ENTERPRISE_USER_SCHEMA,
        canonicalPath: `${ENTERPRISE_USER_SCHEMA}:manager.value`,
        isExtension: true,
      },
    },
    {
      input: 'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:Department',
      expected: {
        schemaUrn: ENTERPRISE_USER_SCHEMA,
        canonicalPath: `${ENTERPRISE_USER_SCHEMA}:department`,
        isExtension: true,
      },
    },
    {
      input: 'employeeNumber',
      expected: {
        schemaUrn: ENTERPRISE_USER_SCHEMA,
        canonicalPath: `${ENTERPRISE_USER_SCHEMA}:employeeNumber`,
        isExtension: true,
      },
    },
    { input: 'nickname2', expected: null },
    { input: 'name.nickName', expected: null },
    { input: 'userName.first', expected: null },
    { input: `${ENTERPRISE_USER_SCHEMA}:userName`, expected: null },
    { input: 'urn:unknown:schema:1.0:User:userName', expected: null },
    { input: 'emails[type eq "work"]', expected: null },
    { input: 'a.b.c', expected: null },
    { input: '', expected: null },
  ];

  it.each(rows)('resolves "$input"', ({ input, expected }) => {
    const resolved = resolveAttribute(sut, input);
    expect(
      resolved && {
        schemaUrn: resolved.schemaUrn,
        canonicalPath: resolved.canonicalPath,
        isExtension: resolved.isExtension,
      },
    ).toEqual(expected);
  });

  it('returns the attribute and sub-attribute definitions', () => {
    const resolved = resolveAttribute(sut, 'emails.type');
    expect(resolved?.attribute.name).toBe('emails');
    expect(resolved?.subAttribute?.canonicalValues).toEqual(['work', 'home', 'other']);
  });

  it('resolves attributes of a custom extension passed in at run time', () => {
    expect(resolveAttribute(withAcme, 'badgeNumber')?.canonicalPath).toBe(`${ACME}:badgeNumber`);
    expect(resolveAttribute(withAcme, `${ACME}:badgeNumber`)?.attribute.type).toBe('integer');
  });

  it('does not guess when two extensions define the same unqualified name', () => {
    expect(resolveAttribute(withAcme, 'department')).toBeNull();
    expect(resolveAttribute(withAcme, `${ACME}:department`)?.schemaUrn).toBe(ACME);
  });
});

describe('createResourceSchema', () => {
  const base = { name: 'User', endpoint: '/Users', description: 'User', core: USER_SCHEMA_DEFINITION };
  const rows: { name: string; input: Parameters<typeof createResourceSchema>[0] }[] = [
    {
      name: 'an attribute name that is not ATTRNAME',
      input: {
        ...base,
        extensions: [
          {
            required: false,
            schema: { ...acmeExtension.schema, attributes: [defineAttribute('__proto__', 'string')] },
          },
        ],
      },
    },
    {
      name: 'a schema id that is not a URN',
      input: { ...base, extensions: [{ required: false, schema: { ...acmeExtension.schema, id: 'acme' } }] },
    },
    {
      name: 'the same extension twice',
      input: { ...base, extensions: [acmeExtension, acmeExtension] },
    },
    {
      name: 'a complex attribute without sub-attributes',
      input: {
        ...base,
        extensions: [
          {
            required: false,
            schema: { ...acmeExtension.schema, attributes: [defineAttribute('x', 'complex')] },
          },
        ],
      },
    },
    {
      name: 'duplicate attribute names differing in case',
      input: {
        ...base,
        extensions: [
          {
            required: false,
            schema: {
              ...acmeExtension.schema,
              attributes: [defineAttribute('x', 'string'), defineAttribute('X', 'string')],
            },
          },
        ],
      },
    },
  ];

  it.each(rows)('rejects $name with 400 invalidValue', ({ input }) => {
    expectScimError(() => createResourceSchema(input), 400, 'invalidValue');
  });

  it('accepts the standard User resource type', () => {
    expect(
      createResourceSchema({
        ...base,
        extensions: [{ schema: ENTERPRISE_USER_SCHEMA_DEFINITION, required: false }],
      }).extensions,
    ).toHaveLength(1);
  });
});
