import type { ScimClient } from '../../fixtures/scim-client';
import { scim, USER_SCHEMA } from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

/**
 * The statements a SCIM write of a user costs (bench S4 and S5; issue 14). A user created in this
 * request is in no group, so its groups are not read; a PATCH reads the user with its groups in one
 * statement and answers them after the replace, since writing a user does not change its groups.
 * The answers are those of a read made afterwards.
 */
describe('statements of SCIM writes of users', () => {
  let sut: TestApp;
  let client: ScimClient;
  let seq = 0;

  beforeAll(async () => {
    sut = await startTestApp();
    client = scim(sut, sut.tenant.scimToken);
    await client.get('/Users?count=1'); // the token lookup and the request log's first writes
  });
  afterAll(() => sut.close());

  /**
   * The statements of the request's own work, each named by its table, without the transaction's
   * begin and commit (a webhook worker or the request log may begin and commit their own meanwhile):
   * not authentication's token lookup (by hash), the request log, health counters, nor the webhook
   * worker's reads of the event outbox.
   */
  const work = () =>
    sut.queries.filter(
      (q) =>
        /^\s*(INSERT INTO|UPDATE) [`"](users|user_values|event_sequences|audit_events)[`"]/.test(q) ||
        (/^\s*(SELECT|WITH)\b/i.test(q) && /[`"](users|group_members)[`"]/.test(q)) ||
        /[`"]api_tokens[`"][\s\S]*\buser_id = \?/.test(q),
    );
  const groupReads = () => work().filter((q) => /group_members/.test(q));
  const afterRequest = () => new Promise((resolve) => setTimeout(resolve, 20));

  /** Okta's create, as recorded: no password, `groups: []`. */
  const oktaCreate = () => {
    const userName = `writes-${++seq}@example.com`;
    return client.post('/Users', {
      schemas: [USER_SCHEMA],
      userName,
      name: { givenName: 'New', familyName: `User${seq}` },
      emails: [{ primary: true, value: userName, type: 'work' }],
      displayName: `New User${seq}`,
      locale: 'en-US',
      externalId: `00unew${seq}`,
      groups: [],
      active: true,
    });
  };
  const inGroups = async (userId: string) => {
    const inner = await client.createGroup({ displayName: `Inner ${seq}`, members: [{ value: userId }] });
    await client.createGroup({ displayName: `Outer ${seq}`, members: [{ value: inner.id }] });
  };
  const toggle = (id: string, active: boolean) =>
    client.patchOps(`/Users/${id}`, [{ op: 'replace', value: { active } }]);

  it('POST /Users (Okta) writes the user, its email, the event and nothing else: 6 statements', async () => {
    await afterRequest();
    sut.queries.length = 0;
    const res = await oktaCreate();
    expect(res.status).toBe(201);
    const statements = work();
    expect(groupReads()).toEqual([]);
    expect(statements.filter((q) => /^\s*(SELECT|WITH)\b/i.test(q))).toEqual([]);
    // The user, its email, the event's sequence number, the event; with begin and commit, 6 (the
    // baseline's 6).
    expect(statements).toHaveLength(4);
    expect(res.body).toEqual((await client.get(`/Users/${res.body.id}`)).body);
  });

  it('PATCH active false, then true, of a user in groups reads it and its groups in one statement', async () => {
    const { body: created } = await oktaCreate();
    await inGroups(created.id);
    for (const active of [false, true]) {
      await afterRequest();
      sut.queries.length = 0;
      const res = await toggle(created.id, active);
      expect(res.status).toBe(200);
      const statements = work();
      const reads = statements.filter((q) => /^\s*(SELECT|WITH)\b/i.test(q));
      // The user with its groups, and on deactivation the personal tokens to revoke.
      expect(reads).toHaveLength(active ? 1 : 2);
      expect(reads[0]).toMatch(/^\s*WITH RECURSIVE/i);
      expect(groupReads()).toEqual([reads[0]]);
      // The read, the update, (the tokens,) the event's sequence number, the event; with begin and
      // commit 6 to reactivate, 7 to deactivate.
      expect(statements).toHaveLength(active ? 4 : 5);
      expect(res.body.active).toBe(active);
      expect(res.body.groups.map((g: { display: string; type: string }) => `${g.display} ${g.type}`)).toEqual(
        [`Inner ${seq} direct`, `Outer ${seq} indirect`].sort(),
      );
      expect(res.body).toEqual((await client.get(`/Users/${created.id}`)).body);
    }
  });

  it('a PATCH that changes nothing answers from its one read, with the groups', async () => {
    const { body: created } = await oktaCreate();
    await inGroups(created.id);
    await afterRequest();
    sut.queries.length = 0;
    const res = await toggle(created.id, true);
    expect(res.status).toBe(200);
    expect(work()).toHaveLength(1);
    expect(res.body.groups).toHaveLength(2);
    expect(res.body).toEqual((await client.get(`/Users/${created.id}`)).body);
  });

  it('a PATCH whose answer leaves out the groups reads none', async () => {
    const { body: created } = await oktaCreate();
    await inGroups(created.id);
    await afterRequest();
    sut.queries.length = 0;
    const res = await client.patchOps(
      `/Users/${created.id}`,
      [{ op: 'replace', path: 'title', value: 'T' }],
      {
        query: { excludedAttributes: 'groups' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.groups).toBeUndefined();
    expect(res.body.title).toBe('T');
    expect(groupReads()).toEqual([]);
  });

  it('GraphQL createUser shows the new user in no group without reading its groups', async () => {
    await afterRequest();
    sut.queries.length = 0;
    const { data, errors } = await sut.gql<{ createUser: { id: string; groups: unknown[] } }>(
      'mutation($n: String!) { createUser(input: { userName: $n }) { id groups { direct group { id } } } }',
      { n: `graphql-${++seq}@example.com` },
    );
    expect(errors).toBeUndefined();
    expect(data!.createUser.groups).toEqual([]);
    expect(groupReads()).toEqual([]);
  });
});
