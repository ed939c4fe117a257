import {
  groupResourceSchema,
  PATCH_OP_MESSAGE,
  parsePatchRequest,
  planGroupPatch,
} from '../../../../../src/scim/protocol';
import type { GroupPatchPlan, ScimType } from '../../../../../src/scim/protocol';
import { expectScimError } from '../support/expect-scim-error';

const schema = groupResourceSchema();
const plan = (operations: unknown[]) =>
  planGroupPatch(
    parsePatchRequest({ schemas: [PATCH_OP_MESSAGE], Operations: operations }).operations,
    schema,
  );
const none: GroupPatchPlan = {
  membersToAdd: [],
  membersToRemove: [],
  removeAllMembers: false,
  attributeOperations: [],
  quirks: [],
};

describe('planGroupPatch', () => {
  const rows: { name: string; operations: unknown[]; expected: GroupPatchPlan }[] = [
    {
      name: 'add members',
      operations: [{ op: 'add', path: 'members', value: [{ value: 'a' }, { value: 'b' }] }],
      expected: { ...none, membersToAdd: ['a', 'b'] },
    },
    {
      name: 'add deduplicates ids',
      operations: [{ op: 'add', path: 'members', value: [{ value: 'a' }, { value: 'a' }] }],
      expected: { ...none, membersToAdd: ['a'] },
    },
    {
      name: 'remove by value filter',
      operations: [{ op: 'remove', path: 'members[value eq "a"]' }],
      expected: { ...none, membersToRemove: ['a'] },
    },
    {
      name: 'remove by an or-ed value filter',
      operations: [{ op: 'remove', path: 'members[value eq "a" or value eq "b"]' }],
      expected: { ...none, membersToRemove: ['a', 'b'] },
    },
    {
      name: 'remove with a value list',
      operations: [{ op: 'remove', path: 'members', value: [{ value: 'a' }, { value: 'b' }] }],
      expected: { ...none, membersToRemove: ['a', 'b'], quirks: ['entra:remove-members-by-value'] },
    },
    {
      name: 'remove all members',
      operations: [{ op: 'remove', path: 'members' }],
      expected: { ...none, removeAllMembers: true },
    },
    {
      name: 'replace members',
      operations: [{ op: 'replace', path: 'members', value: [{ value: 'a' }] }],
      expected: { ...none, replaceMembersWith: ['a'] },
    },
    {
      name: 'replace members with an empty list',
      operations: [{ op: 'replace', path: 'members', value: [] }],
      expected: { ...none, replaceMembersWith: [] },
    },
    {
      name: 'no-path replace with a members key and other attributes',
      operations: [
        { op: 'replace', value: { displayName: 'Ops', Members: [{ value: 'a' }], externalId: 'e9' } },
      ],
      expected: {
        ...none,
        replaceMembersWith: ['a'],
        attributeOperations: [{ op: 'replace', value: { displayName: 'Ops', externalId: 'e9' } }],
      },
    },
    {
      name: 'no-path add with a URN-qualified members key',
      operations: [
        { op: 'add', value: { 'urn:ietf:params:scim:schemas:core:2.0:Group:members': [{ value: 'a' }] } },
      ],
      expected: { ...none, membersToAdd: ['a'] },
    },
    {
      name: 'displayName and externalId replaces pass through',
      operations: [
        { op: 'replace', path: 'displayName', value: 'Ops' },
        { op: 'replace', path: 'externalId', value: 'e9' },
      ],
      expected: {
        ...none,
        attributeOperations: [
          { op: 'replace', path: { attribute: 'displayName' }, value: 'Ops' },
          { op: 'replace', path: { attribute: 'externalId' }, value: 'e9' },
        ],
      },
    },
    {
      name: 'an add then a remove of the same member cancels out',
      operations: [
        { op: 'add', path: 'members', value: [{ value: 'a' }, { value: 'b' }] },
        { op: 'remove', path: 'members[value eq "a"]' },
      ],
      expected: { ...none, membersToAdd: ['b'], membersToRemove: ['a'] },
    },
    {
      name: 'a remove then an add of the same member keeps it',
      operations: [
        { op: 'remove', path: 'members[value eq "a"]' },
        { op: 'add', path: 'members', value: [{ value: 'a' }] },
      ],
      expected: { ...none, membersToAdd: ['a'] },
    },
    {
      name: 'adds and removes after a replace fold into the replacement',
      operations: [
        { op: 'replace', path: 'members', value: [{ value: 'a' }, { value: 'b' }] },
        { op: 'add', path: 'members', value: [{ value: 'c' }] },
        { op: 'remove', path: 'members[value eq "a"]' },
      ],
      expected: { ...none, replaceMembersWith: ['b', 'c'] },
    },
    {
      name: 'adds after remove-all are kept',
      operations: [
        { op: 'add', path: 'members', value: [{ value: 'x' }] },
        { op: 'remove', path: 'members' },
        { op: 'add', path: 'members', value: [{ value: 'a' }] },
      ],
      expected: { ...none, removeAllMembers: true, membersToAdd: ['a'] },
    },
    {
      name: 'a member given as a bare id',
      operations: [{ op: 'add', path: 'members', value: ['a'] }],
      expected: { ...none, membersToAdd: ['a'], quirks: ['lenient:member-as-string'] },
    },
  ];

  it.each(rows)('$name', ({ operations, expected }) => {
    expect(plan(operations)).toEqual(expected);
  });

  const invalid: { name: string; operations: unknown[]; scimType: ScimType }[] = [
    {
      name: 'a member without value',
      operations: [{ op: 'add', path: 'members', value: [{ display: 'Ann' }] }],
      scimType: 'invalidValue',
    },
    {
      name: 'a member with an empty value',
      operations: [{ op: 'add', path: 'members', value: [{ value: '' }] }],
      scimType: 'invalidValue',
    },
    {
      name: 'a member filter on display',
      operations: [{ op: 'remove', path: 'members[display eq "Ann"]' }],
      scimType: 'invalidFilter',
    },
    {
      name: 'a member filter with and',
      operations: [{ op: 'remove', path: 'members[value eq "a" and type eq "User"]' }],
      scimType: 'invalidFilter',
    },
    {
      name: 'a replace of a member sub-attribute',
      operations: [{ op: 'replace', path: 'members[value eq "a"].display', value: 'x' }],
      scimType: 'mutability',
    },
    {
      name: 'a replace through a member filter',
      operations: [{ op: 'replace', path: 'members[value eq "a"]', value: { value: 'b' } }],
      scimType: 'mutability',
    },
    {
      name: 'an undefined attribute',
      operations: [{ op: 'replace', path: 'owner', value: 'x' }],
      scimType: 'invalidPath',
    },
    {
      name: 'a no-path add that is not an object',
      operations: [{ op: 'add', value: [{ value: 'a' }] }],
      scimType: 'invalidValue',
    },
  ];

  it.each(invalid)('rejects $name with 400 $scimType', ({ operations, scimType }) => {
    expectScimError(() => plan(operations), 400, scimType);
  });

  it('plans 10,000 members added, removed and replaced in linear time', () => {
    const members = Array.from({ length: 10_000 }, (_, index) => ({ value: `user-${index}` }));
    const started = Date.now();
    const sut = plan([
      { op: 'add', path: 'members', value: members },
      { op: 'remove', path: 'members', value: members.slice(0, 5_000) },
      { op: 'add', path: 'members', value: members.slice(0, 2_500) },
    ]);
    expect(Date.now() - started).toBeLessThan(500);
    expect(sut.membersToAdd).toHaveLength(7_500);
    expect(sut.membersToRemove).toHaveLength(2_500);
  });
});
