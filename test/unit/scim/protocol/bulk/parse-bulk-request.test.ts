import { BULK_REQUEST_MESSAGE, parseBulkRequest } from '../../../../../src/scim/protocol';
import type { BulkLimits, ParsedBulkRequest, ScimType } from '../../../../../src/scim/protocol';
import { expectScimError } from '../support/expect-scim-error';

const schemas = [BULK_REQUEST_MESSAGE];
const limits: BulkLimits = { maxOperations: 3, maxPayloadSize: 1048576, payloadSize: 512 };
const alice = { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'Alice' };

describe('parseBulkRequest', () => {
  const valid: { name: string; input: unknown; payloadSize?: number; expected: ParsedBulkRequest }[] = [
    {
      name: 'the RFC 7644 §3.7.3 example (POST, PUT, DELETE) with failOnErrors',
      input: {
        schemas,
        failOnErrors: 1,
        Operations: [
          { method: 'POST', path: '/Users', bulkId: 'qwerty', data: alice },
          { method: 'PUT', path: '/Users/b7c1', version: 'W/"3694e05e9dff591"', data: { userName: 'Bob' } },
          { method: 'DELETE', path: '/Users/e902', version: 'W/"0ee8add0a938e1a"' },
        ],
      },
      expected: {
        failOnErrors: 1,
        operations: [
          { method: 'POST', bulkId: 'qwerty', path: '/Users', data: alice },
          { method: 'PUT', version: 'W/"3694e05e9dff591"', path: '/Users/b7c1', data: { userName: 'Bob' } },
          { method: 'DELETE', version: 'W/"0ee8add0a938e1a"', path: '/Users/e902' },
        ],
      },
    },
    {
      name: 'lower-case methods and member names in any case',
      input: {
        SCHEMAS: schemas,
        operations: [
          { Method: 'post', PATH: '/Groups', BulkId: 'g1', Data: { displayName: 'Ops' } },
          { method: 'Patch', path: '/Groups/bulkId:g1', data: { Operations: [] } },
        ],
      },
      expected: {
        failOnErrors: null,
        operations: [
          { method: 'POST', bulkId: 'g1', path: '/Groups', data: { displayName: 'Ops' } },
          { method: 'PATCH', path: '/Groups/bulkId:g1', data: { Operations: [] } },
        ],
      },
    },
    {
      name: 'the message URN in another case',
      input: {
        schemas: [BULK_REQUEST_MESSAGE.toUpperCase()],
        Operations: [{ method: 'DELETE', path: '/Users/1' }],
      },
      expected: { failOnErrors: null, operations: [{ method: 'DELETE', path: '/Users/1' }] },
    },
    {
      name: 'null members as absent, and a DELETE without its data',
      input: {
        schemas,
        failOnErrors: null,
        Operations: [
          { method: 'DELETE', path: '/Users/1', bulkId: null, version: null, data: { ignored: true } },
        ],
      },
      expected: { failOnErrors: null, operations: [{ method: 'DELETE', path: '/Users/1' }] },
    },
    {
      name: 'exactly maxOperations operations at exactly maxPayloadSize',
      input: {
        schemas,
        Operations: [1, 2, 3].map((n) => ({ method: 'DELETE', path: `/Users/${n}` })),
      },
      payloadSize: limits.maxPayloadSize,
      expected: {
        failOnErrors: null,
        operations: [1, 2, 3].map((n) => ({ method: 'DELETE' as const, path: `/Users/${n}` })),
      },
    },
  ];

  it.each(valid)('parses $name', ({ input, payloadSize, expected }) => {
    expect(
      parseBulkRequest(input, { ...limits, payloadSize: payloadSize ?? limits.payloadSize }),
    ).toStrictEqual(expected);
  });

  const operation = { method: 'POST', path: '/Users', bulkId: 'a', data: alice };
  const invalid: {
    name: string;
    input: unknown;
    payloadSize?: number;
    status: number;
    scimType?: ScimType;
    detail: RegExp;
  }[] = [
    {
      name: 'a payload over maxPayloadSize, before looking at the body',
      input: 'not even JSON',
      payloadSize: 1048577,
      status: 413,
      detail: /exceeds the maxPayloadSize \(1048576\)/,
    },
    {
      name: 'more operations than maxOperations',
      input: { schemas, Operations: [1, 2, 3, 4].map((n) => ({ method: 'DELETE', path: `/Users/${n}` })) },
      status: 413,
      detail: /number of operations \(4\) exceeds the maxOperations \(3\)/,
    },
    {
      name: 'a body that is not an object',
      input: [operation],
      status: 400,
      scimType: 'invalidSyntax',
      detail: /JSON object/,
    },
    { name: 'a null body', input: null, status: 400, scimType: 'invalidSyntax', detail: /JSON object/ },
    {
      name: 'a body without schemas',
      input: { Operations: [operation] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /BulkRequest/,
    },
    {
      name: 'schemas naming another message',
      input: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [operation] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /BulkRequest/,
    },
    {
      name: 'schemas as a string',
      input: { schemas: BULK_REQUEST_MESSAGE, Operations: [operation] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /BulkRequest/,
    },
    {
      name: 'Operations that is not an array',
      input: { schemas, Operations: operation },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /"Operations"/,
    },
    {
      name: 'an empty Operations',
      input: { schemas, Operations: [] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /non-empty/,
    },
    {
      name: 'an operation that is not an object',
      input: { schemas, Operations: [operation, 'DELETE /Users/1'] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /^Operations\[1\] must be an object/,
    },
    {
      name: 'an unknown method',
      input: { schemas, Operations: [{ method: 'GET', path: '/Users/1' }] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /^Operations\[0\]: "method"/,
    },
    {
      name: 'a missing method',
      input: { schemas, Operations: [operation, { path: '/Users/1' }] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /^Operations\[1\]: "method"/,
    },
    {
      name: 'a missing path',
      input: { schemas, Operations: [{ method: 'DELETE' }] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /^Operations\[0\]: "path"/,
    },
    {
      name: 'an empty path',
      input: { schemas, Operations: [{ method: 'DELETE', path: '' }] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /^Operations\[0\]: "path"/,
    },
    {
      name: 'a path that is not a string',
      input: { schemas, Operations: [{ method: 'DELETE', path: ['/Users/1'] }] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /^Operations\[0\]: "path"/,
    },
    {
      name: 'a POST without bulkId',
      input: { schemas, Operations: [{ method: 'POST', path: '/Users', data: alice }] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /^Operations\[0\]: a POST needs a "bulkId"/,
    },
    {
      name: 'a bulkId that is not a string',
      input: { schemas, Operations: [{ ...operation, bulkId: 7 }] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /^Operations\[0\]: "bulkId"/,
    },
    {
      name: 'an empty bulkId',
      input: { schemas, Operations: [{ ...operation, bulkId: '' }] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /^Operations\[0\]: "bulkId"/,
    },
    {
      name: 'a version that is not a string',
      input: { schemas, Operations: [{ method: 'DELETE', path: '/Users/1', version: 3 }] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /^Operations\[0\]: "version"/,
    },
    {
      name: 'a POST without data',
      input: { schemas, Operations: [{ method: 'POST', path: '/Users', bulkId: 'a' }] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /^Operations\[0\]: a POST needs a "data" object/,
    },
    {
      name: 'a PUT whose data is not an object',
      input: { schemas, Operations: [operation, { method: 'PUT', path: '/Users/1', data: 'Bob' }] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /^Operations\[1\]: a PUT needs a "data" object/,
    },
    {
      name: 'a PATCH whose data is an array of operations',
      input: {
        schemas,
        Operations: [{ method: 'PATCH', path: '/Users/1', data: [{ op: 'remove', path: 'title' }] }],
      },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /^Operations\[0\]: a PATCH needs a "data" object/,
    },
    {
      name: 'a duplicate bulkId',
      input: { schemas, Operations: [operation, { method: 'DELETE', path: '/Users/1' }, { ...operation }] },
      status: 400,
      scimType: 'invalidSyntax',
      detail: /^Operations\[2\]: bulkId "a" is already used by Operations\[0\]/,
    },
    {
      name: 'failOnErrors of zero',
      input: { schemas, failOnErrors: 0, Operations: [operation] },
      status: 400,
      scimType: 'invalidValue',
      detail: /"failOnErrors"/,
    },
    {
      name: 'a negative failOnErrors',
      input: { schemas, failOnErrors: -1, Operations: [operation] },
      status: 400,
      scimType: 'invalidValue',
      detail: /"failOnErrors"/,
    },
    {
      name: 'a fractional failOnErrors',
      input: { schemas, failOnErrors: 1.5, Operations: [operation] },
      status: 400,
      scimType: 'invalidValue',
      detail: /"failOnErrors"/,
    },
    {
      name: 'failOnErrors as a string',
      input: { schemas, failOnErrors: '1', Operations: [operation] },
      status: 400,
      scimType: 'invalidValue',
      detail: /"failOnErrors"/,
    },
  ];

  it.each(invalid)('rejects $name', ({ input, payloadSize, status, scimType, detail }) => {
    const error = expectScimError(
      () => parseBulkRequest(input, { ...limits, payloadSize: payloadSize ?? limits.payloadSize }),
      status,
      scimType,
    );
    expect(error.detail).toMatch(detail);
  });
});
