import { LIST_RESPONSE_MESSAGE, listResponse } from '../../../../../src/scim/protocol';
import type { ListPage } from '../../../../../src/scim/protocol';

describe('listResponse', () => {
  const rows: { name: string; resources: object[]; page: ListPage; expected: object }[] = [
    {
      name: 'an index page',
      resources: [{ id: '1' }, { id: '2' }],
      page: { totalResults: 10, startIndex: 1 },
      expected: {
        schemas: [LIST_RESPONSE_MESSAGE],
        totalResults: 10,
        itemsPerPage: 2,
        startIndex: 1,
        Resources: [{ id: '1' }, { id: '2' }],
      },
    },
    {
      name: 'an empty result still has Resources',
      resources: [],
      page: { totalResults: 0, startIndex: 1 },
      expected: {
        schemas: [LIST_RESPONSE_MESSAGE],
        totalResults: 0,
        itemsPerPage: 0,
        startIndex: 1,
        Resources: [],
      },
    },
    {
      name: 'a count=0 page reports totalResults only',
      resources: [],
      page: { totalResults: 42, startIndex: 1, itemsPerPage: 0 },
      expected: {
        schemas: [LIST_RESPONSE_MESSAGE],
        totalResults: 42,
        itemsPerPage: 0,
        startIndex: 1,
        Resources: [],
      },
    },
    {
      name: 'a cursor page',
      resources: [{ id: '3' }],
      page: { totalResults: 100, nextCursor: 'YkU3OF86Pz0rGv', previousCursor: 'ze7L30kMiiLX6x' },
      expected: {
        schemas: [LIST_RESPONSE_MESSAGE],
        totalResults: 100,
        itemsPerPage: 1,
        nextCursor: 'YkU3OF86Pz0rGv',
        previousCursor: 'ze7L30kMiiLX6x',
        Resources: [{ id: '3' }],
      },
    },
  ];

  it.each(rows)('builds $name', ({ resources, page, expected }) => {
    expect(listResponse(resources, page)).toStrictEqual(expected);
  });
});
