/**
 * PATCH bodies as identity providers send them, copied from their published request samples:
 * - Okta: "SCIM 2.0 Protocol Reference" (developer.okta.com/docs/reference/scim/scim-20).
 * - Microsoft Entra ID: "Known issues for SCIM 2.0 protocol compliance" (both the default
 *   shapes and the `aadOptscim062020` ones) and "Tutorial: Develop a SCIM endpoint"
 *   (learn.microsoft.com/entra/identity/app-provisioning).
 * - OneLogin: group membership as its SCIM v2 connector sends it (add by value list; remove by
 *   value list), kept separate because no first-party sample was available to copy.
 */
const PATCH_OP = ['urn:ietf:params:scim:api:messages:2.0:PatchOp'];
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export const okta = {
  deactivateUser: { schemas: PATCH_OP, Operations: [{ op: 'replace', value: { active: false } }] },
  setPassword: { schemas: PATCH_OP, Operations: [{ op: 'replace', value: { password: 'Sup3rs3cr3t!' } }] },
  renameGroup: {
    schemas: PATCH_OP,
    Operations: [
      { op: 'replace', value: { id: '619435534e58458c8c92e86d1e07d2f8', displayName: 'New Group Name' } },
    ],
  },
  removeAndAddMembers: {
    schemas: PATCH_OP,
    Operations: [
      { op: 'remove', path: 'members[value eq "removeUser1"]' },
      { op: 'remove', path: 'members[value eq "removeUser2"]' },
      {
        op: 'add',
        path: 'members',
        value: [
          { value: 'addUser1', display: 'addUser1@example.com' },
          { value: 'addUser2', display: 'addUser2@example.com' },
        ],
      },
    ],
  },
  replaceMembers: {
    schemas: PATCH_OP,
    Operations: [
      {
        op: 'replace',
        path: 'members',
        value: [
          { value: 'addUser1', display: 'addUser1@example.com' },
          { value: 'addUser2', display: 'addUser2@example.com' },
        ],
      },
    ],
  },
};

export const entra = {
  disableUserLegacy: { schemas: PATCH_OP, Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
  disableUser: { schemas: PATCH_OP, Operations: [{ op: 'replace', path: 'active', value: false }] },
  addNickName: { schemas: PATCH_OP, Operations: [{ op: 'Add', path: 'nickName', value: 'Babs' }] },
  replaceAttributesLegacy: {
    schemas: PATCH_OP,
    Operations: [
      { op: 'Replace', path: 'displayName', value: 'Pvlo' },
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'TestBcwqnm@test.microsoft.com' },
      { op: 'Replace', path: 'name.givenName', value: 'Gtfd' },
      { op: 'Replace', path: 'name.familyName', value: 'Pkqf' },
      { op: 'Replace', path: 'externalId', value: 'Eqpj' },
      { op: 'Replace', path: `${ENTERPRISE}:employeeNumber`, value: 'Eqpj' },
    ],
  },
  replaceAttributes: {
    schemas: PATCH_OP,
    Operations: [
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'TestMhvaes@test.microsoft.com' },
      {
        op: 'replace',
        value: {
          displayName: 'Bjfe',
          'name.givenName': 'Kkom',
          'name.familyName': 'Unua',
          [`${ENTERPRISE}:employeeNumber`]: 'Aklq',
        },
      },
    ],
  },
  addWorkEmail: {
    schemas: PATCH_OP,
    Operations: [{ op: 'Add', path: 'emails[type eq "work"].value', value: 'joe@contoso.com' }],
  },
  setManager: {
    schemas: PATCH_OP,
    Operations: [{ op: 'add', path: `${ENTERPRISE}:manager`, value: '2c2f6fb8-254f-492e-b7fe-c09c5a61c8a2' }],
  },
  replaceManager: {
    schemas: PATCH_OP,
    Operations: [
      { op: 'Replace', path: `${ENTERPRISE}:manager`, value: '26118915-6090-4610-87e4-49d8ca9f808d' },
    ],
  },
  removeManager: { schemas: PATCH_OP, Operations: [{ op: 'Remove', path: `${ENTERPRISE}:manager` }] },
  addManagerLegacy: {
    schemas: PATCH_OP,
    Operations: [
      { op: 'Add', path: 'manager', value: [{ $ref: null, value: '2819c223-7f76-453a-919d-ab1234567891' }] },
    ],
  },
  renameGroup: {
    schemas: PATCH_OP,
    Operations: [
      { op: 'Replace', path: 'displayName', value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' },
    ],
  },
  addMembers: {
    schemas: PATCH_OP,
    Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: 'f648f8d5ea4e4cd38e9c' }] }],
  },
  removeMembersLegacy: {
    schemas: PATCH_OP,
    Operations: [{ op: 'Remove', path: 'members', value: [{ value: 'u1091' }] }],
  },
  removeMember: {
    schemas: PATCH_OP,
    Operations: [{ op: 'remove', path: 'members[value eq "7f4bc1a3-285e-48ae-8202-5accb43efb0e"]' }],
  },
};

export const oneLogin = {
  addMembers: {
    schemas: PATCH_OP,
    Operations: [{ op: 'add', path: 'members', value: [{ value: 'u1' }, { value: 'u2' }] }],
  },
  removeMembers: {
    schemas: PATCH_OP,
    Operations: [{ op: 'remove', path: 'members', value: [{ value: 'u1' }] }],
  },
};
