import type { ScimError } from '../../../../src/scim/protocol';
import { badRequest, ERROR_SCHEMA, errorBody, plainError, scimError } from '../../../../src/scim/protocol';

describe('errorBody', () => {
  const rows: { name: string; input: ScimError; expected: object }[] = [
    {
      name: 'renders a 400 with its scimType and the status as a string',
      input: badRequest('invalidFilter', 'Unexpected ")" at position 3'),
      expected: {
        schemas: [ERROR_SCHEMA],
        status: '400',
        scimType: 'invalidFilter',
        detail: 'Unexpected ")" at position 3',
      },
    },
    {
      name: 'renders a 409 uniqueness',
      input: scimError('uniqueness', 'userName is taken'),
      expected: {
        schemas: [ERROR_SCHEMA],
        status: '409',
        scimType: 'uniqueness',
        detail: 'userName is taken',
      },
    },
    {
      name: 'leaves scimType out when there is none',
      input: plainError(404, 'User 1 not found'),
      expected: { schemas: [ERROR_SCHEMA], status: '404', detail: 'User 1 not found' },
    },
  ];

  it.each(rows)('$name', ({ input, expected }) => {
    expect(errorBody(input)).toStrictEqual(expected);
  });

  it('is an Error whose message carries status, scimType and detail', () => {
    const sut = badRequest('noTarget', 'nothing matched');
    expect(sut).toBeInstanceOf(Error);
    expect(sut.name).toBe('ScimError');
    expect(sut.message).toBe('400 noTarget: nothing matched');
  });
});
