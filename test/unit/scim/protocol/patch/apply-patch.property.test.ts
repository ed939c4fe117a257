import fc from 'fast-check';
import {
  applyPatch,
  groupResourceSchema,
  parsePatchRequest,
  planGroupPatch,
  ScimError,
  userResourceSchema,
} from '../../../../../src/scim/protocol';
import type { JsonObject, JsonValue, ResourceSchema } from '../../../../../src/scim/protocol';
import { bjensen, ENTERPRISE, GROUP, USER } from '../support/patch-helpers';

const userSchema = userResourceSchema();
const groupSchema = groupResourceSchema();

const PATHS = [
  'userName',
  'title',
  'active',
  'password',
  'id',
  'meta',
  'meta.created',
  'groups',
  'name',
  'name.givenName',
  'NAME.familyname',
  'emails',
  'emails.value',
  'emails[type eq "work"]',
  'emails[type eq "work"].value',
  'emails[type eq "home" and primary eq true]',
  'emails[value co "@"].primary',
  'emails[not (type eq "work")].display',
  'phoneNumbers[type eq "mobile"].value',
  'addresses[type eq "work"].streetAddress',
  'x509Certificates',
  'members',
  'members[value eq "u1"]',
  'members[value eq "u1"].display',
  'displayName',
  'externalId',
  `${ENTERPRISE}:manager`,
  `${ENTERPRISE}:manager.value`,
  `${ENTERPRISE}:department`,
  ENTERPRISE,
  `${USER}:userName`,
  `${GROUP}:members`,
  'manager',
  'nickname2',
  'emails[foo eq 1]',
  'emails[type eq',
  'a.b.c',
  '',
  '[]',
  'urn:x:y',
];
const KEYS = [...PATHS, 'schemas', 'Members', '__proto__', 'constructor', `${ENTERPRISE}`, `${USER}`];

const jsonValue: fc.Arbitrary<JsonValue> = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue>;
const interestingValue: fc.Arbitrary<JsonValue> = fc.oneof(
  jsonValue,
  fc.constantFrom<JsonValue>('True', 'false', '42', '', null, [], {}, 'u1', '2011-05-13T04:42:34Z'),
  fc.array(
    fc.record(
      {
        value: fc.oneof(fc.string(), fc.constant('u1'), jsonValue),
        type: fc.constantFrom('work', 'home'),
        primary: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    { maxLength: 4 },
  ),
  fc.dictionary(fc.constantFrom(...KEYS), jsonValue, { maxKeys: 4 }),
);
const opName = fc.constantFrom('add', 'remove', 'replace', 'Add', 'REPLACE', 'Remove', 'delete');
const operation = fc.record(
  {
    op: opName,
    path: fc.oneof(fc.constantFrom(...PATHS), fc.string({ maxLength: 12 })),
    value: interestingValue,
  },
  { requiredKeys: ['op'] },
);
const body = fc.oneof(
  fc.record({
    schemas: fc.constant(['urn:ietf:params:scim:api:messages:2.0:PatchOp']),
    Operations: fc.array(operation, { minLength: 1, maxLength: 5 }),
  }),
  jsonValue,
);

function expectOnlyScimErrors(action: () => unknown): void {
  try {
    action();
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    expect(error.status).toBe(400);
  }
}

// identityKey counted (its behaviour unchanged), so the large-group test can measure work, not time.
// Past a million calls it throws: a quadratic walk fails at once instead of running for minutes.
const mockIdentityKeyCalls = { count: 0 };
jest.mock('../../../../../src/scim/protocol/patch/value-equality', () => {
  const actual = jest.requireActual('../../../../../src/scim/protocol/patch/value-equality');
  return {
    ...actual,
    identityKey: (...args: Parameters<typeof actual.identityKey>) => {
      if (++mockIdentityKeyCalls.count > 1_000_000)
        throw new Error('identityKey called over a million times');
      return actual.identityKey(...args);
    },
  };
});

describe('applyPatch properties', () => {
  const resources: [string, JsonObject, ResourceSchema][] = [
    [
      'a user',
      bjensen({
        schemas: [USER, ENTERPRISE],
        [ENTERPRISE]: { manager: { value: 'm1' } },
        groups: [{ value: 'g1' }],
      }),
      userSchema,
    ],
    [
      'a group',
      {
        schemas: [GROUP],
        id: 'g1',
        displayName: 'Ops',
        members: [{ value: 'u1' }, { value: 'u2', display: 'Ann' }],
      },
      groupSchema,
    ],
  ];

  it.each(resources)(
    'on %s returns or throws ScimError 400, and never mutates its inputs',
    (_name, resource, schema) => {
      fc.assert(
        fc.property(body, (request) => {
          const before = JSON.stringify({ resource, request });
          expectOnlyScimErrors(() => {
            const result = applyPatch(resource, parsePatchRequest(request).operations, schema);
            expect(JSON.parse(JSON.stringify(result.resource))).toEqual(result.resource);
          });
          expect(JSON.stringify({ resource, request })).toBe(before);
        }),
        { numRuns: 500 },
      );
    },
  );

  it('planGroupPatch returns or throws ScimError 400 for any request', () => {
    fc.assert(
      fc.property(body, (request) => {
        expectOnlyScimErrors(() => planGroupPatch(parsePatchRequest(request).operations, groupSchema));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps at most one primary value among the values it wrote', () => {
    fc.assert(
      fc.property(
        fc.array(
          operation.filter((item) => String(item.path).startsWith('emails')),
          { minLength: 1, maxLength: 4 },
        ),
        (operations) => {
          expectOnlyScimErrors(() => {
            const { resource } = applyPatch(
              bjensen(),
              parsePatchRequest({ Operations: operations }).operations,
              userSchema,
            );
            const emails = Array.isArray(resource.emails) ? resource.emails : [];
            expect(
              emails.filter((email) => (email as JsonObject).primary === true).length,
            ).toBeLessThanOrEqual(1);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('applyPatch on large groups', () => {
  it('adds 10,000 members to a 10,000-member group and removes 5,000 by value in linear time', () => {
    const existing = Array.from({ length: 10_000 }, (_, index) => ({ value: `old-${index}` }));
    const incoming = Array.from({ length: 10_000 }, (_, index) => ({ value: `new-${index}` }));
    const group = { schemas: [GROUP], id: 'g1', displayName: 'Everyone', members: existing };
    // Linear, shown by work rather than by a clock: how many times a member's identity is computed.
    // Comparing every member with every other would take ~10^8; a keyed pass a small multiple of n.
    mockIdentityKeyCalls.count = 0;
    const { resource } = applyPatch(
      group,
      parsePatchRequest({
        Operations: [
          { op: 'add', path: 'members', value: incoming },
          { op: 'remove', path: 'members', value: existing.slice(0, 5_000) },
        ],
      }).operations,
      groupSchema,
    );
    expect(mockIdentityKeyCalls.count).toBeLessThanOrEqual(4 * (10_000 + 10_000 + 5_000));
    expect(resource.members).toHaveLength(15_000);
  });
});
