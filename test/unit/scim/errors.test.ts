import type { DomainErrorReason } from '../../../src/errors';
import { DOMAIN_ERROR_REASONS, DomainError } from '../../../src/errors';
import { toScimError } from '../../../src/scim/errors';
import { GraphqlCallError } from '../../../src/scim/graphql/graphql-executor';
import type { ScimType } from '../../../src/scim/protocol';
import { CURSOR_SCIM_TYPES, RFC_SCIM_TYPES, scimError } from '../../../src/scim/protocol';

describe('toScimError', () => {
  const expected: Record<DomainErrorReason, ScimType> = {
    invalidValue: 'invalidValue',
    required: 'invalidValue',
    unknownAttribute: 'invalidFilter',
    invalidFilter: 'invalidFilter',
    invalidSort: 'invalidValue',
    invalidCursor: 'invalidCursor',
    mutability: 'mutability',
    uniqueness: 'uniqueness',
    unknownMember: 'invalidValue',
    cycle: 'invalidValue',
    CURSOR_EXPIRED: 'expiredCursor',
    connectionPaused: 'invalidValue',
    setupLinkExpired: 'invalidValue',
    setupLinkRevoked: 'invalidValue',
  };

  it.each(DOMAIN_ERROR_REASONS.map((reason) => ({ reason, scimType: expected[reason] })))(
    'answers a refused input with reason $reason as scimType $scimType',
    ({ reason, scimType }) => {
      const sut = toScimError(new GraphqlCallError('BAD_USER_INPUT', 'refused', 'filter', reason));
      expect({ scimType: sut.scimType, detail: sut.detail }).toEqual({
        scimType,
        detail: 'refused (filter)',
      });
    },
  );

  it('decides the keyword by the reason, not by the field it names', () => {
    expect(toScimError(new GraphqlCallError('BAD_USER_INPUT', 'too many', 'filter')).scimType).toBe(
      'invalidValue',
    );
    expect(
      toScimError(new GraphqlCallError('BAD_USER_INPUT', 'bad', 'userName', 'invalidFilter')).scimType,
    ).toBe('invalidFilter');
  });

  it('answers a conflict with 409 uniqueness and a version conflict with a bare 412', () => {
    expect(toScimError(new GraphqlCallError('CONFLICT', 'taken'))).toMatchObject({
      status: 409,
      scimType: 'uniqueness',
    });
    expect(toScimError(new GraphqlCallError('VERSION_CONFLICT', 'raced'))).toMatchObject({
      status: 412,
      scimType: undefined,
    });
  });

  it('answers a paused connection with a plain 403 that says so, not a 400', () => {
    const error = new DomainError('FORBIDDEN', 'This connection is paused', { reason: 'connectionPaused' });
    expect(toScimError(error)).toMatchObject({
      status: 403,
      scimType: undefined,
      detail: 'This connection is paused',
    });
  });

  it('keeps the reason of a domain error raised in front of the router', () => {
    const error = new DomainError('BAD_USER_INPUT', 'stale cursor', { reason: 'invalidCursor' });
    expect(toScimError(error)).toMatchObject({ status: 400, scimType: 'invalidCursor' });
  });
});

describe('scimError pairs each keyword with its RFC 7644 Table 9 status', () => {
  const table: Record<ScimType, number> = {
    invalidFilter: 400,
    tooMany: 400,
    uniqueness: 409,
    mutability: 400,
    invalidSyntax: 400,
    invalidPath: 400,
    noTarget: 400,
    invalidValue: 400,
    invalidVers: 400,
    sensitive: 403,
    invalidCursor: 400,
    expiredCursor: 400,
    invalidCount: 400,
  };

  it.each([...RFC_SCIM_TYPES, ...CURSOR_SCIM_TYPES].map((scimType) => ({ scimType })))(
    '$scimType',
    ({ scimType }) => {
      expect(scimError(scimType, 'x').status).toBe(table[scimType]);
    },
  );
});
