import { badRequest, BULK_RESPONSE_MESSAGE, bulkResponse, errorBody } from '../../../../../src/scim/protocol';
import type { BulkResult } from '../../../../../src/scim/protocol';

const location = 'https://example.com/v2/Users/92b725cd-9465-4e7d-8c16-01f8e146b87a';

describe('bulkResponse', () => {
  const rows: { name: string; input: BulkResult[]; expected: object }[] = [
    {
      name: 'successes as in RFC 7644 §3.7.3, status as a string',
      input: [
        { method: 'POST', bulkId: 'qwerty', version: 'W/"oY4m4wn58tkVjJxK"', location, status: 201 },
        { method: 'DELETE', location, status: 204 },
      ],
      expected: {
        schemas: [BULK_RESPONSE_MESSAGE],
        Operations: [
          { location, method: 'POST', bulkId: 'qwerty', version: 'W/"oY4m4wn58tkVjJxK"', status: '201' },
          { location, method: 'DELETE', status: '204' },
        ],
      },
    },
    {
      name: 'a failed POST without location, with the error body as response',
      input: [
        {
          method: 'POST',
          bulkId: 'qwerty',
          status: 400,
          response: errorBody(badRequest('invalidSyntax', 'Request is unparsable')),
        },
      ],
      expected: {
        schemas: [BULK_RESPONSE_MESSAGE],
        Operations: [
          {
            method: 'POST',
            bulkId: 'qwerty',
            status: '400',
            response: {
              schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
              status: '400',
              scimType: 'invalidSyntax',
              detail: 'Request is unparsable',
            },
          },
        ],
      },
    },
    {
      name: 'an empty result list',
      input: [],
      expected: { schemas: [BULK_RESPONSE_MESSAGE], Operations: [] },
    },
  ];

  it.each(rows)('renders $name', ({ input, expected }) => {
    expect(bulkResponse(input)).toStrictEqual(expected);
  });
});
