import fc from 'fast-check';
import { parseFilter, printFilter, ScimError } from '../../../../src/scim/protocol';
import { toV2Filter } from '../../../../src/scim/v1/protocol';
import { expectScimError } from '../protocol/support/expect-scim-error';

const ENTERPRISE_V2 = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('toV2Filter translates SCIM 1.1 filters into the equivalent 2.0 filter', () => {
  const rows: { input: string; expected: string }[] = [
    // Okta's only lookup: userName eq, as its 1.1 client sends it.
    { input: 'userName eq "test.user@okta.local"', expected: 'userName eq "test.user@okta.local"' },
    { input: 'userName EQ "a"', expected: 'userName eq "a"' },
    { input: 'title pr', expected: 'title pr' },
    { input: 'userName co "ok" and userName sw "t"', expected: 'userName co "ok" and userName sw "t"' },
    {
      input: 'meta.lastModified gt "2011-05-13T04:42:34Z"',
      expected: 'meta.lastModified gt "2011-05-13T04:42:34Z"',
    },
    {
      input: 'meta.lastModified ge "2011-05-13T04:42:34Z"',
      expected: 'meta.lastModified ge "2011-05-13T04:42:34Z"',
    },
    { input: 'meta.created lt "2012-01-01T00:00:00Z"', expected: 'meta.created lt "2012-01-01T00:00:00Z"' },
    { input: 'meta.created le "2012-01-01T00:00:00Z"', expected: 'meta.created le "2012-01-01T00:00:00Z"' },
    {
      input: 'userType eq "Employee" and (emails co "example.com" or emails co "example.org")',
      expected: 'userType eq "Employee" and (emails co "example.com" or emails co "example.org")',
    },
    { input: 'active eq true', expected: 'active eq true' },
    // 1.1 URN-qualified names become 2.0 names.
    { input: 'urn:scim:schemas:core:1.0:userName eq "a"', expected: 'userName eq "a"' },
    { input: 'URN:SCIM:SCHEMAS:CORE:1.0:name.familyName sw "J"', expected: 'name.familyName sw "J"' },
    {
      input: 'urn:scim:schemas:extension:enterprise:1.0:department eq "R&D"',
      expected: `${ENTERPRISE_V2}:department eq "R&D"`,
    },
    {
      input: 'urn:scim:schemas:extension:enterprise:1.0:manager.managerId eq "m1"',
      expected: `${ENTERPRISE_V2}:manager.value eq "m1"`,
    },
    { input: 'manager.managerId pr', expected: 'manager.value pr' },
    // An organization's own extension keeps its URN.
    {
      input: 'urn:ietf:params:scim:schemas:extension:acme:2.0:User:badge eq "7"',
      expected: 'urn:ietf:params:scim:schemas:extension:acme:2.0:User:badge eq "7"',
    },
  ];
  it.each(rows)('$input → $expected', ({ input, expected }) => {
    expect(toV2Filter(input)).toBe(expected);
  });
});

describe('toV2Filter rejects what only SCIM 2.0 filters have, with 400 invalidFilter', () => {
  const rows: { input: string; detail: RegExp }[] = [
    { input: 'userName ne "a"', detail: /no "ne" operator/ },
    { input: 'userName ew "@okta.local"', detail: /no "ew" operator/ },
    { input: 'not (userName eq "a")', detail: /no "not" operator/ },
    { input: 'emails[type eq "work"]', detail: /no value filter "emails\[…\]"/ },
    { input: 'emails[type eq "work"].value eq "a@b"', detail: /no value filter/ },
    { input: 'title pr or (active eq true and userName ne "x")', detail: /no "ne" operator/ },
  ];
  it.each(rows)('$input', ({ input, detail }) => {
    const error = expectScimError(() => toV2Filter(input), 400, 'invalidFilter');
    expect(error.detail).toMatch(detail);
    expect(error.detail).toMatch(/SCIM 2\.0/);
  });

  const syntax: string[] = [
    '',
    'userName',
    'userName eq',
    'userName eq "x" and',
    '(userName eq "x"',
    'userName xx "a"',
  ];
  it.each(syntax)('a malformed filter %j is the shared parser’s 400 invalidFilter', (input) => {
    expectScimError(() => toV2Filter(input), 400, 'invalidFilter');
  });
});

describe('toV2Filter properties', () => {
  const name = fc.constantFrom('userName', 'title', 'name.givenName', 'emails', 'meta.lastModified');
  const value = fc.oneof(fc.string(), fc.boolean(), fc.integer());
  const op = fc.constantFrom('eq', 'co', 'sw', 'gt', 'ge', 'lt', 'le');
  const leaf = fc.oneof(
    fc.tuple(name, op, value).map(([n, o, v]) => `${n} ${o} ${JSON.stringify(v)}`),
    name.map((n) => `${n} pr`),
  );
  const filter = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc
        .tuple(tie('node'), fc.constantFrom('and', 'or'), tie('node'))
        .map(([a, k, b]) => `(${a}) ${k} (${b})`),
    ),
  })).node;

  it('a filter in the 1.1 grammar means the same in 2.0 (it prints to the same canonical form)', () => {
    fc.assert(
      fc.property(filter, (text) => {
        expect(toV2Filter(text)).toBe(printFilter(parseFilter(text)));
      }),
    );
  });

  it('any input either translates or fails with a ScimError, never with anything else', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        try {
          expect(typeof toV2Filter(text)).toBe('string');
        } catch (error) {
          expect(error).toBeInstanceOf(ScimError);
          expect((error as ScimError).status).toBe(400);
        }
      }),
    );
  });
});
