import { parseBulkPath } from '../../../../../src/scim/protocol';
import type { BulkMethod, BulkPath } from '../../../../../src/scim/protocol';
import { expectScimError } from '../support/expect-scim-error';

describe('parseBulkPath', () => {
  const valid: { input: string; method?: BulkMethod; expected: BulkPath }[] = [
    { input: '/Users', expected: { resource: 'Users' } },
    { input: '/Groups', method: 'POST', expected: { resource: 'Groups' } },
    { input: 'Users', method: 'POST', expected: { resource: 'Users' } },
    { input: '/Users/', expected: { resource: 'Users' } },
    { input: '/users', expected: { resource: 'Users' } },
    { input: '/GROUPS/e9e30dba', method: 'PATCH', expected: { resource: 'Groups', id: 'e9e30dba' } },
    {
      input: '/Users/2819c223-7f76-453a-919d-413861904646',
      method: 'PUT',
      expected: { resource: 'Users', id: '2819c223-7f76-453a-919d-413861904646' },
    },
    { input: 'Groups/42', method: 'DELETE', expected: { resource: 'Groups', id: '42' } },
    { input: '/Users/42/', expected: { resource: 'Users', id: '42' } },
    {
      input: '/Groups/bulkId:qwerty',
      method: 'PATCH',
      expected: { resource: 'Groups', id: 'bulkId:qwerty' },
    },
  ];

  it.each(valid)('parses $input ($method)', ({ input, method, expected }) => {
    expect(parseBulkPath(input, method)).toStrictEqual(expected);
  });

  // Table 9 names invalidSyntax, not invalidPath, for Bulk (§3.7); invalidPath is PATCH's "path".
  const invalid: { input: string; method?: BulkMethod; detail: RegExp }[] = [
    { input: '/Schemas', detail: /must be \/Users, \/Groups/ },
    { input: '/ServiceProviderConfig', detail: /must be \/Users, \/Groups/ },
    { input: '/Bulk', detail: /must be \/Users, \/Groups/ },
    { input: '/Me', detail: /must be \/Users, \/Groups/ },
    { input: '/', detail: /must be \/Users, \/Groups/ },
    { input: '   ', detail: /must be \/Users, \/Groups/ },
    { input: '/Users/1/groups', detail: /must be \/Users, \/Groups/ },
    { input: '//Users', detail: /must be \/Users, \/Groups/ },
    { input: '/Users?filter=userName eq "x"', detail: /must be \/Users, \/Groups/ },
    { input: '/Users/1#fragment', detail: /must be \/Users, \/Groups/ },
    { input: '/Users/a b', detail: /must be \/Users, \/Groups/ },
    { input: 'https://example.com/v2/Users/1', detail: /must be \/Users, \/Groups/ },
    { input: '/v2/Users', detail: /must be \/Users, \/Groups/ },
    { input: '/Users/1', method: 'POST', detail: /POST path names a resource type endpoint/ },
    { input: '/Groups', method: 'PUT', detail: /PUT path names one resource/ },
    { input: '/Users', method: 'PATCH', detail: /PATCH path names one resource/ },
    { input: 'Users', method: 'DELETE', detail: /DELETE path names one resource/ },
  ];

  it.each(invalid)('rejects $input ($method) with 400 invalidSyntax', ({ input, method, detail }) => {
    const error = expectScimError(() => parseBulkPath(input, method), 400, 'invalidSyntax');
    expect(error.detail).toMatch(detail);
  });
});
