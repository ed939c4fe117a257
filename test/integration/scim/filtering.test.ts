import type { Json, ScimClient } from '../../fixtures/scim-client';
import {
  ENTERPRISE,
  expectScimError,
  SEARCH_REQUEST,
  scim,
  USER_SCHEMA,
  userNames,
} from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

const CORE = USER_SCHEMA;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The users of this file (nothing else is created in its organization). */
const PEOPLE: Record<string, Record<string, unknown>> = {
  alice: {
    userName: 'Alice@Example.com',
    externalId: 'EXT-A',
    displayName: 'Alice Anders',
    title: 'Engineer',
    name: { givenName: 'Alice', familyName: 'Anders' },
    emails: [
      { value: 'alice@x.example', type: 'work', primary: true },
      { value: 'alice@home.example', type: 'home' },
    ],
    [ENTERPRISE]: { department: 'R&D', employeeNumber: '100' },
  },
  bob: {
    userName: 'bob@example.com',
    externalId: 'ext-b',
    displayName: 'Bob Berg',
    title: 'Manager',
    active: false,
    name: { givenName: 'Bob', familyName: 'Berg' },
    emails: [{ value: 'bob@y.example', type: 'work' }],
    [ENTERPRISE]: { department: 'Sales', employeeNumber: '200' },
  },
  carol: {
    userName: 'carol@corp.example',
    displayName: 'Carol Chu',
    nickName: 'cc',
    emails: [{ value: 'carol@x.example', type: 'home' }],
    [ENTERPRISE]: { department: 'R&D' },
  },
  dave: {
    userName: 'dave@example.org',
    externalId: 'EXT-D',
    title: 'engineer',
    emails: [{ value: 'Dave@X.example', type: 'work' }],
  },
};

describe('SCIM filtering', () => {
  let sut: TestApp;
  let client: ScimClient;
  const created: Record<string, Json> = {};
  const nameOf = new Map<string, string>();

  beforeAll(async () => {
    sut = await startTestApp();
    client = scim(sut, sut.tenant.scimToken);
    for (const [key, attributes] of Object.entries(PEOPLE)) {
      created[key] = await client.createUser(attributes);
      nameOf.set(created[key].id, key);
      await pause(15);
    }
  });
  afterAll(() => sut.close());

  /** The people a filter selects, by key, sorted; asserts totalResults agrees. */
  async function select(filter: string): Promise<string[]> {
    const res = await client.get('/Users', { query: { filter, count: 100 } });
    if (res.status !== 200) throw new Error(`${filter} → ${res.status} ${res.text}`);
    expect(res.body.totalResults).toBe(res.body.Resources.length);
    return (res.body.Resources as Json[]).map((r) => nameOf.get(r.id) ?? r.userName).sort();
  }

  describe('comparison operators', () => {
    it.each([
      ['userName eq "alice@example.com"', ['alice']],
      ['userName eq "ALICE@EXAMPLE.COM"', ['alice']],
      ['userName ne "BOB@example.com"', ['alice', 'carol', 'dave']],
      ['userName co "EXAMPLE.C"', ['alice', 'bob']],
      ['userName sw "CAR"', ['carol']],
      ['userName ew ".ORG"', ['dave']],
      ['userName gt "Bob@example.com"', ['carol', 'dave']],
      ['userName ge "bob@example.com"', ['bob', 'carol', 'dave']],
      ['userName lt "BOB@EXAMPLE.COM"', ['alice']],
      ['userName le "bob@example.com"', ['alice', 'bob']],
      ['title pr', ['alice', 'bob', 'dave']],
      ['nickName pr', ['carol']],
      ['externalId pr', ['alice', 'bob', 'dave']],
      ['title eq "engineer"', ['alice', 'dave']],
      ['title ne "Manager"', ['alice', 'carol', 'dave']],
      ['title eq null', ['carol']],
      ['title ne null', ['alice', 'bob', 'dave']],
      ['active eq false', ['bob']],
      ['active eq true', ['alice', 'carol', 'dave']],
      ['active ne true', ['bob']],
      ['name.familyName sw "b"', ['bob']],
      ['name.givenName eq "alice"', ['alice']],
      ['displayName ew "chu"', ['carol']],
      ['emails pr', ['alice', 'bob', 'carol', 'dave']],
      ['emails.value co "@x.example"', ['alice', 'carol', 'dave']],
      ['emails.value eq "dave@x.example"', ['dave']],
      ['emails co "HOME.example"', ['alice']],
      ['emails.type eq "home"', ['alice', 'carol']],
      ['emails.primary eq true', ['alice']],
    ])('%s', async (filter, expected) => {
      expect(await select(filter)).toEqual(expected);
    });
  });

  describe('case sensitivity follows caseExact', () => {
    it('userName is case-insensitive, externalId and id are exact', async () => {
      expect(await select('externalId eq "EXT-A"')).toEqual(['alice']);
      expect(await select('externalId eq "ext-a"')).toEqual([]);
      expect(await select('externalId sw "EXT"')).toEqual(['alice', 'dave']);
      expect(await select('externalId sw "ext"')).toEqual(['bob']);
      expect(await select(`id eq "${created.bob.id}"`)).toEqual(['bob']);
      expect(await select(`id eq "${created.bob.id.toUpperCase()}"`)).toEqual([]);
      expect(await select(`id ne "${created.bob.id}"`)).toEqual(['alice', 'carol', 'dave']);
    });

    it('attribute names and operators are case-insensitive', async () => {
      expect(await select('USERNAME EQ "bob@example.com" AND Active Eq False')).toEqual(['bob']);
      expect(await select('Emails[TYPE eq "home"]')).toEqual(['alice', 'carol']);
      expect(await select('name.FAMILYNAME pr')).toEqual(['alice', 'bob']);
    });
  });

  describe('logical operators', () => {
    it.each([
      ['title eq "Manager" or title eq "Engineer" and active eq false', ['bob']],
      ['(title eq "Manager" or title eq "Engineer") and active eq true', ['alice', 'dave']],
      ['(title eq "Manager" or title eq "Engineer") and active eq false', ['bob']],
      ['not (active eq true) or userName sw "d"', ['bob', 'dave']],
      ['not (title pr)', ['carol']],
      ['not (not (title pr))', ['alice', 'bob', 'dave']],
      ['userName sw "a" or userName sw "b" or userName sw "c"', ['alice', 'bob', 'carol']],
      ['emails pr and title pr and active eq true and externalId sw "EXT"', ['alice', 'dave']],
      ['((userName sw "a") or ((userName sw "d")))', ['alice', 'dave']],
      ['not (userName sw "a" or userName sw "b") and not (userName sw "c")', ['dave']],
    ])('%s', async (filter, expected) => {
      expect(await select(filter)).toEqual(expected);
    });
  });

  describe('value paths', () => {
    it.each([
      ['emails[type eq "work" and value co "@x"]', ['alice', 'dave']],
      ['emails[type eq "home"]', ['alice', 'carol']],
      ['emails[type eq "home" and value co "@x"]', ['carol']],
      ['emails.type eq "home" and emails.value co "@x"', ['alice', 'carol']],
      ['emails[type eq "work"] and not (emails[type eq "home"])', ['bob', 'dave']],
      ['emails[type eq "work" or primary eq true] and active eq true', ['alice', 'dave']],
      ['emails[not (type eq "work")]', ['alice', 'carol']],
      ['emails[value ew "y.example"] or emails[value sw "carol"]', ['bob', 'carol']],
    ])('%s', async (filter, expected) => {
      expect(await select(filter)).toEqual(expected);
    });
  });

  describe('URN-qualified paths and the enterprise extension', () => {
    it.each([
      [`${CORE}:userName eq "bob@example.com"`, ['bob']],
      [`${CORE}:name.familyName eq "anders"`, ['alice']],
      [`${CORE}:emails[type eq "work"]`, ['alice', 'bob', 'dave']],
      [`${ENTERPRISE}:department eq "r&d"`, ['alice', 'carol']],
      [`${ENTERPRISE}:department pr`, ['alice', 'bob', 'carol']],
      [`${ENTERPRISE}:employeeNumber ge "150"`, ['bob']],
      [`not (${ENTERPRISE}:department pr)`, ['dave']],
      ['department eq "Sales"', ['bob']],
    ])('%s', async (filter, expected) => {
      expect(await select(filter)).toEqual(expected);
    });
  });

  describe('dates', () => {
    it('compares meta.created and meta.lastModified as instants', async () => {
      const bobCreated = created.bob.meta.created as string;
      expect(await select(`meta.created gt "${bobCreated}"`)).toEqual(['carol', 'dave']);
      expect(await select(`meta.created ge "${bobCreated}"`)).toEqual(['bob', 'carol', 'dave']);
      expect(await select(`meta.created lt "${bobCreated}"`)).toEqual(['alice']);
      expect(await select(`meta.created eq "${bobCreated}"`)).toEqual(['bob']);
      expect(await select(`meta.lastModified gt "2000-01-01T00:00:00Z"`)).toEqual([
        'alice',
        'bob',
        'carol',
        'dave',
      ]);
      expect(await select(`meta.lastModified lt "2000-01-01T00:00:00Z"`)).toEqual([]);
      const offset = new Date(Date.parse(bobCreated)).toISOString().replace('Z', '+00:00');
      expect(await select(`meta.created eq "${offset}"`)).toEqual(['bob']);
    });

    it('finds what changed since a point in time (the IdP delta sync)', async () => {
      await pause(15);
      const since = new Date().toISOString();
      await pause(15);
      const patched = await client.patchOps(`/Users/${created.carol.id}`, [
        { op: 'replace', path: 'nickName', value: 'cee' },
      ]);
      expect(patched.status).toBe(200);
      expect(await select(`meta.lastModified gt "${since}"`)).toEqual(['carol']);
      expect(await select(`meta.lastModified gt "${since}" and meta.created lt "${since}"`)).toEqual([
        'carol',
      ]);
    });

    it('answers 400 invalidFilter for a date that is not one', async () => {
      const res = await client.get('/Users', { query: { filter: 'meta.created gt "yesterday"' } });
      expectScimError(res, 400, 'invalidFilter');
    });
  });

  describe('groups', () => {
    it('filters groups by displayName (case-insensitive), externalId and members', async () => {
      const team = await client.createGroup({
        displayName: 'Team Rocket',
        externalId: 'G-1',
        members: [{ value: created.alice.id }, { value: created.bob.id }],
      });
      const other = await client.createGroup({
        displayName: 'Others',
        members: [{ value: created.carol.id }],
      });
      const groupsFor = async (filter: string) => {
        const res = await client.get('/Groups', { query: { filter, excludedAttributes: 'members' } });
        expect(res.status).toBe(200);
        return (res.body.Resources as Json[]).map((g) => g.displayName).sort();
      };
      expect(await groupsFor('displayName eq "team rocket"')).toEqual(['Team Rocket']);
      expect(await groupsFor('displayName sw "O"')).toEqual(['Others']);
      expect(await groupsFor('externalId eq "G-1"')).toEqual(['Team Rocket']);
      expect(await groupsFor('externalId eq "g-1"')).toEqual([]);
      expect(await groupsFor(`members.value eq "${created.bob.id}"`)).toEqual(['Team Rocket']);
      expect(await groupsFor(`members[value eq "${created.carol.id}"]`)).toEqual(['Others']);
      expect(await groupsFor(`members.value eq "${created.dave.id}"`)).toEqual([]);
      expect(await groupsFor(`id eq "${other.id}" or id eq "${team.id}"`)).toEqual(['Others', 'Team Rocket']);
      expect(await groupsFor('members pr')).toEqual(['Others', 'Team Rocket']);
    });
  });

  describe('filters follow what /Schemas advertises', () => {
    it.each(['emails', 'phoneNumbers', 'ims', 'photos', 'entitlements', 'roles', 'x509Certificates'])(
      '%s.value compares as its advertised caseExact says',
      async (attribute) => {
        const schema = (await client.get(`/Schemas/${USER_SCHEMA}`)).body;
        const definition = schema.attributes.find((a: Json) => a.name === attribute);
        const caseExact = definition.subAttributes.find((s: Json) => s.name === 'value').caseExact as boolean;
        const user = await client.createUser({
          userName: `case-${attribute}@example.com`,
          [attribute]: [{ value: `MiXeD-${attribute}` }],
        });
        const res = await client.get('/Users', {
          query: { filter: `${attribute}.value eq "mixed-${attribute.toLowerCase()}"` },
        });
        expect(res.status).toBe(200);
        expect(res.body.Resources.map((r: Json) => r.id)).toEqual(caseExact ? [] : [user.id]);
        const exact = await client.get('/Users', {
          query: { filter: `${attribute}[value eq "MiXeD-${attribute}"]` },
        });
        expect(exact.body.Resources.map((r: Json) => r.id)).toEqual([user.id]);
        await client.delete(`/Users/${user.id}`);
      },
    );

    it('groups.value matches the direct and indirect groups a user shows', async () => {
      const team = await client.createGroup({
        displayName: 'Filter Team',
        members: [{ value: created.dave.id }],
      });
      const department = await client.createGroup({
        displayName: 'Filter Department',
        members: [{ value: team.id }],
      });
      const shown = (await client.get(`/Users/${created.dave.id}`)).body.groups
        .map((g: Json) => g.value)
        .sort();
      expect(shown).toEqual([team.id, department.id].sort());
      expect(await select(`groups.value eq "${team.id}"`)).toEqual(['dave']);
      expect(await select(`groups.value eq "${department.id}"`)).toEqual(['dave']);
      expect(await select(`groups[value eq "${department.id}"]`)).toEqual(['dave']);
      expect(await select(`groups.display eq "filter department"`)).toEqual(['dave']);
      await client.delete(`/Groups/${department.id}`);
      await client.delete(`/Groups/${team.id}`);
    });
  });

  describe('POST /.search', () => {
    it('selects the same users as the GET filter', async () => {
      const res = await client.post('/Users/.search', {
        schemas: [SEARCH_REQUEST],
        filter: 'emails[type eq "work" and value co "@x"]',
        attributes: ['userName'],
      });
      expect(res.status).toBe(200);
      expect(userNames(res.body).sort()).toEqual(['Alice@Example.com', 'dave@example.org']);
    });
  });

  describe('limits and errors', () => {
    it('serves or cleanly rejects a 10,000-character filter, never a 500', async () => {
      const clauses: string[] = [];
      let filter = 'userName eq "bob@example.com"';
      for (let i = 0; filter.length < 9_950; i++) {
        clauses.push(`userName eq "nobody-${i}@example.com"`);
        filter = ['userName eq "bob@example.com"', ...clauses].join(' or ');
      }
      const res = await client.get('/Users', { query: { filter } });
      if (res.status === 200) expect(res.body.Resources.map((r: Json) => r.id)).toEqual([created.bob.id]);
      else expectScimError(res, 400, 'invalidFilter');

      const search = await client.post('/Users/.search', { schemas: [SEARCH_REQUEST], filter });
      expect(search.status).toBe(res.status);

      const longValue = `userName eq "${'a'.repeat(9_980)}"`;
      const value = await client.get('/Users', { query: { filter: longValue } });
      if (value.status === 200) expect(value.body.totalResults).toBe(0);
      else expectScimError(value, 400, 'invalidFilter');

      const tooLong = `${filter} or userName eq "${'z'.repeat(200)}"`;
      expectScimError(
        await client.post('/Users/.search', { schemas: [SEARCH_REQUEST], filter: tooLong }),
        400,
        'invalidFilter',
      );
    });

    it('rejects deeply nested filters cleanly', async () => {
      const deep = `${'('.repeat(200)}userName eq "a"${')'.repeat(200)}`;
      expectScimError(await client.get('/Users', { query: { filter: deep } }), 400, 'invalidFilter');
      const notChain = `${'not ('.repeat(100)}userName eq "a"${')'.repeat(100)}`;
      expectScimError(await client.get('/Users', { query: { filter: notChain } }), 400, 'invalidFilter');
    });

    it.each([
      'userName eq',
      'userName xx "a"',
      '(userName eq "a"',
      'userName eq "a")',
      'userName eq "a" and',
      'or userName eq "a"',
      'emails[type eq "work"',
      'emails[type eq "work"]]',
      "userName eq 'single quoted'",
      'userName eq "unterminated',
      'userName eq bareword',
      'userName pr "x"',
      'active gt true',
      'userName gt true',
      'emails[type eq "work"].value',
      'emails[value[type eq "x"]]',
      'name[givenName eq "a"]',
      'userName eq "\\q"',
      '!',
    ])('answers 400 invalidFilter for %s', async (filter) => {
      expectScimError(await client.get('/Users', { query: { filter } }), 400, 'invalidFilter');
    });

    it.each([
      ['favouriteColour eq "teal"', 'favouriteColour'],
      ['name.nickname eq "x"', 'name.nickname'],
      ['emails[colour eq "x"]', 'colour'],
      [`${ENTERPRISE}:shoeSize gt 40`, 'shoeSize'],
      ['urn:example:unknown:2.0:User:userName eq "x"', 'urn:example:unknown:2.0:User:userName'],
      ['title eq "a" or unknownThing pr', 'unknownThing'],
    ])('answers 400 invalidFilter naming the unknown attribute in %s', async (filter, name) => {
      const body = expectScimError(await client.get('/Users', { query: { filter } }), 400, 'invalidFilter');
      expect(body.detail).toContain(name);
    });

    it('answers 400 invalidFilter for an unknown group attribute', async () => {
      const body = expectScimError(
        await client.get('/Groups', { query: { filter: 'userName eq "x"' } }),
        400,
        'invalidFilter',
      );
      expect(body.detail).toContain('userName');
    });
  });
});
