import type { JsonObject } from '../../../../src/scim/protocol';
import {
  applyPatch,
  groupResourceSchema,
  parsePatchRequest,
  planGroupPatch,
  userResourceSchema,
} from '../../../../src/scim/protocol';
import { toV2Patch } from '../../../../src/scim/v1/protocol';
import { expectScimError } from '../protocol/support/expect-scim-error';

const CORE = 'urn:scim:schemas:core:1.0';
const ENTERPRISE = 'urn:scim:schemas:extension:enterprise:1.0';
const ENTERPRISE_V2 = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const USER_ID = '48e0a2da-0999-4f2c-87f4-80432cfe6617';

describe('toV2Patch translates a 1.1 PATCH body into RFC 7644 PatchOp operations', () => {
  const rows: { name: string; type: 'User' | 'Group'; body: JsonObject; operations: JsonObject[] }[] = [
    {
      name: 'Okta deactivation: {schemas, id, active: false}',
      type: 'User',
      body: { schemas: [CORE], id: USER_ID, active: false },
      operations: [{ op: 'add', value: { active: false } }],
    },
    {
      name: 'Okta password sync',
      type: 'User',
      body: { schemas: [CORE], id: USER_ID, password: 'n3wPassw0rd' },
      operations: [{ op: 'add', value: { password: 'n3wPassw0rd' } }],
    },
    {
      name: 'Okta group rename: {schemas, id, displayName}',
      type: 'Group',
      body: { schemas: [CORE], id: 'g1', displayName: 'Test SCIMv11' },
      operations: [{ op: 'add', value: { displayName: 'Test SCIMv11' } }],
    },
    {
      name: 'Okta member add: members [{value, display}]',
      type: 'Group',
      body: { schemas: [CORE], members: [{ value: USER_ID, display: 'test.user@okta.local' }] },
      operations: [{ op: 'add', value: { members: [{ value: USER_ID, display: 'test.user@okta.local' }] } }],
    },
    {
      name: 'Okta member removal: {value, display, operation: "delete"} becomes a member removal',
      type: 'Group',
      body: {
        schemas: [CORE],
        members: [{ value: 'b4327d81', display: 'test.user2@okta.local', operation: 'delete' }],
      },
      operations: [
        { op: 'remove', path: 'members[value eq "b4327d81"]' },
        { op: 'add', value: {} },
      ],
    },
    {
      name: 'adds and deletes in one members list (draft-scim-api-01 §3.3.2)',
      type: 'Group',
      body: {
        schemas: [CORE],
        members: [{ value: 'u1' }, { value: 'u2', operation: 'DELETE' }, { value: 'u3', operation: 'add' }],
      },
      operations: [
        { op: 'remove', path: 'members[value eq "u2"]' },
        { op: 'add', value: { members: [{ value: 'u1' }, { value: 'u3' }] } },
      ],
    },
    {
      name: 'meta.attributes clears attributes before the merge',
      type: 'User',
      body: {
        schemas: [CORE],
        meta: { attributes: ['title', 'emails', 'name.middleName'] },
        nickName: 'Babs',
      },
      operations: [
        { op: 'remove', path: 'title' },
        { op: 'remove', path: 'emails' },
        { op: 'remove', path: 'name.middleName' },
        { op: 'add', value: { nickName: 'Babs' } },
      ],
    },
    {
      name: 'meta.attributes ["members"] with members: replace the membership',
      type: 'Group',
      body: { schemas: [CORE], meta: { attributes: ['members'] }, members: [{ value: 'u9' }] },
      operations: [
        { op: 'remove', path: 'members' },
        { op: 'add', value: { members: [{ value: 'u9' }] } },
      ],
    },
    {
      name: 'a delete of an attribute named in meta.attributes is ignored',
      type: 'Group',
      body: {
        schemas: [CORE],
        meta: { attributes: ['members'] },
        members: [{ value: 'u1', operation: 'delete' }],
      },
      operations: [
        { op: 'remove', path: 'members' },
        { op: 'add', value: {} },
      ],
    },
    {
      name: 'enterprise attributes in 1.1 spelling, including meta.attributes and manager',
      type: 'User',
      body: {
        schemas: [CORE, ENTERPRISE],
        meta: { attributes: [`${ENTERPRISE}:costCenter`] },
        [ENTERPRISE]: { department: 'R&D', division: null, manager: { managerId: 'm1' } },
      },
      operations: [
        { op: 'remove', path: `${ENTERPRISE_V2}:costCenter` },
        { op: 'remove', path: `${ENTERPRISE_V2}:division` },
        { op: 'add', value: { [ENTERPRISE_V2]: { department: 'R&D', manager: { value: 'm1' } } } },
      ],
    },
    {
      name: 'a value without a "value" (an address) is deleted by matching all its sub-attributes',
      type: 'User',
      body: { schemas: [CORE], addresses: [{ type: 'home', locality: 'Oslo', operation: 'delete' }] },
      operations: [
        { op: 'remove', path: 'addresses', value: [{ type: 'home', locality: 'Oslo' }] },
        { op: 'add', value: {} },
      ],
    },
    {
      name: 'null unassigns, a quote in a value stays inside the filter string',
      type: 'User',
      body: { schemas: [CORE], title: null, emails: [{ value: 'a"b@example.com', operation: 'delete' }] },
      operations: [
        { op: 'remove', path: 'title' },
        { op: 'remove', path: 'emails[value eq "a\\"b@example.com"]' },
        { op: 'add', value: {} },
      ],
    },
  ];
  it.each(rows)('$name', ({ type, body, operations }) => {
    expect(toV2Patch(body, type)).toEqual({ schemas: [PATCH_OP], Operations: operations });
  });

  it('every translation is a PatchOp message the 2.0 parser accepts', () => {
    for (const { type, body } of rows) expect(() => parsePatchRequest(toV2Patch(body, type))).not.toThrow();
  });
});

describe('toV2Patch rejects bodies that are not 1.1 PATCH messages', () => {
  const rows: { name: string; body: unknown; detail: RegExp }[] = [
    {
      name: 'a 2.0 PatchOp message',
      body: { schemas: [PATCH_OP], Operations: [] },
      detail: /SCIM 1\.1 core schema/,
    },
    { name: 'no schemas', body: { active: false }, detail: /"schemas" must be a list/ },
    { name: 'a string', body: 'active=false', detail: /JSON object/ },
    {
      name: 'meta.attributes not a list',
      body: { schemas: [CORE], meta: { attributes: 'title' } },
      detail: /meta\.attributes/,
    },
    {
      name: 'meta.attributes with a non-name',
      body: { schemas: [CORE], meta: { attributes: [''] } },
      detail: /meta\.attributes/,
    },
  ];
  it.each(rows)('$name', ({ body, detail }) => {
    expect(expectScimError(() => toV2Patch(body, 'User'), 400, 'invalidSyntax').detail).toMatch(detail);
  });
});

describe('a translated 1.1 PATCH has 1.1 semantics when the shared 2.0 code applies it', () => {
  const schema = userResourceSchema();
  const current: JsonObject = {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'bjensen',
    title: 'Tour Guide',
    name: { givenName: 'Barbara', familyName: 'Jensen', middleName: 'Jane' },
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
  };
  const apply = (body: JsonObject) =>
    applyPatch(current, parsePatchRequest(toV2Patch(body, 'User')).operations, schema).resource;

  const rows: { name: string; body: JsonObject; expected: Partial<JsonObject> }[] = [
    {
      name: 'a complex attribute merges its sub-attributes',
      body: { schemas: [CORE], name: { givenName: 'Babs' } },
      expected: { name: { givenName: 'Babs', familyName: 'Jensen', middleName: 'Jane' } },
    },
    {
      name: 'a multi-valued value is added when new',
      body: { schemas: [CORE], emails: [{ value: 'b@example.net', type: 'other' }] },
      expected: {
        emails: [
          { value: 'bjensen@example.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home' },
          { value: 'b@example.net', type: 'other' },
        ],
      },
    },
    {
      name: 'a value marked "delete" is removed, matched by its value',
      body: { schemas: [CORE], emails: [{ value: 'BABS@jensen.org', operation: 'delete' }] },
      expected: { emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }] },
    },
    {
      name: 'a new primary value takes the flag from the old one',
      body: { schemas: [CORE], emails: [{ value: 'babs@jensen.org', type: 'home', primary: true }] },
      expected: {
        emails: [
          { value: 'bjensen@example.com', type: 'work' },
          { value: 'babs@jensen.org', type: 'home', primary: true },
        ],
      },
    },
    {
      name: 'meta.attributes removes, then the body adds (replace all emails)',
      body: {
        schemas: [CORE],
        meta: { attributes: ['emails', 'title'] },
        emails: [{ value: 'new@example.com' }],
      },
      expected: { emails: [{ value: 'new@example.com' }], title: undefined },
    },
  ];
  it.each(rows)('$name', ({ body, expected }) => {
    const patched = apply(body);
    for (const [key, value] of Object.entries(expected)) expect(patched[key]).toEqual(value);
    expect(patched.userName).toBe('bjensen');
  });

  it('removing userName through meta.attributes is refused (400 mutability), so nothing is written', () => {
    expectScimError(() => apply({ schemas: [CORE], meta: { attributes: ['userName'] } }), 400, 'mutability');
  });

  it('group member deletes become membership removals, never a rewrite of the members', () => {
    const body = {
      schemas: [CORE],
      members: [
        { value: 'u1', display: 'a' },
        { value: 'u2', operation: 'delete' },
      ],
    };
    const plan = planGroupPatch(
      parsePatchRequest(toV2Patch(body, 'Group')).operations,
      groupResourceSchema(),
    );
    expect(plan).toMatchObject({
      membersToAdd: ['u1'],
      membersToRemove: ['u2'],
      removeAllMembers: false,
      attributeOperations: [],
    });
    expect(plan.replaceMembersWith).toBeUndefined();
  });

  it('meta.attributes ["members"] plus members plans "remove all, then add"', () => {
    const body = {
      schemas: [CORE],
      meta: { attributes: ['members'] },
      members: [{ value: 'u9' }],
      displayName: 'G',
    };
    const plan = planGroupPatch(
      parsePatchRequest(toV2Patch(body, 'Group')).operations,
      groupResourceSchema(),
    );
    expect(plan).toMatchObject({ removeAllMembers: true, membersToAdd: ['u9'], membersToRemove: [] });
    expect(plan.attributeOperations).toEqual([{ op: 'add', value: { displayName: 'G' } }]);
  });
});
