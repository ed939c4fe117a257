import {
  parseFilter,
  printFilter,
  resolveFilter,
  userResourceSchema,
} from '../../../../../src/scim/protocol';
import { expectScimError } from '../support/expect-scim-error';

const sut = userResourceSchema();
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

describe('resolveFilter', () => {
  const canonical: { input: string; expected: string }[] = [
    { input: 'USERNAME Eq "bjensen"', expected: 'userName eq "bjensen"' },
    {
      input: 'urn:ietf:params:scim:schemas:core:2.0:User:name.FAMILYNAME co "x"',
      expected: 'name.familyName co "x"',
    },
    { input: 'emails co "example.com"', expected: 'emails.value co "example.com"' },
    { input: 'Emails[TYPE eq "work"]', expected: 'emails[type eq "work"]' },
    { input: 'emails[value co "@x.com"]', expected: 'emails[value co "@x.com"]' },
    { input: 'department eq "R&D"', expected: `${ENTERPRISE}:department eq "R&D"` },
    { input: `${ENTERPRISE}:manager.value eq "m1"`, expected: `${ENTERPRISE}:manager.value eq "m1"` },
    { input: `${ENTERPRISE}:manager eq "m1"`, expected: `${ENTERPRISE}:manager.value eq "m1"` },
    { input: 'active eq "true"', expected: 'active eq true' },
    { input: 'active ne "FALSE"', expected: 'active ne false' },
    { input: 'name pr', expected: 'name pr' },
    { input: 'title eq null', expected: 'title eq null' },
    {
      input: 'meta.lastModified gt "2011-05-13T04:42:34Z"',
      expected: 'meta.lastModified gt "2011-05-13T04:42:34Z"',
    },
    { input: 'not (id eq "1") and externalId sw "e"', expected: 'not (id eq "1") and externalId sw "e"' },
  ];

  it.each(canonical)('canonicalises $input', ({ input, expected }) => {
    expect(printFilter(resolveFilter(parseFilter(input), sut))).toBe(expected);
  });

  const rejected: { input: string; detail: RegExp }[] = [
    { input: 'nickname2 eq "x"', detail: /Unknown attribute "nickname2"/ },
    { input: 'name.nickName pr', detail: /Unknown attribute "name.nickName"/ },
    { input: 'emails[foo eq "x"]', detail: /Unknown attribute "foo"/ },
    { input: 'active gt true', detail: /"active gt" is not supported on a boolean attribute/ },
    { input: 'active co "t"', detail: /not supported on a boolean attribute/ },
    { input: 'active eq "yes"', detail: /needs true or false/ },
    { input: 'x509Certificates.value lt "AAAA"', detail: /not supported on a binary attribute/ },
    { input: 'userName eq 42', detail: /needs a string/ },
    { input: 'userName gt null', detail: /cannot compare with null/ },
    { input: 'meta.created gt "yesterday"', detail: /needs a date-time string/ },
    { input: 'name eq "x"', detail: /Complex attribute "name" cannot be compared/ },
    { input: 'addresses eq "x"', detail: /Complex attribute "addresses" cannot be compared/ },
    { input: 'userName[value eq "x"]', detail: /needs a complex attribute/ },
  ];

  it.each(rejected)('rejects $input with 400 invalidFilter', ({ input, detail }) => {
    const error = expectScimError(() => resolveFilter(parseFilter(input), sut), 400, 'invalidFilter');
    expect(error.detail).toMatch(detail);
  });
});
