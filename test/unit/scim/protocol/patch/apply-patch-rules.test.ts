import {
  applyPatch,
  defineAttribute,
  groupResourceSchema,
  userResourceSchema,
} from '../../../../../src/scim/protocol';
import type { JsonObject, PatchOperation, ScimType } from '../../../../../src/scim/protocol';
import { expectScimError } from '../support/expect-scim-error';
import { bjensen, ENTERPRISE, GROUP, patch, USER } from '../support/patch-helpers';

const HR = 'urn:example:params:scim:schemas:extension:hr:1.0:User';
const schema = userResourceSchema([
  {
    required: false,
    schema: {
      id: HR,
      name: 'HrUser',
      description: 'HR data',
      attributes: [
        defineAttribute('employeeId', 'string', { mutability: 'immutable', caseExact: true }),
        defineAttribute('badge', 'integer'),
        defineAttribute('fte', 'decimal'),
        defineAttribute('hireDate', 'dateTime'),
        defineAttribute('skills', 'string', { multiValued: true }),
      ],
    },
  },
]);

describe('applyPatch — errors', () => {
  const rows: { name: string; resource?: JsonObject; operations: unknown[]; scimType: ScimType }[] = [
    {
      name: 'remove with a filter that matches nothing',
      operations: [{ op: 'remove', path: 'emails[type eq "other"]' }],
      scimType: 'noTarget',
    },
    {
      name: 'remove of a sub-attribute with a filter that matches nothing',
      operations: [{ op: 'remove', path: 'emails[type eq "other"].value' }],
      scimType: 'noTarget',
    },
    {
      name: 'replace with a non-equality filter that matches nothing',
      operations: [{ op: 'replace', path: 'emails[value co "zzz"].type', value: 'work' }],
      scimType: 'noTarget',
    },
    {
      name: 'add with an or-filter that matches nothing',
      operations: [{ op: 'add', path: 'emails[type eq "a" or type eq "b"].value', value: 'x@y' }],
      scimType: 'noTarget',
    },
    {
      name: 'a path to an undefined attribute',
      operations: [{ op: 'replace', path: 'nickname2', value: 'x' }],
      scimType: 'invalidPath',
    },
    {
      name: 'a path to an undefined sub-attribute',
      operations: [{ op: 'replace', path: 'name.nickName', value: 'x' }],
      scimType: 'invalidPath',
    },
    {
      name: 'a remove of an undefined attribute',
      operations: [{ op: 'remove', path: 'shoeSize' }],
      scimType: 'invalidPath',
    },
    {
      name: 'a filter on an undefined sub-attribute',
      operations: [{ op: 'remove', path: 'emails[foo eq "x"]' }],
      scimType: 'invalidPath',
    },
    {
      name: 'an undefined sub-attribute after a filter',
      operations: [{ op: 'replace', path: 'emails[type eq "work"].foo', value: 'x' }],
      scimType: 'invalidPath',
    },
    {
      name: 'a filter on a simple attribute',
      operations: [{ op: 'remove', path: 'userName[value eq "x"]' }],
      scimType: 'invalidPath',
    },
    {
      name: 'an unsupported comparison in a path filter',
      operations: [{ op: 'remove', path: 'emails[primary gt true]' }],
      scimType: 'invalidPath',
    },
    {
      name: 'a boolean that is not one',
      operations: [{ op: 'replace', path: 'active', value: 'yes' }],
      scimType: 'invalidValue',
    },
    {
      name: 'a number for a string attribute',
      operations: [{ op: 'replace', path: 'userName', value: 42 }],
      scimType: 'invalidValue',
    },
    {
      name: 'an object for a string attribute',
      operations: [{ op: 'replace', path: 'title', value: { a: 1 } }],
      scimType: 'invalidValue',
    },
    {
      name: 'two values for a single-valued attribute',
      operations: [{ op: 'replace', path: 'title', value: ['a', 'b'] }],
      scimType: 'invalidValue',
    },
    {
      name: 'a string for a complex attribute without a value sub-attribute',
      operations: [{ op: 'replace', path: 'name', value: 'Barbara' }],
      scimType: 'invalidValue',
    },
    {
      name: 'a number inside a multi-valued complex attribute',
      operations: [{ op: 'add', path: 'emails', value: [42] }],
      scimType: 'invalidValue',
    },
    {
      name: 'a boolean for a string sub-attribute',
      operations: [{ op: 'add', path: 'emails', value: [{ value: true }] }],
      scimType: 'invalidValue',
    },
    {
      name: 'a fraction for an integer',
      operations: [{ op: 'replace', path: `${HR}:badge`, value: 1.5 }],
      scimType: 'invalidValue',
    },
    {
      name: 'a non-numeric string for a decimal',
      operations: [{ op: 'replace', path: `${HR}:fte`, value: 'half' }],
      scimType: 'invalidValue',
    },
    {
      name: 'a malformed dateTime',
      operations: [{ op: 'replace', path: `${HR}:hireDate`, value: '2020-13-45' }],
      scimType: 'invalidValue',
    },
    {
      name: 'a dateTime without time',
      operations: [{ op: 'replace', path: `${HR}:hireDate`, value: '2020-01-01' }],
      scimType: 'invalidValue',
    },
    {
      name: 'two primary values written at once',
      operations: [
        {
          op: 'replace',
          path: 'emails',
          value: [
            { value: 'a@x', primary: true },
            { value: 'b@x', primary: true },
          ],
        },
      ],
      scimType: 'invalidValue',
    },
    {
      name: 'a no-path add whose value is not an object',
      operations: [{ op: 'add', value: 'title' }],
      scimType: 'invalidValue',
    },
    {
      name: 'an extension URN key whose value is not an object',
      operations: [{ op: 'add', value: { [ENTERPRISE]: 'Sales' } }],
      scimType: 'invalidValue',
    },
    {
      name: 'removing the required userName',
      operations: [{ op: 'remove', path: 'userName' }],
      scimType: 'mutability',
    },
    {
      name: 'replacing the required userName with null',
      operations: [{ op: 'replace', path: 'userName', value: null }],
      scimType: 'mutability',
    },
    { name: 'removing the read-only id', operations: [{ op: 'remove', path: 'id' }], scimType: 'mutability' },
    {
      name: 'removing read-only meta data',
      operations: [{ op: 'remove', path: 'meta.created' }],
      scimType: 'mutability',
    },
    {
      name: 'removing read-only groups',
      operations: [{ op: 'remove', path: 'groups' }],
      scimType: 'mutability',
    },
    {
      name: 'changing an immutable attribute that has a value',
      resource: bjensen({ schemas: [USER, HR], [HR]: { employeeId: 'E1' } }),
      operations: [{ op: 'replace', path: `${HR}:employeeId`, value: 'E2' }],
      scimType: 'mutability',
    },
    {
      name: 'removing an immutable attribute that has a value',
      resource: bjensen({ schemas: [USER, HR], [HR]: { employeeId: 'E1' } }),
      operations: [{ op: 'remove', path: `${HR}:employeeId` }],
      scimType: 'mutability',
    },
    {
      name: 'an immutable value differing only in case (caseExact)',
      resource: bjensen({ schemas: [USER, HR], [HR]: { employeeId: 'e1' } }),
      operations: [{ op: 'add', value: { [HR]: { employeeId: 'E1' } } }],
      scimType: 'mutability',
    },
  ];

  it.each(rows)('rejects $name with 400 $scimType', ({ resource, operations, scimType }) => {
    expectScimError(() => patch(resource ?? bjensen(), operations, schema), 400, scimType);
  });

  it('rejects changing an immutable member sub-attribute of a group', () => {
    const group = {
      schemas: [GROUP],
      id: 'g1',
      displayName: 'Admins',
      members: [{ value: 'u1', display: 'Ann' }],
    };
    const operations = [{ op: 'replace', path: 'members[value eq "u1"].display', value: 'Anne' }];
    expectScimError(() => patch(group, operations, groupResourceSchema()), 400, 'mutability');
  });

  const handMade: { name: string; operation: PatchOperation; scimType: ScimType }[] = [
    { name: 'a remove without path', operation: { op: 'remove' }, scimType: 'noTarget' },
    {
      name: 'an add without value',
      operation: { op: 'add', path: { attribute: 'title' } },
      scimType: 'invalidSyntax',
    },
  ];

  it.each(handMade)('rejects $name built in code with 400 $scimType', ({ operation, scimType }) => {
    expectScimError(() => applyPatch(bjensen(), [operation], schema), 400, scimType);
  });

  it('is all-or-nothing: a failing later operation leaves no trace and throws', () => {
    const resource = bjensen();
    expectScimError(
      () =>
        patch(
          resource,
          [
            { op: 'replace', path: 'title', value: 'x' },
            { op: 'remove', path: 'userName' },
          ],
          schema,
        ),
      400,
      'mutability',
    );
    expect(resource).toEqual(bjensen());
  });
});

describe('applyPatch — mutability and unknown attributes', () => {
  it('ignores read-only attributes in a no-path value (id, meta, groups)', () => {
    const result = patch(
      bjensen(),
      [
        {
          op: 'replace',
          value: { id: 'other', meta: { version: 'W/"9"' }, groups: [{ value: 'g1' }], title: 'Boss' },
        },
      ],
      schema,
    );
    expect(result.resource).toEqual(bjensen({ title: 'Boss' }));
    expect(result.ignoredAttributes).toEqual([]);
  });

  const readOnlyPaths = [
    { op: 'replace', path: 'id', value: 'other' },
    { op: 'add', path: 'id', value: 'other' },
    { op: 'replace', path: 'meta.created', value: '2020-01-01T00:00:00Z' },
    { op: 'replace', path: 'meta', value: { version: 'W/"9"' } },
    { op: 'add', path: 'groups', value: [{ value: 'g1' }] },
    { op: 'replace', path: 'groups[value eq "g1"].display', value: 'Admins' },
    { op: 'add', path: `${ENTERPRISE}:manager.displayName`, value: 'Boss' },
  ];

  it.each(readOnlyPaths)(
    'refuses $op of read-only $path with 400 mutability (RFC 7644 §3.5.2)',
    (operation) => {
      const resource = bjensen();
      expectScimError(() => patch(resource, [operation], schema), 400, 'mutability');
      expect(resource).toEqual(bjensen());
    },
  );

  it('ignores a read-only sub-attribute inside a complex value', () => {
    const result = patch(
      bjensen(),
      [{ op: 'add', path: `${ENTERPRISE}:manager`, value: { value: 'm1', displayName: 'Boss' } }],
      schema,
    );
    expect(result.resource[ENTERPRISE]).toEqual({ manager: { value: 'm1' } });
  });

  it('sets an immutable attribute that has no value yet, and accepts re-setting the same value', () => {
    const first = patch(bjensen(), [{ op: 'add', path: `${HR}:employeeId`, value: 'E1' }], schema);
    const second = patch(first.resource, [{ op: 'replace', value: { [HR]: { employeeId: 'E1' } } }], schema);
    expect(second.resource[HR]).toEqual({ employeeId: 'E1' });
  });

  it('reports attributes of a no-path value that the schema does not define, and applies the rest', () => {
    const result = patch(
      bjensen(),
      [
        {
          op: 'add',
          value: {
            title: 'Boss',
            nickname2: 'x',
            'name.nickName': 'y',
            emails: [{ value: 'c@x.com', label: 'z' }],
            [ENTERPRISE]: { department: 'Sales', favouriteColour: 'blue' },
            'urn:unknown:ext:1.0:User:thing': 1,
            schemas: ['ignored silently'],
          },
        },
      ],
      schema,
    );
    expect(result.ignoredAttributes).toEqual([
      'nickname2',
      'name.nickName',
      'emails.label',
      `${ENTERPRISE}:favouriteColour`,
      'urn:unknown:ext:1.0:User:thing',
    ]);
    expect(result.resource).toMatchObject({ title: 'Boss', [ENTERPRISE]: { department: 'Sales' } });
  });

  it('accepts numbers and booleans of the right type for custom attributes', () => {
    const result = patch(
      bjensen(),
      [
        {
          op: 'add',
          value: {
            [HR]: { badge: 7, fte: 0.8, hireDate: '2020-01-06T09:00:00+01:00', skills: ['scim', 'sql'] },
          },
        },
      ],
      schema,
    );
    expect(result.resource[HR]).toEqual({
      badge: 7,
      fte: 0.8,
      hireDate: '2020-01-06T09:00:00+01:00',
      skills: ['scim', 'sql'],
    });
    expect(result.quirks).toEqual([]);
  });

  it('coerces numbers sent as strings and records the quirk', () => {
    const result = patch(
      bjensen(),
      [
        { op: 'replace', path: `${HR}:badge`, value: '42' },
        { op: 'replace', path: `${HR}:fte`, value: '0.5' },
      ],
      schema,
    );
    expect(result.resource[HR]).toEqual({ badge: 42, fte: 0.5 });
    expect(result.quirks).toEqual(['entra:string-number']);
  });
});
