import { parseFilter, splitAttrPath } from '../../../../../src/scim/protocol';
import type { AttrPath, CompareOperator, CompareValue, Filter } from '../../../../../src/scim/protocol';

const path = (text: string): AttrPath => splitAttrPath(text) as AttrPath;
const cmp = (attribute: string, op: CompareOperator, value: CompareValue): Filter => ({
  kind: 'compare',
  path: path(attribute),
  op,
  value,
});
const pr = (attribute: string): Filter => ({ kind: 'present', path: path(attribute) });
const and = (...filters: Filter[]): Filter => ({ kind: 'and', filters });
const or = (...filters: Filter[]): Filter => ({ kind: 'or', filters });
const not = (filter: Filter): Filter => ({ kind: 'not', filter });
const valuePath = (attribute: string, filter: Filter): Filter => ({
  kind: 'valuePath',
  path: path(attribute),
  filter,
});

const CORE = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('parseFilter', () => {
  const operators: { input: string; expected: Filter }[] = [
    { input: 'userName eq "bjensen"', expected: cmp('userName', 'eq', 'bjensen') },
    { input: 'userName ne "bjensen"', expected: cmp('userName', 'ne', 'bjensen') },
    { input: 'name.familyName co "O\'Malley"', expected: cmp('name.familyName', 'co', "O'Malley") },
    { input: 'userName sw "J"', expected: cmp('userName', 'sw', 'J') },
    { input: 'userName ew "sen"', expected: cmp('userName', 'ew', 'sen') },
    { input: 'title pr', expected: pr('title') },
    {
      input: 'meta.lastModified gt "2011-05-13T04:42:34Z"',
      expected: cmp('meta.lastModified', 'gt', '2011-05-13T04:42:34Z'),
    },
    {
      input: 'meta.lastModified ge "2011-05-13T04:42:34Z"',
      expected: cmp('meta.lastModified', 'ge', '2011-05-13T04:42:34Z'),
    },
    {
      input: 'meta.lastModified lt "2011-05-13T04:42:34Z"',
      expected: cmp('meta.lastModified', 'lt', '2011-05-13T04:42:34Z'),
    },
    {
      input: 'meta.lastModified le "2011-05-13T04:42:34.123+02:00"',
      expected: cmp('meta.lastModified', 'le', '2011-05-13T04:42:34.123+02:00'),
    },
  ];

  const keywordsAndLiterals: { input: string; expected: Filter }[] = [
    { input: 'userName EQ "x"', expected: cmp('userName', 'eq', 'x') },
    { input: 'userName Eq "x" AND title PR', expected: and(cmp('userName', 'eq', 'x'), pr('title')) },
    { input: 'a pr Or b pr', expected: or(pr('a'), pr('b')) },
    { input: 'NOT (a pr)', expected: not(pr('a')) },
    { input: 'active eq true', expected: cmp('active', 'eq', true) },
    { input: 'active eq false', expected: cmp('active', 'eq', false) },
    { input: 'active eq True', expected: cmp('active', 'eq', true) },
    { input: 'title eq null', expected: cmp('title', 'eq', null) },
    { input: 'title ne NULL', expected: cmp('title', 'ne', null) },
    { input: 'age eq 42', expected: cmp('age', 'eq', 42) },
    { input: 'age gt -7', expected: cmp('age', 'gt', -7) },
    { input: 'weight eq 173.25', expected: cmp('weight', 'eq', 173.25) },
    { input: 'weight lt 1e3', expected: cmp('weight', 'lt', 1000) },
    { input: 'weight lt 2.5E-2', expected: cmp('weight', 'lt', 0.025) },
    { input: 'weight eq 0', expected: cmp('weight', 'eq', 0) },
    { input: 'userName eq "say \\"hi\\""', expected: cmp('userName', 'eq', 'say "hi"') },
    { input: 'userName eq "a\\\\b\\/c"', expected: cmp('userName', 'eq', 'a\\b/c') },
    { input: 'userName eq "\\b\\f\\n\\r\\t"', expected: cmp('userName', 'eq', '\b\f\n\r\t') },
    { input: 'userName eq "caf\\u00e9 \\uD83D\\uDE00"', expected: cmp('userName', 'eq', 'café 😀') },
    { input: 'userName eq ""', expected: cmp('userName', 'eq', '') },
    { input: 'userName eq "a and b or (c)"', expected: cmp('userName', 'eq', 'a and b or (c)') },
    { input: '  userName   eq\t"x"  ', expected: cmp('userName', 'eq', 'x') },
    { input: 'members.$ref pr', expected: pr('members.$ref') },
    { input: 'x-custom_attr2 pr', expected: pr('x-custom_attr2') },
    { input: 'not pr', expected: pr('not') },
  ];

  const structure: { input: string; expected: Filter }[] = [
    {
      input: 'title pr and userType eq "Employee"',
      expected: and(pr('title'), cmp('userType', 'eq', 'Employee')),
    },
    { input: 'title pr or userType eq "Intern"', expected: or(pr('title'), cmp('userType', 'eq', 'Intern')) },
    { input: 'a pr and b pr and c pr', expected: and(pr('a'), pr('b'), pr('c')) },
    { input: 'a pr or b pr and c pr', expected: or(pr('a'), and(pr('b'), pr('c'))) },
    { input: 'a pr and b pr or c pr', expected: or(and(pr('a'), pr('b')), pr('c')) },
    { input: '(a pr or b pr) and c pr', expected: and(or(pr('a'), pr('b')), pr('c')) },
    { input: '(a pr and b pr) and c pr', expected: and(and(pr('a'), pr('b')), pr('c')) },
    { input: '((a pr))', expected: pr('a') },
    { input: 'not (a pr) and b pr', expected: and(not(pr('a')), pr('b')) },
    { input: 'not (a pr or b pr)', expected: not(or(pr('a'), pr('b'))) },
    { input: 'not(a pr)', expected: not(pr('a')) },
    {
      input: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      expected: and(
        cmp('userType', 'eq', 'Employee'),
        or(cmp('emails', 'co', 'example.com'), cmp('emails.value', 'co', 'example.org')),
      ),
    },
    {
      input: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      expected: and(
        cmp('userType', 'ne', 'Employee'),
        not(or(cmp('emails', 'co', 'example.com'), cmp('emails.value', 'co', 'example.org'))),
      ),
    },
    {
      input: 'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
      expected: and(
        cmp('userType', 'eq', 'Employee'),
        valuePath('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com'))),
      ),
    },
    {
      input:
        'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      expected: or(
        valuePath('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com'))),
        valuePath('ims', and(cmp('type', 'eq', 'xmpp'), cmp('value', 'co', '@foo.com'))),
      ),
    },
    { input: 'members[value eq "2819c223"]', expected: valuePath('members', cmp('value', 'eq', '2819c223')) },
    { input: 'emails[not (type eq "work")]', expected: valuePath('emails', not(cmp('type', 'eq', 'work'))) },
    { input: 'emails[(type eq "work")]', expected: valuePath('emails', cmp('type', 'eq', 'work')) },
    { input: 'emails[primary eq true]', expected: valuePath('emails', cmp('primary', 'eq', true)) },
    // Entra matches users by work email this way (not RFC grammar; read as the bracket "and" the tail).
    {
      input: 'emails[type eq "work"].value eq "user@contoso.com"',
      expected: valuePath('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'eq', 'user@contoso.com'))),
    },
    {
      input: 'emails[type eq "work" and primary eq true].value pr',
      expected: valuePath('emails', and(cmp('type', 'eq', 'work'), cmp('primary', 'eq', true), pr('value'))),
    },
    {
      input: 'emails[type eq "work" or type eq "home"].value co "@x"',
      expected: valuePath(
        'emails',
        and(or(cmp('type', 'eq', 'work'), cmp('type', 'eq', 'home')), cmp('value', 'co', '@x')),
      ),
    },
  ];

  const urnPaths: { input: string; expected: Filter }[] = [
    { input: `${CORE}:userName eq "x"`, expected: cmp(`${CORE}:userName`, 'eq', 'x') },
    {
      input: `${CORE}:name.familyName co "O'Malley"`,
      expected: {
        kind: 'compare',
        path: { schema: CORE, attribute: 'name', subAttribute: 'familyName' },
        op: 'co',
        value: "O'Malley",
      },
    },
    {
      input: `${ENTERPRISE}:manager.value eq "26118915"`,
      expected: {
        kind: 'compare',
        path: { schema: ENTERPRISE, attribute: 'manager', subAttribute: 'value' },
        op: 'eq',
        value: '26118915',
      },
    },
    {
      input: `${ENTERPRISE}:employeeNumber pr`,
      expected: { kind: 'present', path: { schema: ENTERPRISE, attribute: 'employeeNumber' } },
    },
    {
      input: `${CORE}:emails[type eq "work"]`,
      expected: {
        kind: 'valuePath',
        path: { schema: CORE, attribute: 'emails' },
        filter: cmp('type', 'eq', 'work'),
      },
    },
  ];

  describe.each([
    ['every comparison operator', operators],
    ['case-insensitive keywords and JSON literals', keywordsAndLiterals],
    ['precedence, grouping and value paths', structure],
    ['URN-qualified attribute paths', urnPaths],
  ])('%s', (_title, rows) => {
    it.each(rows)('parses $input', ({ input, expected }) => {
      expect(parseFilter(input)).toEqual(expected);
    });
  });

  it('keeps a long flat or-chain as one shallow node', () => {
    const ids = Array.from({ length: 200 }, (_, index) => `id eq "${index}"`);
    const sut = parseFilter(ids.join(' or '));
    expect(sut).toMatchObject({ kind: 'or' });
    expect(sut.kind === 'or' && sut.filters).toHaveLength(200);
  });
});
