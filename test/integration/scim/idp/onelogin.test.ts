import type { TestApp } from '../../../fixtures/test-app';
import { startTestApp } from '../../../fixtures/test-app';
import type { ReplayTarget } from '../../../fixtures/idp/replay';
import { loadSequence, replay } from '../../../fixtures/idp/replay';
import { assigned, auditEventsOf, graphqlUser, scimUserAsGraphql } from '../../../fixtures/idp/graphql-reads';

const oneLogin = (file: string) => loadSequence('onelogin', file);

describe('OneLogin replays', () => {
  let sut: TestApp;
  let target: ReplayTarget;

  beforeAll(async () => {
    sut = await startTestApp();
    target = { http: sut.http, scimToken: sut.tenant.scimToken };
  });
  afterAll(() => sut.close());

  it('OneLogin creates a user from its v2 Core template, updates it with PUT and deletes it', async () => {
    const { variables, responses } = await replay(target, oneLogin('user-lifecycle.json'));
    const id = variables.userId as string;

    expect(await graphqlUser(sut, id)).toBeNull();
    const events = await auditEventsOf(sut, id);
    expect(events.map((e) => e.action)).toEqual(['user.create', 'user.replace', 'user.delete']);
    expect(responses.get('Create user from the SCIM v2 Core template')?.headers.location).toMatch(
      new RegExp(`/scim/v2/Users/${id}$`),
    );
  });

  it('OneLogin group membership PATCHes add and remove members idempotently, answer 204, and a deleted user leaves its groups', async () => {
    const { variables } = await replay(target, oneLogin('group-membership.json'));

    const result = await sut.gql<{ group: { memberCount: number } }>(
      `query($id: ID!) { group(id: $id) { memberCount } }`,
      { id: variables.groupId },
    );
    expect(result.data?.group.memberCount).toBe(1);
    const actions = (await auditEventsOf(sut, variables.groupId as string)).map((e) => e.action);
    // create, add 1, add 2, remove 1, PUT: the repeated add of user 2 is not a change.
    expect(actions).toEqual(['group.create', ...Array<string>(4).fill('group.modify')]);
    const { hasPassword: _, ...user } = assigned(
      await graphqlUser(sut, variables.user2Id as string),
    ) as Record<string, unknown>;
    const scim = await sut.http
      .get(`/scim/v2/Users/${variables.user2Id as string}`)
      .set('Authorization', `Bearer ${sut.tenant.scimToken}`);
    expect(user).toEqual(scimUserAsGraphql(scim.body as Record<string, unknown>));
  });
});
