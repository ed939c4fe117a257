import { toV2AttributeList, toV2AttributeName, toV2Path } from '../../../../src/scim/v1/protocol';
import type { AttrPath } from '../../../../src/scim/protocol';

const ENTERPRISE_V2 = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('toV2Path', () => {
  const rows: { input: AttrPath; expected: AttrPath }[] = [
    { input: { attribute: 'userName' }, expected: { attribute: 'userName' } },
    {
      input: { attribute: 'name', subAttribute: 'givenName' },
      expected: { attribute: 'name', subAttribute: 'givenName' },
    },
    { input: { schema: 'urn:scim:schemas:core:1.0', attribute: 'title' }, expected: { attribute: 'title' } },
    {
      input: { schema: 'urn:scim:schemas:extension:enterprise:1.0', attribute: 'department' },
      expected: { schema: ENTERPRISE_V2, attribute: 'department' },
    },
    {
      input: {
        schema: 'urn:scim:schemas:extension:enterprise:1.0',
        attribute: 'manager',
        subAttribute: 'managerId',
      },
      expected: { schema: ENTERPRISE_V2, attribute: 'manager', subAttribute: 'value' },
    },
    {
      input: { attribute: 'Manager', subAttribute: 'MANAGERID' },
      expected: { attribute: 'Manager', subAttribute: 'value' },
    },
    {
      input: { attribute: 'manager', subAttribute: 'displayName' },
      expected: { attribute: 'manager', subAttribute: 'displayName' },
    },
    {
      input: { schema: 'urn:example:custom:1.0', attribute: 'badge' },
      expected: { schema: 'urn:example:custom:1.0', attribute: 'badge' },
    },
  ];
  it.each(rows)('$input → $expected', ({ input, expected }) => {
    expect(toV2Path(input)).toEqual(expected);
  });
});

describe('toV2AttributeName', () => {
  const rows: { input: string; type: 'User' | 'Group'; expected: string }[] = [
    { input: 'userName', type: 'User', expected: 'userName' },
    { input: ' emails.value ', type: 'User', expected: 'emails.value' },
    {
      input: 'urn:scim:schemas:core:1.0',
      type: 'User',
      expected: 'urn:ietf:params:scim:schemas:core:2.0:User',
    },
    {
      input: 'urn:scim:schemas:core:1.0',
      type: 'Group',
      expected: 'urn:ietf:params:scim:schemas:core:2.0:Group',
    },
    { input: 'urn:scim:schemas:extension:enterprise:1.0', type: 'User', expected: ENTERPRISE_V2 },
    // Groups have no enterprise extension: the name stays 1.1's and selects nothing.
    {
      input: 'urn:scim:schemas:extension:enterprise:1.0',
      type: 'Group',
      expected: 'urn:scim:schemas:extension:enterprise:1.0',
    },
    {
      input: 'urn:scim:schemas:extension:enterprise:1.0:costCenter',
      type: 'User',
      expected: `${ENTERPRISE_V2}:costCenter`,
    },
    { input: 'urn:scim:schemas:core:1.0:members', type: 'Group', expected: 'members' },
    // Not an attribute path: left for the 2.0 parser to reject with its own message.
    { input: 'a..b', type: 'User', expected: 'a..b' },
  ];
  it.each(rows)('$input ($type) → $expected', ({ input, type, expected }) => {
    expect(toV2AttributeName(input, type)).toBe(expected);
  });
});

describe('toV2AttributeList', () => {
  const rows: { input: unknown; expected: unknown }[] = [
    { input: undefined, expected: undefined },
    { input: '', expected: '' },
    { input: 'userName,emails', expected: 'userName,emails' },
    {
      input: 'userName, urn:scim:schemas:extension:enterprise:1.0:department',
      expected: `userName,${ENTERPRISE_V2}:department`,
    },
    { input: ['userName', 'manager.managerId'], expected: ['userName', 'manager.value'] },
    { input: 42, expected: 42 },
  ];
  it.each(rows)('$input → $expected', ({ input, expected }) => {
    expect(toV2AttributeList(input, 'User')).toEqual(expected);
  });
});
