import { PATCH_OP_MESSAGE, parsePatchRequest } from '../../../../../src/scim/protocol';
import type { ParsedPatchRequest, ScimType } from '../../../../../src/scim/protocol';
import { expectScimError } from '../support/expect-scim-error';

const schemas = [PATCH_OP_MESSAGE];

describe('parsePatchRequest', () => {
  const valid: { name: string; input: unknown; expected: ParsedPatchRequest }[] = [
    {
      name: 'a replace with a path',
      input: { schemas, Operations: [{ op: 'replace', path: 'title', value: 'Boss' }] },
      expected: { operations: [{ op: 'replace', path: { attribute: 'title' }, value: 'Boss' }], quirks: [] },
    },
    {
      name: 'Entra-cased op names',
      input: {
        schemas,
        Operations: [
          { op: 'Replace', path: 'active', value: 'False' },
          { op: 'ADD', path: 'nickName', value: 'Babs' },
          { op: 'Remove', path: 'title' },
        ],
      },
      expected: {
        operations: [
          { op: 'replace', path: { attribute: 'active' }, value: 'False' },
          { op: 'add', path: { attribute: 'nickName' }, value: 'Babs' },
          { op: 'remove', path: { attribute: 'title' } },
        ],
        quirks: [],
      },
    },
    {
      name: 'a no-path replace (Okta deactivation)',
      input: { schemas, Operations: [{ op: 'replace', value: { active: false } }] },
      expected: { operations: [{ op: 'replace', value: { active: false } }], quirks: [] },
    },
    {
      name: 'an empty path as no path',
      input: { schemas, Operations: [{ op: 'add', path: '', value: { title: 'x' } }] },
      expected: { operations: [{ op: 'add', value: { title: 'x' } }], quirks: [] },
    },
    {
      name: 'member names in any case',
      input: { SCHEMAS: schemas, operations: [{ OP: 'remove', Path: 'title', VALUE: null }] },
      expected: { operations: [{ op: 'remove', path: { attribute: 'title' }, value: null }], quirks: [] },
    },
    {
      name: 'a body without schemas, recording the quirk',
      input: { Operations: [{ op: 'remove', path: 'title' }] },
      expected: {
        operations: [{ op: 'remove', path: { attribute: 'title' } }],
        quirks: ['lenient:missing-patchop-schema'],
      },
    },
    {
      name: 'a replace with a null value',
      input: { schemas, Operations: [{ op: 'replace', path: 'title', value: null }] },
      expected: { operations: [{ op: 'replace', path: { attribute: 'title' }, value: null }], quirks: [] },
    },
  ];

  it.each(valid)('parses $name', ({ input, expected }) => {
    expect(parsePatchRequest(input)).toEqual(expected);
  });

  const invalid: { name: string; input: unknown; scimType: ScimType }[] = [
    { name: 'a non-object body', input: [], scimType: 'invalidSyntax' },
    { name: 'a null body', input: null, scimType: 'invalidSyntax' },
    { name: 'a string body', input: 'replace', scimType: 'invalidSyntax' },
    {
      name: 'schemas without PatchOp',
      input: {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        Operations: [{ op: 'remove', path: 'title' }],
      },
      scimType: 'invalidSyntax',
    },
    {
      name: 'schemas that is not an array',
      input: { schemas: PATCH_OP_MESSAGE, Operations: [{ op: 'remove', path: 'title' }] },
      scimType: 'invalidSyntax',
    },
    { name: 'missing Operations', input: { schemas }, scimType: 'invalidSyntax' },
    { name: 'empty Operations', input: { schemas, Operations: [] }, scimType: 'invalidSyntax' },
    {
      name: 'Operations that is an object',
      input: { schemas, Operations: { op: 'remove', path: 'title' } },
      scimType: 'invalidSyntax',
    },
    {
      name: 'an operation that is not an object',
      input: { schemas, Operations: ['remove'] },
      scimType: 'invalidSyntax',
    },
    {
      name: 'an unknown op',
      input: { schemas, Operations: [{ op: 'delete', path: 'title' }] },
      scimType: 'invalidSyntax',
    },
    { name: 'a missing op', input: { schemas, Operations: [{ path: 'title' }] }, scimType: 'invalidSyntax' },
    {
      name: 'an add without value',
      input: { schemas, Operations: [{ op: 'add', path: 'title' }] },
      scimType: 'invalidSyntax',
    },
    {
      name: 'a remove without path',
      input: { schemas, Operations: [{ op: 'remove' }] },
      scimType: 'noTarget',
    },
    {
      name: 'a path that is not a string',
      input: { schemas, Operations: [{ op: 'remove', path: 42 }] },
      scimType: 'invalidPath',
    },
    {
      name: 'a malformed path',
      input: { schemas, Operations: [{ op: 'remove', path: 'emails[type eq' }] },
      scimType: 'invalidPath',
    },
  ];

  it.each(invalid)('rejects $name with 400 $scimType', ({ input, scimType }) => {
    expectScimError(() => parsePatchRequest(input), 400, scimType);
  });
});
