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
} from '../../../fixtures/idp/graphql-reads';

const entra = (file: string) => loadSequence('entra', file);
const notesOf = (events: { notes: string[] }[]) => [...new Set(events.flatMap((e) => e.notes))];

describe('Microsoft Entra ID replays', () => {
  let sut: TestApp;
  let target: ReplayTarget;

  beforeAll(async () => {
    sut = await startTestApp();
    target = { http: sut.http, scimToken: sut.tenant.scimToken };
  });
  afterAll(() => sut.close());

  it('Entra Test Connection with a random GUID gets an empty ListResponse with 200', async () => {
    await replay(target, entra('test-connection.json'));
  });

  it('Entra default PATCH shapes ("Replace", "False") update, disable, restore and delete a user matched by externalId', async () => {
    const { variables } = await replay(target, entra('user-lifecycle.json'));

    expect(await graphqlUser(sut, variables.userId as string)).toBeNull();
    expect(await graphqlUsersWhere(sut, 'externalId', variables.newExternalId as string)).toEqual({
      totalCount: 0,
      nodes: [],
    });
    const events = await auditEventsOf(sut, variables.userId as string);
    expect(events.map((e) => e.action)).toEqual([
      'user.create',
      ...Array<string>(6).fill('user.replace'),
      'user.delete',
    ]);
    expect(notesOf(events)).toEqual(expect.arrayContaining(['entra:string-boolean']));
  });

  it('Entra aadOptscim062020 pathless replace with dotted keys updates core and enterprise attributes', async () => {
    const { variables, responses } = await replay(target, entra('user-scim-compliant.json'));
    const id = variables.userId as string;

    expect(await graphqlUser(sut, id)).toMatchObject({
      displayName: 'Bjfe',
      nickName: 'Babs',
      active: false,
      name: { givenName: 'Kkom', familyName: 'Unua' },
      enterprise: { employeeNumber: 'Aklq', department: 'Research' },
    });
    // The last PATCH changed nothing: it wrote nothing and still answered the user.
    const events = await auditEventsOf(sut, id);
    expect(events).toHaveLength(4);
    const { hasPassword: _, ...user } = assigned(await graphqlUser(sut, id)) as Record<string, unknown>;
    expect(user).toEqual(
      scimUserAsGraphql(responses.get('Disable User, as the tutorial shows it')?.body as never),
    );
  });

  it('Entra adds a work email to a user without one and sets, replaces and removes a plain-id manager', async () => {
    const { variables } = await replay(target, entra('work-email-and-manager.json'));
    const id = variables.userId as string;

    const { nodes } = await graphqlUsersWhere(sut, 'emails.value', variables.workEmail as string);
    expect(nodes).toMatchObject([
      {
        id,
        emails: [{ value: variables.workEmail, type: 'work' }],
        enterprise: { manager: { value: variables.managerId } },
      },
    ]);
    const notes = notesOf(await auditEventsOf(sut, id));
    expect(notes).toEqual(
      expect.arrayContaining([
        'entra:add-on-unmatched-filter',
        'entra:string-as-complex-value',
        'entra:array-for-single-valued',
      ]),
    );
  });

  it('Entra group provisioning tolerates the Microsoft schema URI and both member-removal shapes, answering 204', async () => {
    const { variables } = await replay(target, entra('groups.json'));

    const events = await auditEventsOf(sut, variables.groupId as string);
    expect(notesOf(events)).toEqual(
      expect.arrayContaining([
        'ignored-schema:http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
        'entra:remove-members-by-value',
      ]),
    );
    const deleted = await sut.gql(`query($id: ID!) { group(id: $id) { id } }`, { id: variables.groupId });
    expect(deleted.data).toEqual({ group: null });
  });

  it("Entra's worked example provisions a user despite null attributes and a misspelt extension URI", async () => {
    const { variables } = await replay(target, entra('tutorial-provision-example.json'));

    const events = await auditEventsOf(sut, variables.userId as string);
    expect(events.map((e) => e.action)).toEqual(['user.create', 'user.delete']);
    expect(notesOf(events)).toEqual(
      expect.arrayContaining(['ignored-schema:urn:ietf:params:scim:schemas:extension:enterprise:2.0User']),
    );
  });
});
