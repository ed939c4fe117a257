import {
  applyPatch,
  groupResourceSchema,
  parsePatchRequest,
  planGroupPatch,
  userResourceSchema,
} from '../../../../../src/scim/protocol';
import type { GroupPatchPlan, JsonObject, PatchQuirk } from '../../../../../src/scim/protocol';
import { bjensen, ENTERPRISE, GROUP, USER } from '../support/patch-helpers';
import { entra, okta, oneLogin } from './idp-requests';

const userSchema = userResourceSchema();
const groupSchema = groupResourceSchema();

function patchUser(resource: JsonObject, body: unknown) {
  return applyPatch(resource, parsePatchRequest(body).operations, userSchema);
}

describe('applyPatch accepts the User PATCH bodies identity providers send', () => {
  const rows: {
    name: string;
    resource?: JsonObject;
    body: unknown;
    expected: JsonObject;
    quirks: PatchQuirk[];
  }[] = [
    {
      name: 'Okta deactivation (no-path replace)',
      body: okta.deactivateUser,
      expected: bjensen({ active: false }),
      quirks: [],
    },
    {
      name: 'Okta password reset',
      body: okta.setPassword,
      expected: bjensen({ password: 'Sup3rs3cr3t!' }),
      quirks: [],
    },
    {
      name: 'Entra legacy disable with "False"',
      body: entra.disableUserLegacy,
      expected: bjensen({ active: false }),
      quirks: ['entra:string-boolean'],
    },
    {
      name: 'Entra disable with a boolean',
      body: entra.disableUser,
      expected: bjensen({ active: false }),
      quirks: [],
    },
    {
      name: 'Entra add of a single-valued string',
      body: entra.addNickName,
      expected: bjensen({ nickName: 'Babs' }),
      quirks: [],
    },
    {
      name: 'Entra legacy multi-attribute replace',
      body: entra.replaceAttributesLegacy,
      expected: bjensen({
        schemas: [USER, ENTERPRISE],
        displayName: 'Pvlo',
        externalId: 'Eqpj',
        name: { givenName: 'Gtfd', familyName: 'Pkqf' },
        emails: [
          { value: 'TestBcwqnm@test.microsoft.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home' },
        ],
        [ENTERPRISE]: { employeeNumber: 'Eqpj' },
      }),
      quirks: [],
    },
    {
      name: 'Entra multi-attribute replace with dotted and qualified keys',
      body: entra.replaceAttributes,
      expected: bjensen({
        schemas: [USER, ENTERPRISE],
        displayName: 'Bjfe',
        name: { givenName: 'Kkom', familyName: 'Unua' },
        emails: [
          { value: 'TestMhvaes@test.microsoft.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home' },
        ],
        [ENTERPRISE]: { employeeNumber: 'Aklq' },
      }),
      quirks: [],
    },
    {
      name: 'Entra add of a work email when the user has none creates it',
      resource: bjensen({ emails: [{ value: 'babs@jensen.org', type: 'home' }] }),
      body: entra.addWorkEmail,
      expected: bjensen({
        emails: [
          { value: 'babs@jensen.org', type: 'home' },
          { type: 'work', value: 'joe@contoso.com' },
        ],
      }),
      quirks: ['entra:add-on-unmatched-filter'],
    },
    {
      name: 'Entra add of a work email when the user has one updates it',
      body: entra.addWorkEmail,
      expected: bjensen({
        emails: [
          { value: 'joe@contoso.com', type: 'work', primary: true },
          { value: 'babs@jensen.org', type: 'home' },
        ],
      }),
      quirks: [],
    },
    {
      name: 'Entra manager as a bare id',
      body: entra.setManager,
      expected: bjensen({
        schemas: [USER, ENTERPRISE],
        [ENTERPRISE]: { manager: { value: '2c2f6fb8-254f-492e-b7fe-c09c5a61c8a2' } },
      }),
      quirks: ['entra:string-as-complex-value'],
    },
    {
      name: 'Entra manager replaced by a bare id',
      resource: bjensen({
        schemas: [USER, ENTERPRISE],
        [ENTERPRISE]: { manager: { value: 'old', displayName: 'Old Boss' } },
      }),
      body: entra.replaceManager,
      expected: bjensen({
        schemas: [USER, ENTERPRISE],
        [ENTERPRISE]: { manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d', displayName: 'Old Boss' } },
      }),
      quirks: ['entra:string-as-complex-value'],
    },
    {
      name: 'Entra manager removal',
      resource: bjensen({ schemas: [USER, ENTERPRISE], [ENTERPRISE]: { manager: { value: 'old' } } }),
      body: entra.removeManager,
      expected: bjensen(),
      quirks: [],
    },
    {
      name: 'Entra legacy manager as a one-element array on an unqualified path',
      body: entra.addManagerLegacy,
      expected: bjensen({
        schemas: [USER, ENTERPRISE],
        [ENTERPRISE]: { manager: { value: '2819c223-7f76-453a-919d-ab1234567891' } },
      }),
      quirks: ['entra:array-for-single-valued'],
    },
  ];

  it.each(rows)('$name', ({ resource, body, expected, quirks }) => {
    const result = patchUser(resource ?? bjensen(), body);
    expect(result.resource).toEqual(expected);
    expect(result.quirks).toEqual(quirks);
  });
});

describe('applyPatch tolerates other non-RFC shapes, recording each', () => {
  const withManager = bjensen({
    schemas: [USER, ENTERPRISE],
    [ENTERPRISE]: { manager: { value: 'm1' }, department: 'Sales' },
  });
  const rows: {
    name: string;
    resource?: JsonObject;
    operations: unknown[];
    expected: JsonObject;
    quirks: PatchQuirk[];
  }[] = [
    {
      name: 'manager cleared by replace with ""',
      resource: withManager,
      operations: [{ op: 'replace', path: `${ENTERPRISE}:manager`, value: '' }],
      expected: bjensen({ schemas: [USER, ENTERPRISE], [ENTERPRISE]: { department: 'Sales' } }),
      quirks: ['entra:string-as-complex-value'],
    },
    {
      name: 'manager cleared by replace with {"value": ""}',
      resource: withManager,
      operations: [{ op: 'replace', path: `${ENTERPRISE}:manager`, value: { value: '' } }],
      expected: bjensen({ schemas: [USER, ENTERPRISE], [ENTERPRISE]: { department: 'Sales' } }),
      quirks: [],
    },
    {
      name: 'manager cleared by replace with null',
      resource: withManager,
      operations: [{ op: 'replace', path: `${ENTERPRISE}:manager`, value: null }],
      expected: bjensen({ schemas: [USER, ENTERPRISE], [ENTERPRISE]: { department: 'Sales' } }),
      quirks: [],
    },
    {
      name: 'manager set from a no-path extension object holding a bare id',
      operations: [{ op: 'replace', value: { [ENTERPRISE]: { Manager: 'm2' } } }],
      expected: bjensen({ schemas: [USER, ENTERPRISE], [ENTERPRISE]: { manager: { value: 'm2' } } }),
      quirks: ['entra:string-as-complex-value'],
    },
    {
      name: 'a boolean sub-attribute sent as a string',
      operations: [{ op: 'replace', path: 'x509Certificates', value: [{ value: 'MIIB', primary: 'TRUE' }] }],
      expected: bjensen({ x509Certificates: [{ value: 'MIIB', primary: true }] }),
      quirks: ['entra:string-boolean'],
    },
    {
      name: 'a single object for a multi-valued attribute',
      operations: [{ op: 'add', path: 'phoneNumbers', value: { value: '555-0100', type: 'work' } }],
      expected: bjensen({ phoneNumbers: [{ value: '555-0100', type: 'work' }] }),
      quirks: ['lenient:single-value-for-multi-valued'],
    },
    {
      name: 'remove of listed values from a multi-valued attribute other than members',
      operations: [{ op: 'remove', path: 'emails', value: [{ value: 'BABS@jensen.org' }] }],
      expected: bjensen({ emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }] }),
      quirks: ['lenient:remove-values-by-value'],
    },
    {
      name: 'a path naming the whole extension',
      operations: [{ op: 'replace', path: ENTERPRISE, value: { costCenter: '4130' } }],
      expected: bjensen({ schemas: [USER, ENTERPRISE], [ENTERPRISE]: { costCenter: '4130' } }),
      quirks: ['lenient:extension-urn-path'],
    },
    {
      name: 'a remove naming the whole extension',
      resource: withManager,
      operations: [{ op: 'remove', path: ENTERPRISE }],
      expected: bjensen(),
      quirks: ['lenient:extension-urn-path'],
    },
  ];

  it.each(rows)('$name', ({ resource, operations, expected, quirks }) => {
    const result = patchUser(resource ?? bjensen(), {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: operations,
    });
    expect(result.resource).toEqual(expected);
    expect(result.quirks).toEqual(quirks);
  });
});

describe('planGroupPatch plans the Group PATCH bodies identity providers send', () => {
  const none = {
    membersToAdd: [],
    membersToRemove: [],
    removeAllMembers: false,
    attributeOperations: [],
    quirks: [],
  };
  const rows: { name: string; body: unknown; expected: GroupPatchPlan }[] = [
    {
      name: 'Okta rename (no-path replace carrying the read-only id)',
      body: okta.renameGroup,
      expected: {
        ...none,
        attributeOperations: [
          { op: 'replace', value: { id: '619435534e58458c8c92e86d1e07d2f8', displayName: 'New Group Name' } },
        ],
      },
    },
    {
      name: 'Okta remove-by-filter then add',
      body: okta.removeAndAddMembers,
      expected: {
        ...none,
        membersToAdd: ['addUser1', 'addUser2'],
        membersToRemove: ['removeUser1', 'removeUser2'],
      },
    },
    {
      name: 'Okta full push',
      body: okta.replaceMembers,
      expected: { ...none, replaceMembersWith: ['addUser1', 'addUser2'] },
    },
    {
      name: 'Entra rename',
      body: entra.renameGroup,
      expected: {
        ...none,
        attributeOperations: [
          {
            op: 'replace',
            path: { attribute: 'displayName' },
            value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName',
          },
        ],
      },
    },
    {
      name: 'Entra add members with $ref: null',
      body: entra.addMembers,
      expected: { ...none, membersToAdd: ['f648f8d5ea4e4cd38e9c'] },
    },
    {
      name: 'Entra legacy remove by value list',
      body: entra.removeMembersLegacy,
      expected: { ...none, membersToRemove: ['u1091'], quirks: ['entra:remove-members-by-value'] },
    },
    {
      name: 'Entra remove by filter',
      body: entra.removeMember,
      expected: { ...none, membersToRemove: ['7f4bc1a3-285e-48ae-8202-5accb43efb0e'] },
    },
    {
      name: 'OneLogin add members',
      body: oneLogin.addMembers,
      expected: { ...none, membersToAdd: ['u1', 'u2'] },
    },
    {
      name: 'OneLogin remove members by value list',
      body: oneLogin.removeMembers,
      expected: { ...none, membersToRemove: ['u1'], quirks: ['entra:remove-members-by-value'] },
    },
  ];

  it.each(rows)('$name', ({ body, expected }) => {
    expect(planGroupPatch(parsePatchRequest(body).operations, groupSchema)).toEqual(expected);
  });

  it('applies the planned attribute operations of an Okta rename to the group', () => {
    const group = { schemas: [GROUP], id: 'g1', displayName: 'Old', externalId: 'e1' };
    const plan = planGroupPatch(parsePatchRequest(okta.renameGroup).operations, groupSchema);
    expect(applyPatch(group, plan.attributeOperations, groupSchema).resource).toEqual({
      ...group,
      displayName: 'New Group Name',
    });
  });

  it('applies Entra and Okta member operations directly to a group resource too', () => {
    const group = {
      schemas: [GROUP],
      id: 'g1',
      displayName: 'G',
      members: [{ value: 'u1091' }, { value: 'removeUser1' }],
    };
    const afterEntra = applyPatch(
      group,
      parsePatchRequest(entra.removeMembersLegacy).operations,
      groupSchema,
    );
    const afterOkta = applyPatch(
      afterEntra.resource,
      parsePatchRequest(okta.replaceMembers).operations,
      groupSchema,
    );
    expect(afterEntra.resource.members).toEqual([{ value: 'removeUser1' }]);
    expect(afterEntra.quirks).toEqual(['entra:remove-members-by-value']);
    // members.display is readOnly: the display Okta sends is ignored, the server computes its own.
    expect(afterOkta.resource.members).toEqual([{ value: 'addUser1' }, { value: 'addUser2' }]);
  });
});
