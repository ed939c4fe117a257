import { parseAttributeList } from '../../../../../src/scim/protocol';
import { expectScimError } from '../support/expect-scim-error';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parseAttributeList', () => {
  const rows: { input: unknown; expected: string[] }[] = [
    { input: undefined, expected: [] },
    { input: '', expected: [] },
    { input: 'userName', expected: ['userName'] },
    {
      input: 'userName,name.givenName, emails.value ',
      expected: ['userName', 'name.givenName', 'emails.value'],
    },
    { input: 'userName,,displayName,', expected: ['userName', 'displayName'] },
    {
      input: `${ENTERPRISE}:manager.value,${ENTERPRISE}`,
      expected: [`${ENTERPRISE}:manager.value`, ENTERPRISE],
    },
    { input: ['userName', 'members.$ref'], expected: ['userName', 'members.$ref'] },
    { input: ['userName,displayName', 'title'], expected: ['userName', 'displayName', 'title'] },
  ];

  it.each(rows)('parses $input', ({ input, expected }) => {
    expect(parseAttributeList(input)).toEqual(expected);
  });

  const invalid: unknown[] = [
    'user name',
    'emails[type eq "work"]',
    'a.b.c',
    'name.',
    '1abc',
    [42],
    { a: 1 },
    7,
  ];

  it.each(invalid)('rejects %j with 400 invalidValue', (input) => {
    expectScimError(() => parseAttributeList(input, 'attributes'), 400, 'invalidValue');
  });
});
