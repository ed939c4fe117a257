import type { JsonObject, ListResponse } from '../../../../src/scim/protocol';
import { toV1ListResponse, toV2ListQuery } from '../../../../src/scim/v1/protocol';
import { expectScimError } from '../protocol/support/expect-scim-error';

const ENTERPRISE_V2 = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('toV2ListQuery', () => {
  const rows: { name: string; query: Record<string, unknown>; expected: Record<string, unknown> }[] = [
    {
      name: "Okta's lookup by userName",
      query: { filter: 'userName eq "test.user@okta.local"', startIndex: '1', count: '100' },
      expected: { filter: 'userName eq "test.user@okta.local"', startIndex: '1', count: '100' },
    },
    {
      name: "Okta's Test API Credentials request",
      query: { startIndex: '1', count: '2' },
      expected: { startIndex: '1', count: '2' },
    },
    {
      name: 'sorting and projection in 1.1 names',
      query: {
        sortBy: 'urn:scim:schemas:extension:enterprise:1.0:department',
        sortOrder: 'descending',
        attributes: 'userName,urn:scim:schemas:extension:enterprise:1.0:manager.managerId',
      },
      expected: {
        sortBy: `${ENTERPRISE_V2}:department`,
        sortOrder: 'descending',
        attributes: `userName,${ENTERPRISE_V2}:manager.value`,
      },
    },
    {
      name: '2.0-only parameters are not passed on',
      query: { cursor: '', excludedAttributes: 'emails', count: '5' },
      expected: { count: '5' },
    },
    {
      name: 'a repeated filter is passed on for the 2.0 parser to reject',
      query: { filter: ['title pr', 'title pr'] },
      expected: { filter: ['title pr', 'title pr'] },
    },
  ];
  it.each(rows)('$name', ({ query, expected }) => {
    const result = toV2ListQuery(query, 'User');
    expect(Object.fromEntries(Object.entries(result).filter(([, v]) => v !== undefined))).toEqual(expected);
  });

  it('a 2.0-only filter is a 400 before anything is queried', () => {
    expectScimError(() => toV2ListQuery({ filter: 'userName ew "x"' }, 'User'), 400, 'invalidFilter');
  });
});

describe('toV1ListResponse', () => {
  const page = (startIndex?: number): ListResponse<JsonObject> => ({
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: 3,
    itemsPerPage: 1,
    ...(startIndex !== undefined && { startIndex }),
    Resources: [{ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u1', userName: 'a' }],
  });

  it('answers the 1.1 list form with integers and 1.1 resources', () => {
    expect(toV1ListResponse(page(2))).toEqual({
      schemas: ['urn:scim:schemas:core:1.0'],
      totalResults: 3,
      itemsPerPage: 1,
      startIndex: 2,
      Resources: [{ schemas: ['urn:scim:schemas:core:1.0'], id: 'u1', userName: 'a' }],
    });
  });

  it('always carries startIndex (1 when the 2.0 page had none)', () => {
    expect(toV1ListResponse(page()).startIndex).toBe(1);
  });
});
