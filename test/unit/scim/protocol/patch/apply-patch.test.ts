import { userResourceSchema } from '../../../../../src/scim/protocol';
import type { JsonObject } from '../../../../../src/scim/protocol';
import { bjensen, ENTERPRISE, patch, USER } from '../support/patch-helpers';

const schema = userResourceSchema();

interface Row {
  name: string;
  resource?: JsonObject;
  operations: unknown[];
  expected: JsonObject;
}

/** Each row states the whole resulting resource, so unintended changes show up too. */
describe('applyPatch — RFC 7644 §3.5.2 semantics', () => {
  const add: Row[] = [
    {
      name: 'add without path merges a partial resource',
      operations: [{ op: 'add', value: { nickName: 'Babs', title: 'Tour Guide' } }],
      expected: bjensen({ nickName: 'Babs', title: 'Tour Guide' }),
    },
    {
      name: 'add without path appends to a multi-valued attribute',
      operations: [{ op: 'add', value: { emails: [{ value: 'b@other.net', type: 'other' }] } }],
      expected: bjensen({
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home' },
          { value: 'b@other.net', type: 'other' },
        ],
      }),
    },
    {
      name: 'add without path merges a complex attribute and accepts dotted keys',
      operations: [{ op: 'add', value: { name: { middleName: 'Jane' }, 'name.honorificPrefix': 'Ms.' } }],
      expected: bjensen({
        name: { givenName: 'Barbara', familyName: 'Jensen', middleName: 'Jane', honorificPrefix: 'Ms.' },
      }),
    },
    {
      name: 'add without path accepts an extension URN key with an object value',
      operations: [
        { op: 'add', value: { [ENTERPRISE]: { department: 'Tour Operations', manager: { value: 'm1' } } } },
      ],
      expected: bjensen({
        schemas: [USER, ENTERPRISE],
        [ENTERPRISE]: { department: 'Tour Operations', manager: { value: 'm1' } },
      }),
    },
    {
      name: 'add without path accepts a fully qualified key',
      operations: [{ op: 'add', value: { [`${ENTERPRISE}:department`]: 'Sales', [`${USER}:title`]: 'Rep' } }],
      expected: bjensen({ schemas: [USER, ENTERPRISE], title: 'Rep', [ENTERPRISE]: { department: 'Sales' } }),
    },
    {
      name: 'add to a single-valued attribute replaces it',
      operations: [{ op: 'add', path: 'userName', value: 'babs' }],
      expected: bjensen({ userName: 'babs' }),
    },
    {
      name: 'add to a multi-valued attribute appends',
      operations: [{ op: 'add', path: 'phoneNumbers', value: [{ value: '555-555-5555', type: 'work' }] }],
      expected: bjensen({ phoneNumbers: [{ value: '555-555-5555', type: 'work' }] }),
    },
    {
      name: 'add of a value already present changes nothing',
      operations: [{ op: 'add', path: 'emails', value: [{ value: 'BJENSEN@example.com', type: 'work' }] }],
      expected: bjensen(),
    },
    {
      name: 'add of a present value with new sub-attributes merges them instead of duplicating',
      operations: [{ op: 'add', path: 'emails', value: [{ value: 'babs@jensen.org', display: 'Babs' }] }],
      expected: bjensen({
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home', display: 'Babs' },
        ],
      }),
    },
    {
      name: 'add of the same address with another type is a new value',
      operations: [{ op: 'add', path: 'emails', value: [{ value: 'babs@jensen.org', type: 'other' }] }],
      expected: bjensen({
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home' },
          { value: 'babs@jensen.org', type: 'other' },
        ],
      }),
    },
    {
      name: 'add of a new primary value clears primary on the others',
      operations: [
        { op: 'add', path: 'emails', value: [{ value: 'new@example.com', type: 'work', primary: true }] },
      ],
      expected: bjensen({
        emails: [
          { value: 'bjensen@example.com', type: 'work' },
          { value: 'babs@jensen.org', type: 'home' },
          { value: 'new@example.com', type: 'work', primary: true },
        ],
      }),
    },
    {
      name: 'add to a complex attribute sets the given sub-attributes',
      operations: [{ op: 'add', path: 'name', value: { formatted: 'Barbara Jensen' } }],
      expected: bjensen({
        name: { givenName: 'Barbara', familyName: 'Jensen', formatted: 'Barbara Jensen' },
      }),
    },
    {
      name: 'add to a sub-attribute of an absent complex attribute creates it',
      resource: bjensen({ name: null }),
      operations: [{ op: 'add', path: 'name.givenName', value: 'Babs' }],
      expected: bjensen({ name: { givenName: 'Babs' } }),
    },
    {
      name: 'add with a value filter sets the sub-attribute on matching values',
      operations: [{ op: 'add', path: 'emails[type eq "home"].display', value: 'Home' }],
      expected: bjensen({
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home', display: 'Home' },
        ],
      }),
    },
  ];

  const replace: Row[] = [
    {
      name: 'replace without path replaces the given attributes',
      operations: [{ op: 'replace', value: { displayName: 'Babs', active: false } }],
      expected: bjensen({ displayName: 'Babs', active: false }),
    },
    {
      name: 'replace of a multi-valued attribute replaces every value',
      operations: [{ op: 'replace', path: 'emails', value: [{ value: 'only@example.com', type: 'work' }] }],
      expected: bjensen({ emails: [{ value: 'only@example.com', type: 'work' }] }),
    },
    {
      name: 'replace of a complex attribute leaves unspecified sub-attributes unchanged',
      operations: [{ op: 'replace', path: 'name', value: { givenName: 'Babs' } }],
      expected: bjensen({ name: { givenName: 'Babs', familyName: 'Jensen' } }),
    },
    {
      name: 'replace of a complex attribute with a null sub-attribute clears it',
      operations: [{ op: 'replace', path: 'name', value: { givenName: null } }],
      expected: bjensen({ name: { familyName: 'Jensen' } }),
    },
    {
      name: 'replace of an attribute that has no value adds it',
      operations: [{ op: 'replace', path: 'title', value: 'Manager' }],
      expected: bjensen({ title: 'Manager' }),
    },
    {
      name: 'replace with null unassigns the attribute',
      resource: bjensen({ title: 'Manager' }),
      operations: [{ op: 'replace', path: 'title', value: null }],
      expected: bjensen(),
    },
    {
      name: 'replace of a multi-valued attribute with [] unassigns it',
      operations: [{ op: 'replace', path: 'emails', value: [] }],
      expected: bjensen({ emails: null }),
    },
    {
      name: 'replace with a value filter replaces the sub-attribute of matching values',
      operations: [{ op: 'replace', path: 'emails[type eq "work"].value', value: 'barbara@example.com' }],
      expected: bjensen({
        emails: [
          { value: 'barbara@example.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home' },
        ],
      }),
    },
    {
      name: 'replace with a value filter and no sub-attribute merges into matching values',
      operations: [
        {
          op: 'replace',
          path: 'emails[value eq "babs@jensen.org"]',
          value: { type: 'other', primary: true },
        },
      ],
      expected: bjensen({
        emails: [
          { value: 'bjensen@example.com', type: 'work' },
          { value: 'babs@jensen.org', type: 'other', primary: true },
        ],
      }),
    },
    {
      name: 'replace of primary through a filter moves the primary flag',
      operations: [{ op: 'replace', path: 'emails[type eq "home"].primary', value: true }],
      expected: bjensen({
        emails: [
          { value: 'bjensen@example.com', type: 'work' },
          { value: 'babs@jensen.org', type: 'home', primary: true },
        ],
      }),
    },
    {
      name: 'replace of a sub-attribute path on a single complex attribute',
      operations: [{ op: 'replace', path: 'name.familyName', value: 'Smith' }],
      expected: bjensen({ name: { givenName: 'Barbara', familyName: 'Smith' } }),
    },
    {
      name: 'replace of a sub-attribute without filter updates every value',
      resource: bjensen({ emails: [{ value: 'a@x.com' }, { value: 'b@x.com' }] }),
      operations: [{ op: 'replace', path: 'emails.type', value: 'work' }],
      expected: bjensen({
        emails: [
          { value: 'a@x.com', type: 'work' },
          { value: 'b@x.com', type: 'work' },
        ],
      }),
    },
    {
      name: 'replace of an extension attribute by its qualified path',
      operations: [{ op: 'replace', path: `${ENTERPRISE}:department`, value: 'R&D' }],
      expected: bjensen({ schemas: [USER, ENTERPRISE], [ENTERPRISE]: { department: 'R&D' } }),
    },
    {
      name: 'replace of a writeOnly password stores it for the facade to hash',
      operations: [{ op: 'replace', path: 'password', value: 't1meMa$heen' }],
      expected: bjensen({ password: 't1meMa$heen' }),
    },
  ];

  const remove: Row[] = [
    {
      name: 'remove of a single-valued attribute',
      resource: bjensen({ title: 'Manager' }),
      operations: [{ op: 'remove', path: 'title' }],
      expected: bjensen(),
    },
    {
      name: 'remove of an attribute without value is a no-op',
      operations: [{ op: 'remove', path: 'nickName' }],
      expected: bjensen(),
    },
    {
      name: 'remove of a multi-valued attribute removes all values',
      operations: [{ op: 'remove', path: 'emails' }],
      expected: bjensen({ emails: null }),
    },
    {
      name: 'remove with a value filter removes the matching values',
      operations: [{ op: 'remove', path: 'emails[type eq "home"]' }],
      expected: bjensen({ emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }] }),
    },
    {
      name: 'removing the last value removes the attribute',
      resource: bjensen({ emails: [{ value: 'only@example.com', type: 'work' }] }),
      operations: [{ op: 'remove', path: 'emails[value eq "only@example.com"]' }],
      expected: bjensen({ emails: null }),
    },
    {
      name: "remove of a filtered value's sub-attribute drops a value left without its value",
      operations: [{ op: 'remove', path: 'emails[type eq "home"].value' }],
      expected: bjensen({ emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }] }),
    },
    {
      name: "remove of a filtered value's other sub-attribute keeps the value",
      operations: [{ op: 'remove', path: 'emails[type eq "work"].primary' }],
      expected: bjensen({
        emails: [
          { value: 'bjensen@example.com', type: 'work' },
          { value: 'babs@jensen.org', type: 'home' },
        ],
      }),
    },
    {
      name: 'remove of a sub-attribute of a complex attribute',
      operations: [{ op: 'remove', path: 'name.givenName' }],
      expected: bjensen({ name: { familyName: 'Jensen' } }),
    },
    {
      name: 'removing every sub-attribute removes the complex attribute',
      resource: bjensen({ name: { givenName: 'Barbara' } }),
      operations: [{ op: 'remove', path: 'name.givenName' }],
      expected: bjensen({ name: null }),
    },
    {
      name: 'remove of the last extension attribute removes the extension and its schema URN',
      resource: bjensen({ schemas: [USER, ENTERPRISE], [ENTERPRISE]: { department: 'Sales' } }),
      operations: [{ op: 'remove', path: `${ENTERPRISE}:department` }],
      expected: bjensen(),
    },
  ];

  describe.each([
    ['add', add],
    ['replace', replace],
    ['remove', remove],
  ])('%s', (_op, rows) => {
    it.each(rows)('$name', ({ resource, operations, expected }) => {
      const result = patch(resource ?? bjensen(), operations, schema);
      expect(result.resource).toEqual(withoutNulls(expected));
    });
  });

  it('applies operations in order', () => {
    const result = patch(
      bjensen(),
      [
        { op: 'add', path: 'title', value: 'A' },
        { op: 'replace', path: 'title', value: 'B' },
        { op: 'remove', path: 'emails[type eq "home"]' },
        { op: 'add', path: 'emails', value: [{ value: 'babs@jensen.org', type: 'home' }] },
      ],
      schema,
    );
    expect(result.resource).toEqual(bjensen({ title: 'B' }));
  });

  it('does not modify the resource or the operations it was given', () => {
    const resource = bjensen({ [ENTERPRISE]: { manager: { value: 'm1' } }, schemas: [USER, ENTERPRISE] });
    const operations = [
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'x@example.com' },
      { op: 'add', value: { name: { middleName: 'J' }, emails: [{ value: 'y@example.com' }] } },
      { op: 'remove', path: `${ENTERPRISE}:manager` },
    ];
    const before = JSON.stringify({ resource, operations });
    const result = patch(resource, operations, schema);
    expect(JSON.stringify({ resource, operations })).toBe(before);
    expect(result.resource).not.toBe(resource);
  });

  it('leaves the schemas array listing the core schema and every extension present', () => {
    const { schemas: _schemas, ...withoutSchemas } = bjensen();
    const result = patch(withoutSchemas, [{ op: 'add', path: 'costCenter', value: '4130' }], schema);
    expect(result.resource.schemas).toEqual([USER, ENTERPRISE]);
  });
});

/** Rows use `null` to say "this attribute is absent". */
function withoutNulls(resource: JsonObject): JsonObject {
  return Object.fromEntries(
    Object.entries(resource).filter(([, value]) => value !== null && value !== undefined),
  ) as JsonObject;
}
