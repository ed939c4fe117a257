import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

const USERS = `query($filter: Filter, $orderBy: OrderBy, $first: Int, $after: String, $offset: Int) {
  users(filter: $filter, orderBy: $orderBy, first: $first, after: $after, offset: $offset) {
    totalCount nodes { userName } pageInfo { hasNextPage hasPreviousPage endCursor }
  } }`;

type Connection = {
  totalCount: number;
  nodes: { userName: string }[];
  pageInfo: { hasNextPage: boolean; endCursor: string };
};

const c = (attribute: string, op: string, value?: unknown) => ({ condition: { attribute, op, value } });

describe('GraphQL users query: filters, ordering and paging', () => {
  let sut: TestApp;
  const names = async (variables: Record<string, unknown>) => {
    const result = await sut.gql<{ users: Connection }>(USERS, { first: 100, ...variables });
    expect(result.errors).toBeUndefined();
    return result.data!.users.nodes.map((n) => n.userName);
  };

  beforeAll(async () => {
    sut = await startTestApp();
    const people = [
      {
        userName: 'alice',
        title: 'Engineer',
        active: true,
        emails: [
          { value: 'Alice@Work.example', type: 'work', primary: true },
          { value: 'alice@home.example', type: 'home' },
        ],
        enterprise: { department: 'R&D' },
      },
      {
        userName: 'Bob',
        title: 'Manager',
        active: false,
        emails: [{ value: 'bob@home.example', type: 'home' }],
        enterprise: { department: 'Sales' },
      },
      {
        userName: 'carol',
        title: null,
        active: true,
        emails: [{ value: 'carol@work.example', type: 'work' }],
        externalId: 'EXT-3',
      },
      { userName: 'dave_100%', title: 'Engineer', active: true, emails: [] },
    ];
    for (const input of people) {
      const result = await sut.gql(`mutation($input: UserInput!) { createUser(input: $input) { id } }`, {
        input,
      });
      expect(result.errors).toBeUndefined();
    }
  });
  afterAll(() => sut.close());

  it.each([
    { name: 'eq on userName is case-insensitive', filter: c('userName', 'EQ', 'BOB'), expected: ['Bob'] },
    {
      name: 'ne keeps users without the attribute',
      filter: c('title', 'NE', 'Engineer'),
      expected: ['Bob', 'carol'],
    },
    { name: 'co', filter: c('userName', 'CO', 'AR'), expected: ['carol'] },
    { name: 'sw', filter: c('userName', 'SW', 'a'), expected: ['alice'] },
    { name: 'ew', filter: c('userName', 'EW', 'OB'), expected: ['Bob'] },
    { name: 'co treats % literally', filter: c('userName', 'CO', '100%'), expected: ['dave_100%'] },
    { name: 'co treats _ literally', filter: c('userName', 'CO', 'e_1'), expected: ['dave_100%'] },
    { name: 'pr', filter: c('title', 'PR'), expected: ['alice', 'Bob', 'dave_100%'] },
    { name: 'eq on a boolean', filter: c('active', 'EQ', false), expected: ['Bob'] },
    { name: 'externalId is case-exact', filter: c('externalId', 'EQ', 'ext-3'), expected: [] },
    { name: 'externalId eq', filter: c('externalId', 'EQ', 'EXT-3'), expected: ['carol'] },
    {
      name: 'emails.value eq is case-insensitive',
      filter: c('emails.value', 'EQ', 'alice@work.EXAMPLE'),
      expected: ['alice'],
    },
    { name: 'emails pr', filter: c('emails', 'PR'), expected: ['alice', 'Bob', 'carol'] },
    {
      name: 'enterprise URN path',
      filter: c('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department', 'EQ', 'sales'),
      expected: ['Bob'],
    },
    {
      name: 'gt on a dateTime',
      filter: c('meta.created', 'GT', '2000-01-01T00:00:00Z'),
      expected: ['alice', 'Bob', 'carol', 'dave_100%'],
    },
    { name: 'and', filter: { and: [c('title', 'EQ', 'Engineer'), c('emails', 'PR')] }, expected: ['alice'] },
    {
      name: 'or',
      filter: { or: [c('userName', 'EQ', 'bob'), c('userName', 'EQ', 'carol')] },
      expected: ['Bob', 'carol'],
    },
    { name: 'not', filter: { not: c('active', 'EQ', true) }, expected: ['Bob'] },
    {
      name: 'some: type and value on the same email',
      filter: {
        some: { attribute: 'emails', filter: { and: [c('type', 'EQ', 'work'), c('value', 'CO', '@work')] } },
      },
      expected: ['alice', 'carol'],
    },
    {
      name: 'some does not mix conditions across different emails',
      filter: {
        some: { attribute: 'emails', filter: { and: [c('type', 'EQ', 'home'), c('value', 'CO', 'work')] } },
      },
      expected: [],
    },
  ])('$name', async ({ filter, expected }) => {
    expect((await names({ filter })).sort()).toEqual([...expected].sort());
  });

  it('orders by userName case-insensitively, both directions', async () => {
    expect(await names({ orderBy: { attribute: 'userName' } })).toEqual([
      'alice',
      'Bob',
      'carol',
      'dave_100%',
    ]);
    expect(await names({ orderBy: { attribute: 'userName', direction: 'DESC' } })).toEqual([
      'dave_100%',
      'carol',
      'Bob',
      'alice',
    ]);
  });

  it('walks every user with cursors, with totalCount on each page', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const result = await sut.gql<{ users: Connection }>(USERS, {
        first: 3,
        after,
        orderBy: { attribute: 'userName' },
      });
      const page = result.data!.users;
      expect(page.totalCount).toBe(4);
      seen.push(...page.nodes.map((n) => n.userName));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(['alice', 'Bob', 'carol', 'dave_100%']);
  });

  it('pages by offset, as SCIM startIndex needs', async () => {
    expect(await names({ offset: 1, first: 2, orderBy: { attribute: 'userName' } })).toEqual([
      'Bob',
      'carol',
    ]);
  });

  it('answers first: 0 with the count alone', async () => {
    const result = await sut.gql<{ users: Connection }>(USERS, { first: 0 });
    expect(result.data!.users.nodes).toEqual([]);
    expect(result.data!.users.totalCount).toBe(4);
  });

  it('rejects a forged cursor with BAD_USER_INPUT', async () => {
    const result = await sut.gql(USERS, { after: 'not-a-cursor' });
    expect(result.errors![0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('never lets a filter value reach SQL text', async () => {
    const hostile = "x' OR '1'='1";
    expect(await names({ filter: c('userName', 'EQ', hostile) })).toEqual([]);
    expect(sut.queries.some((q) => q.includes(hostile))).toBe(false);
  });
});
