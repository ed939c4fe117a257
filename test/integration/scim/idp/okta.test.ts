import type { TestApp } from '../../../fixtures/test-app';
import { startTestApp } from '../../../fixtures/test-app';
import type { ReplayTarget } from '../../../fixtures/idp/replay';
import { loadSequence, replay } from '../../../fixtures/idp/replay';
import {
  assigned,
  auditEventsOf,
  graphqlUser,
  graphqlUsersWhere,
  scimUserAsGraphql,
  seedUsers,
} from '../../../fixtures/idp/graphql-reads';

const okta = (file: string) => loadSequence('okta', file);

describe('Okta replays', () => {
  let sut: TestApp;
  let target: ReplayTarget;

  beforeAll(async () => {
    sut = await startTestApp();
    target = { http: sut.http, scimToken: sut.tenant.scimToken, basicUser: 'okta' };
  });
  afterAll(() => sut.close());

  it('Okta "Test API Credentials" with Basic Auth gets a full ListResponse even from an empty store', async () => {
    const { responses } = await replay(target, okta('test-api-credentials.json'));

    expect(responses.get('Test API Credentials')?.body).toMatchObject({ totalResults: 0, Resources: [] });
  });

  it("passes Okta's SCIM 2.0 SPEC Test (Runscope), and the user it creates reads the same over GraphQL", async () => {
    const { variables, responses } = await replay(target, okta('runscope-spec-test.json'));

    const created = responses.get('Required Test: Create Okta user with realistic values')?.body;
    const { hasPassword, ...user } = assigned(
      await graphqlUser(sut, variables.idUserOne as string),
    ) as Record<string, unknown>;
    expect(user).toEqual(scimUserAsGraphql(created as Record<string, unknown>));
    expect(hasPassword).toBe(false);
  });

  it('Okta provisioning stores the password without ever returning it, and profile updates read back over GraphQL', async () => {
    const { variables, responses } = await replay(target, okta('provision-and-update-user.json'));
    const id = variables.userId as string;

    const user = await graphqlUser(sut, id);
    expect(user).toMatchObject({
      userName: variables.userName,
      externalId: variables.externalId,
      displayName: 'Another Patched User',
      name: { givenName: 'Another', middleName: 'Patched', familyName: 'User' },
      hasPassword: true,
      active: true,
    });
    const { hasPassword: _, ...current } = assigned(user) as Record<string, unknown>;
    expect(current).toEqual(
      scimUserAsGraphql(responses.get('Sync the password (PUT, App Integration Wizard)')?.body as never),
    );

    const events = await auditEventsOf(sut, id);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['user.create']));
    expect(JSON.stringify(events)).not.toMatch(/1mz050nq|N3wPassw0rd|Th1rdPassw0rd/);
    expect(events.every((e) => e.channel === 'scim')).toBe(true);
  });

  it('Okta deactivate keeps the user findable by userName, and a repeated deactivation writes nothing', async () => {
    const { variables } = await replay(target, okta('deactivate-reactivate.json'));
    const id = variables.userId as string;

    const found = await graphqlUsersWhere(sut, 'userName', (variables.userName as string).toUpperCase());
    expect(found).toMatchObject({ totalCount: 1, nodes: [{ id, active: false }] });
    const events = await auditEventsOf(sut, id);
    // create, deactivate, reactivate, deactivate by PUT: the re-sent deactivation is not a write.
    expect(events).toHaveLength(4);
  });

  it('Okta import walks every user exactly once across pages of 100, in a stable order', async () => {
    const userCount = 250;
    await seedUsers(sut, sut.other.adminToken, userCount);
    const otherTarget = { http: sut.http, scimToken: sut.other.scimToken };

    const { responses } = await replay(otherTarget, okta('import-users.json'), {
      userCount,
      lastPageSize: userCount - 200,
      groupCount: 0,
    });

    const ids = (step: string) =>
      ((responses.get(step)?.body as { Resources: { id: string }[] }).Resources ?? []).map((r) => r.id);
    const walked = [
      ...ids('Import users, page 1'),
      ...ids('Import users, page 2'),
      ...ids('Import users, page 3'),
    ];
    expect(walked).toHaveLength(userCount);
    expect(new Set(walked).size).toBe(userCount);
    expect(ids('Import users again, page 2 (the order does not change)')).toEqual(
      ids('Import users, page 2'),
    );
  });

  it('Okta group push changes membership with PATCH and answers 204, and GraphQL sees the final members', async () => {
    const { variables } = await replay(target, okta('group-push.json'));

    const result = await sut.gql<{ group: { displayName: string; members: { nodes: { id: string }[] } } }>(
      `query($id: ID!) { group(id: $id) { displayName members { nodes { id } } } }`,
      { id: variables.secondGroupId },
    );
    expect(result.data?.group.members.nodes.map((m) => m.id)).toEqual([variables.userBId]);
    const deleted = await sut.gql(`query($id: ID!) { group(id: $id) { id } }`, { id: variables.groupId });
    expect(deleted.data).toEqual({ group: null });
  });
});
