import { evaluateFilter, parseFilter, userResourceSchema } from '../../../../../src/scim/protocol';
import type { JsonObject } from '../../../../../src/scim/protocol';
import { expectScimError } from '../support/expect-scim-error';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const schema = userResourceSchema();

/** RFC 7643 §8.2 "Full User Representation", abridged. */
const bjensen: JsonObject = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: '701984',
  userName: 'bjensen@example.com',
  name: { formatted: 'Ms. Barbara J Jensen, III', familyName: 'Jensen', givenName: 'Barbara' },
  displayName: 'Babs Jensen',
  title: '',
  userType: 'Employee',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  ims: [{ value: 'someaimhandle', type: 'aim' }],
  x509Certificates: [{ value: 'MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx' }],
  meta: {
    resourceType: 'User',
    created: '2010-01-23T04:56:22Z',
    lastModified: '2011-05-13T04:42:34Z',
    version: 'W/"3694e05e9dff591"',
  },
  [ENTERPRISE]: {
    employeeNumber: '701984',
    department: 'Tour Operations',
    manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' },
  },
};

describe('evaluateFilter', () => {
  const rows: { input: string; expected: boolean }[] = [
    { input: 'userName eq "bjensen@example.com"', expected: true },
    { input: 'userName eq "BJENSEN@EXAMPLE.COM"', expected: true },
    { input: 'id eq "2819C223-7F76-453A-919D-413861904646"', expected: false },
    { input: 'externalId eq "701984"', expected: true },
    { input: 'userName ne "someone"', expected: true },
    { input: 'userName sw "BJ"', expected: true },
    { input: 'userName ew ".COM"', expected: true },
    { input: 'name.familyName co "ens"', expected: true },
    { input: 'name.givenName co "x"', expected: false },
    { input: 'title pr', expected: false },
    { input: 'displayName pr', expected: true },
    { input: 'nickName pr', expected: false },
    { input: 'name pr', expected: true },
    { input: 'nickName ne "Babs"', expected: true },
    { input: 'nickName eq "Babs"', expected: false },
    { input: 'nickName eq null', expected: true },
    { input: 'displayName eq null', expected: false },
    { input: 'displayName ne null', expected: true },
    { input: 'active eq true', expected: true },
    { input: 'active eq "False"', expected: false },
    { input: 'active ne false', expected: true },
    { input: 'emails co "jensen.org"', expected: true },
    { input: 'emails.value co "example.org"', expected: false },
    { input: 'emails eq "BABS@JENSEN.ORG"', expected: true },
    { input: 'emails.type eq "home"', expected: true },
    { input: 'emails.type ne "work"', expected: true },
    { input: 'emails[type eq "work" and value co "@example.com"]', expected: true },
    { input: 'emails[type eq "home" and value co "@example.com"]', expected: false },
    { input: 'emails[primary eq true and type eq "work"]', expected: true },
    { input: 'emails[not (type eq "work")]', expected: true },
    { input: 'ims[type eq "xmpp"]', expected: false },
    { input: 'phoneNumbers[type eq "work"]', expected: false },
    { input: 'meta.lastModified gt "2011-05-13T04:42:33Z"', expected: true },
    { input: 'meta.lastModified gt "2011-05-13T06:42:33+02:00"', expected: true },
    { input: 'meta.lastModified eq "2011-05-13T06:42:34+02:00"', expected: true },
    { input: 'meta.lastModified lt "2011-05-13T04:42:34Z"', expected: false },
    { input: 'meta.lastModified le "2011-05-13T04:42:34.000Z"', expected: true },
    {
      input: 'meta.created ge "2010-01-01T00:00:00Z" and meta.created lt "2010-02-01T00:00:00Z"',
      expected: true,
    },
    { input: 'meta.version eq "w/\\"3694e05e9dff591\\""', expected: false },
    { input: 'userName gt "a" and userName lt "c"', expected: true },
    { input: 'x509Certificates.value sw "miid"', expected: false },
    { input: 'department eq "tour operations"', expected: true },
    { input: `${ENTERPRISE}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`, expected: true },
    { input: `${ENTERPRISE}:employeeNumber sw "70"`, expected: true },
    { input: 'costCenter pr', expected: false },
    {
      input: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      expected: true,
    },
    {
      input: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      expected: false,
    },
    { input: 'title pr or userType eq "Intern"', expected: false },
    { input: 'not (title pr)', expected: true },
  ];

  it.each(rows)('$input → $expected', ({ input, expected }) => {
    expect(evaluateFilter(parseFilter(input), bjensen, schema)).toBe(expected);
  });

  it('rejects an ordering comparison on a boolean attribute with 400 invalidFilter', () => {
    expectScimError(
      () => evaluateFilter(parseFilter('active gt false'), bjensen, schema),
      400,
      'invalidFilter',
    );
  });

  it('rejects a filter on an unknown attribute with 400 invalidFilter', () => {
    expectScimError(
      () => evaluateFilter(parseFilter('shoeSize gt 40'), bjensen, schema),
      400,
      'invalidFilter',
    );
  });
});
