import fc from 'fast-check';
import type { FilterInput } from '../../../src/domain/filter/filter';
import { resolveFilter } from '../../../src/domain/filter/resolve-filter';
import type { MultiValue } from '../../../src/domain/users/user';
import { groupRow, insertUsers, organizationRecord, userRow } from '../../fixtures/persistence-records';
import type { TestStore } from '../../fixtures/test-store';
import { createTestStore } from '../../fixtures/test-store';
import { CATALOG, EXT, condition as c, userFilter } from '../../unit/persistence/filter-arbitraries';

const mv = (value: string, type: string | null = null, primary = false): MultiValue => ({
  value,
  type,
  primary,
  display: null,
});
const some = (attribute: string, ...filters: FilterInput[]): FilterInput => ({
  kind: 'some',
  attribute,
  filter: { kind: 'and', filters },
});
const not = (filter: FilterInput): FilterInput => ({ kind: 'not', filter });
const or = (...filters: FilterInput[]): FilterInput => ({ kind: 'or', filters });

const LONG = 'x'.repeat(260);

describe('user filters against the database', () => {
  let t: TestStore;
  const org = organizationRecord();
  const otherOrg = organizationRecord();
  const group = groupRow(org.id, 'Engineering');

  beforeAll(async () => {
    t = await createTestStore();
    await t.store.repositories.organizations.insert(org);
    await t.store.repositories.organizations.insert(otherOrg);
    const users = await insertUsers(t.store, [
      userRow(
        org.id,
        {
          userName: 'Alice',
          externalId: 'EXT-1',
          displayName: 'Alice Liddell',
          title: 'Engineer',
          name: {
            formatted: null,
            familyName: 'Liddell',
            givenName: 'Alice',
            middleName: null,
            honorificPrefix: null,
            honorificSuffix: null,
          },
          emails: [mv('Alice@Example.com', 'work', true), mv('alice@home.org', 'home')],
          entitlements: [mv('Admin')],
          addresses: [
            {
              formatted: null,
              streetAddress: null,
              locality: 'Oslo',
              region: null,
              postalCode: null,
              country: 'NO',
              type: 'work',
              primary: true,
            },
          ],
          enterprise: {
            employeeNumber: null,
            costCenter: null,
            organization: null,
            division: null,
            department: 'R&D',
            managerId: 'M-1',
          },
          extensions: {
            [EXT]: {
              badge: 'B-7',
              level: 5,
              tags: ['red', 'blue'],
              vip: true,
              hired: '2020-05-01T00:00:00Z',
            },
          },
        },
        { createdAt: new Date('2024-01-01T00:00:00.000Z') },
      ),
      userRow(
        org.id,
        {
          userName: 'bob',
          active: false,
          emails: [mv('bob@example.com', 'work')],
          extensions: { [EXT]: { level: 2, tags: ['green'], vip: false } },
        },
        { createdAt: new Date('2024-02-01T00:00:00.000Z') },
      ),
      userRow(
        org.id,
        { userName: 'Carol_100%', displayName: 'carol', title: '', entitlements: [mv('admin')] },
        { createdAt: new Date('2024-03-01T00:00:00.000Z') },
      ),
      userRow(
        org.id,
        { userName: 'Åsa', title: 'Ärztin', emails: [mv('asa@example.com')] },
        { createdAt: new Date('2024-04-01T00:00:00.000Z') },
      ),
      userRow(
        org.id,
        { userName: 'long-1', displayName: `${LONG}1` },
        { createdAt: new Date('2024-05-01T00:00:00.000Z') },
      ),
      userRow(
        org.id,
        { userName: 'long-2', displayName: `${LONG}2` },
        { createdAt: new Date('2024-05-01T00:00:00.000Z') },
      ),
      userRow(otherOrg.id, { userName: 'Alice', emails: [mv('Alice@Example.com')] }),
    ]);
    await t.store.transaction(async (tx) => {
      await tx.groups.insert(group);
      await tx.memberships.add(
        org.id,
        group.id,
        [
          { id: users[0].id, type: 'User' },
          { id: users[1].id, type: 'User' },
        ],
        new Date('2026-01-02T03:04:05Z'),
      );
    });
  });

  afterAll(() => t?.close());

  async function userNames(filter: FilterInput): Promise<string[]> {
    const resolved = resolveFilter(filter, CATALOG);
    const page = await t.store.repositories.users.findPage(org.id, resolved, { first: 100 });
    const count = await t.store.repositories.users.count(org.id, resolved);
    expect(count).toBe(page.items.length);
    return page.items.map((i) => i.node.userName).sort();
  }

  const everyone = ['Alice', 'Carol_100%', 'bob', 'long-1', 'long-2', 'Åsa'];
  const except = (...names: string[]) => everyone.filter((n) => !names.includes(n));

  const ROWS: [string, FilterInput, string[]][] = [
    ['userName eq ignores case', c('userName', 'eq', 'ALICE'), ['Alice']],
    ['userName eq folds non-ASCII case', c('userName', 'eq', 'åSA'), ['Åsa']],
    ['userName sw is case-insensitive', c('userName', 'sw', 'a'), ['Alice']],
    ['co treats % and _ in the value literally', c('userName', 'co', '0%'), ['Carol_100%']],
    ['sw treats _ literally', c('userName', 'sw', 'carol_'), ['Carol_100%']],
    ['externalId is case-exact', c('externalId', 'eq', 'ext-1'), []],
    ['externalId eq', c('externalId', 'eq', 'EXT-1'), ['Alice']],
    ['ne matches users without the attribute', c('externalId', 'ne', 'EXT-1'), except('Alice')],
    ['title eq ignores case', c('title', 'eq', 'engineer'), ['Alice']],
    ['LOWER folds non-ASCII case on both dialects', c('title', 'eq', 'ärztin'), ['Åsa']],
    ['pr excludes null and empty strings', c('title', 'pr'), ['Alice', 'Åsa']],
    ['not matches users without the attribute', not(c('title', 'eq', 'Engineer')), except('Alice')],
    ['title ne matches users without a title', c('title', 'ne', 'Engineer'), except('Alice')],
    ['title gt compares case-insensitively', c('title', 'gt', 'F'), ['Åsa']],
    ['booleans', c('active', 'eq', false), ['bob']],
    ['displayName ew', c('displayName', 'ew', 'LIDDELL'), ['Alice']],
    [
      'displayName eq on a value longer than the key column is exact',
      c('displayName', 'eq', `${LONG}2`),
      ['long-2'],
    ],
    ['displayName sw on a value longer than the key column', c('displayName', 'sw', `${LONG}1`), ['long-1']],
    ['name.familyName ew', c('name.familyName', 'ew', 'DELL'), ['Alice']],
    [
      'enterprise department by URN',
      c('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'eq', 'r&d'),
      ['Alice'],
    ],
    ['manager id is exact', c('enterprise.manager.value', 'eq', 'm-1'), []],
    [
      'meta.created gt compares instants',
      c('meta.created', 'gt', '2024-02-01T00:00:00.000Z'),
      ['Carol_100%', 'long-1', 'long-2', 'Åsa'],
    ],
    [
      'meta.created eq at millisecond precision',
      c('meta.created', 'eq', '2024-01-01T01:00:00.000+01:00'),
      ['Alice'],
    ],
    [
      'any email matches emails.value eq, ignoring case',
      c('emails.value', 'eq', 'ALICE@home.org'),
      ['Alice'],
    ],
    [
      'a bare multi-valued attribute means its value',
      c('emails', 'co', 'EXAMPLE.COM'),
      ['Alice', 'bob', 'Åsa'],
    ],
    [
      'some: both conditions hold on the same email',
      some('emails', c('type', 'eq', 'work'), c('value', 'co', 'home')),
      [],
    ],
    [
      'some: type and value of one email',
      some('emails', c('type', 'eq', 'HOME'), c('value', 'co', 'home')),
      ['Alice'],
    ],
    ['primary sub-attribute', some('emails', c('primary', 'eq', true)), ['Alice']],
    ['emails pr', c('emails', 'pr'), ['Alice', 'bob', 'Åsa']],
    ['not emails pr', not(c('emails', 'pr')), ['Carol_100%', 'long-1', 'long-2']],
    ['case-exact multi-valued values', c('entitlements.value', 'eq', 'admin'), ['Carol_100%']],
    ['case-exact multi-valued values, other case', c('entitlements', 'eq', 'Admin'), ['Alice']],
    ['addresses.locality', c('addresses.locality', 'eq', 'oslo'), ['Alice']],
    ['groups.value finds direct members', c('groups.value', 'eq', group.id), ['Alice', 'bob']],
    ['groups.display', c('groups.display', 'eq', 'engineering'), ['Alice', 'bob']],
    ['or', or(c('userName', 'eq', 'bob'), c('title', 'eq', 'ärztin')), ['bob', 'Åsa']],
    ['extension string, case-insensitive', c(`${EXT}:badge`, 'eq', 'b-7'), ['Alice']],
    ['extension integer', c(`${EXT}:level`, 'gt', 3), ['Alice']],
    ['extension integer le', c(`${EXT}:level`, 'le', 3), ['bob']],
    ['extension boolean', c(`${EXT}:vip`, 'eq', false), ['bob']],
    ['extension dateTime', c(`${EXT}:hired`, 'lt', '2021-01-01T00:00:00Z'), ['Alice']],
    ['multi-valued extension, any element', c(`${EXT}:tags`, 'eq', 'blue'), ['Alice']],
    ['multi-valued extension is case-exact when declared so', c(`${EXT}:tags`, 'eq', 'BLUE'), []],
    ['multi-valued extension ne: no element equals', c(`${EXT}:tags`, 'ne', 'red'), except('Alice')],
    ['multi-valued extension co', c(`${EXT}:tags`, 'co', 'ee'), ['bob']],
    ['extension pr', c(`${EXT}:tags`, 'pr'), ['Alice', 'bob']],
    ['extension absent', not(c(`${EXT}:badge`, 'pr')), except('Alice')],
  ];

  it.each(ROWS)('%s', async (_name, filter, expected) => {
    expect(await userNames(filter)).toEqual([...expected].sort());
  });

  it('runs any valid filter without a database error', async () => {
    await fc.assert(
      fc.asyncProperty(userFilter, async (filter) => {
        const resolved = resolveFilter(filter, CATALOG);
        await t.store.repositories.users.findPage(org.id, resolved, { first: 5 });
        await t.store.repositories.users.count(org.id, resolved);
      }),
      { numRuns: 60 },
    );
  });
});
