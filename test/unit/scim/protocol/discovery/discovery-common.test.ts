import {
  checkDiscoveryQuery,
  discoveryList,
  discoveryLocation,
  LIST_RESPONSE_MESSAGE,
} from '../../../../../src/scim/protocol';
import { expectScimError } from '../support/expect-scim-error';

describe('discoveryLocation', () => {
  const rows: { input: [string, string]; expected: string }[] = [
    { input: ['https://x.test/scim/v2', 'Schemas'], expected: 'https://x.test/scim/v2/Schemas' },
    { input: ['https://x.test/scim/v2/', 'Schemas'], expected: 'https://x.test/scim/v2/Schemas' },
    {
      input: ['https://x.test/scim/v2//', 'ResourceTypes/User'],
      expected: 'https://x.test/scim/v2/ResourceTypes/User',
    },
  ];

  it.each(rows)('joins $input without doubling the slash', ({ input, expected }) => {
    expect(discoveryLocation(...input)).toBe(expected);
  });
});

describe('discoveryList', () => {
  it('serves every resource on one ListResponse page (RFC 7644 §4, Figure 9)', () => {
    expect(discoveryList([{ id: 'User' }, { id: 'Group' }])).toStrictEqual({
      schemas: [LIST_RESPONSE_MESSAGE],
      totalResults: 2,
      itemsPerPage: 2,
      startIndex: 1,
      Resources: [{ id: 'User' }, { id: 'Group' }],
    });
  });
});

describe('checkDiscoveryQuery', () => {
  const accepted: { name: string; input: { filter?: unknown } }[] = [
    { name: 'no filter', input: {} },
    { name: 'an empty filter', input: { filter: '' } },
    { name: 'a null filter', input: { filter: null } },
  ];

  it.each(accepted)('accepts $name', ({ input }) => {
    expect(() => checkDiscoveryQuery(input)).not.toThrow();
  });

  const rejected: { name: string; input: { filter?: unknown } }[] = [
    { name: 'a filter string', input: { filter: 'name eq "User"' } },
    { name: 'a repeated filter', input: { filter: ['a', 'b'] } },
  ];

  it.each(rejected)('answers $name with 403 and no scimType', ({ input }) => {
    expectScimError(() => checkDiscoveryQuery(input), 403, undefined);
  });
});
