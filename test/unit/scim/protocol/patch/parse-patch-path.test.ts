import { parsePatchPath } from '../../../../../src/scim/protocol';
import type { PatchPath } from '../../../../../src/scim/protocol';
import { expectScimError } from '../support/expect-scim-error';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const workType = { kind: 'compare', path: { attribute: 'type' }, op: 'eq', value: 'work' } as const;

describe('parsePatchPath', () => {
  const valid: { input: string; expected: PatchPath }[] = [
    { input: 'title', expected: { attribute: 'title' } },
    { input: 'name.givenName', expected: { attribute: 'name', subAttribute: 'givenName' } },
    { input: 'emails', expected: { attribute: 'emails' } },
    { input: 'emails[type eq "work"]', expected: { attribute: 'emails', filter: workType } },
    {
      input: 'emails[type eq "work"].value',
      expected: { attribute: 'emails', filter: workType, subAttribute: 'value' },
    },
    {
      input: 'emails[ type eq "work" ].value',
      expected: { attribute: 'emails', filter: workType, subAttribute: 'value' },
    },
    {
      input: 'members[value eq "2819c223-7f76-453a-919d-413861904646"]',
      expected: {
        attribute: 'members',
        filter: {
          kind: 'compare',
          path: { attribute: 'value' },
          op: 'eq',
          value: '2819c223-7f76-453a-919d-413861904646',
        },
      },
    },
    {
      input: 'addresses[type eq "work" and primary eq true].streetAddress',
      expected: {
        attribute: 'addresses',
        subAttribute: 'streetAddress',
        filter: {
          kind: 'and',
          filters: [workType, { kind: 'compare', path: { attribute: 'primary' }, op: 'eq', value: true }],
        },
      },
    },
    { input: `${ENTERPRISE}:manager`, expected: { schema: ENTERPRISE, attribute: 'manager' } },
    {
      input: `${ENTERPRISE}:manager.value`,
      expected: { schema: ENTERPRISE, attribute: 'manager', subAttribute: 'value' },
    },
    {
      input: 'urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"].value',
      expected: {
        schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
        attribute: 'emails',
        filter: workType,
        subAttribute: 'value',
      },
    },
    { input: 'members.$ref', expected: { attribute: 'members', subAttribute: '$ref' } },
  ];

  it.each(valid)('parses $input', ({ input, expected }) => {
    expect(parsePatchPath(input)).toEqual(expected);
  });

  const invalid: { input: string; detail: RegExp }[] = [
    { input: 'emails[type eq "work"', detail: /end of path at position 21; expected "\]"/ },
    { input: 'emails[type eq work]', detail: /Unexpected "work" at position 15/ },
    { input: 'emails[type eq "work"]value', detail: /Unexpected "value" at position 22/ },
    { input: 'emails[type eq "work"].', detail: /Unexpected "\." at position 22/ },
    { input: 'emails[type eq "work"].value.x', detail: /Unexpected ".value.x"/ },
    { input: 'emails.value[type eq "work"]', detail: /Unexpected "\[" at position 12; expected end of path/ },
    { input: 'name.givenName.x', detail: /expected an attribute path/ },
    { input: 'title eq "x"', detail: /Unexpected "eq" at position 6; expected end of path/ },
    { input: '"title"', detail: /expected an attribute path/ },
    { input: 'emails[]', detail: /Unexpected "\]" at position 7/ },
    { input: 'emails[type eq "work"][value pr]', detail: /Unexpected "\[" at position 22/ },
  ];

  it.each(invalid)('rejects $input with 400 invalidPath', ({ input, detail }) => {
    const error = expectScimError(() => parsePatchPath(input), 400, 'invalidPath');
    expect(error.detail).toMatch(detail);
  });
});
