import type { Target } from '../../fixtures/okta-scim11/replay';
import { loadSequence, replay } from '../../fixtures/okta-scim11/replay';
import type { TestApp } from '../../fixtures/test-app';
import { startTestApp } from '../../fixtures/test-app';

interface AuditRead {
  action: string;
  channel: string;
  notes: string[];
  changes: Record<string, unknown>;
}

describe('Okta SCIM 1.1 template replays (/scim/v1)', () => {
  let sut: TestApp;
  let target: Target;

  beforeAll(async () => {
    sut = await startTestApp();
    target = { http: sut.http, scimToken: sut.tenant.scimToken };
  });
  afterAll(() => sut.close());

  const auditOf = async (targetId: string): Promise<AuditRead[]> => {
    const result = await sut.gql<{ auditEvents: { nodes: AuditRead[] } }>(
      `query($filter: AuditEventFilter) { auditEvents(filter: $filter, first: 100) { nodes { action channel notes changes } } }`,
      { filter: { targetId } },
    );
    expect(result.errors).toBeUndefined();
    return [...result.data!.auditEvents.nodes].reverse();
  };
  const userOf = async (id: string) => {
    const result = await sut.gql<{ user: Record<string, unknown> | null }>(
      `query($id: ID!) { user(id: $id) { userName active hasPassword displayName name { givenName familyName } } }`,
      { id },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.user;
  };

  it('Test API Credentials: both lists answer in the 1.1 list form; no credentials is a 1.1 401', async () => {
    await replay(target, loadSequence('test-api-credentials.json'));
  });

  it('Create Users (Header Auth): lookup, create with password, read, lookup again, duplicate is 409', async () => {
    const { variables } = await replay(target, loadSequence('create-user.json'));
    const id = variables.userId as string;
    expect(await userOf(id)).toMatchObject({ userName: variables.userName, active: true, hasPassword: true });
    const events = await auditOf(id);
    expect(events.map((e) => [e.action, e.channel])).toEqual([['user.create', 'scim:1.1']]);
    expect(events[0]!.notes).toContain('scim:1.1');
  });

  it('the Basic Auth template (token as the password) runs the same create sequence', async () => {
    const { variables } = await replay(target, { ...loadSequence('create-user.json'), auth: 'basic' });
    expect(await userOf(variables.userId as string)).toMatchObject({ active: true });
  });

  it('Update User Attributes: PUT of the read user changes the profile and keeps the password', async () => {
    const { variables } = await replay(target, loadSequence('update-user.json'));
    const id = variables.userId as string;
    expect(await userOf(id)).toMatchObject({
      displayName: 'Test1 User',
      name: { givenName: 'Test1', familyName: 'User' },
      hasPassword: true,
    });
    expect((await auditOf(id)).map((e) => e.action)).toEqual(['user.create', 'user.replace', 'user.replace']);
  });

  it('Deactivate / reactivate by PATCH and by PUT; a repeated deactivation writes nothing', async () => {
    const { variables } = await replay(target, loadSequence('deactivate-reactivate.json'));
    const id = variables.userId as string;
    expect(await userOf(id)).toMatchObject({ active: true, hasPassword: true });
    const events = await auditOf(id);
    // create, PATCH off, (repeat: no write), PATCH on, PUT off, PUT on
    expect(events.map((e) => e.action)).toEqual([
      'user.create',
      'user.replace',
      'user.replace',
      'user.replace',
      'user.replace',
    ]);
    expect(events.every((e) => e.notes.includes('scim:1.1'))).toBe(true);
  });

  it('Sync Password by PATCH and PUT stores a new hash each time and never returns it', async () => {
    const { variables } = await replay(target, loadSequence('password-sync.json'));
    const id = variables.userId as string;
    expect(await userOf(id)).toMatchObject({ hasPassword: true });
    const events = await auditOf(id);
    expect(events).toHaveLength(3);
    for (const event of events.slice(1)) expect(JSON.stringify(event.changes)).toContain('password');
    expect(JSON.stringify(events)).not.toMatch(/Nw8-pass|Aw8-pass|1mz050nq/);
  });

  it('Push Groups: members are added and removed one by one (never a rewrite), renamed, replaced by PUT, deleted', async () => {
    const { variables } = await replay(target, loadSequence('group-push.json'));
    const events = await auditOf(variables.groupId as string);
    expect(events.every((e) => e.channel === 'scim:1.1' && e.notes.includes('scim:1.1'))).toBe(true);
    // Each PATCH changed exactly what it named: one member in, a rename, one member in, one out.
    expect(events.map((e) => [e.action, e.changes])).toEqual([
      ['group.create', expect.objectContaining({ membersAdded: 0 })],
      ['group.modify', { fields: [], added: 1, removed: 0 }],
      ['group.modify', { fields: ['displayName'], added: 0, removed: 0 }],
      ['group.modify', { fields: [], added: 1, removed: 0 }],
      ['group.modify', { fields: [], added: 0, removed: 1 }],
      // The AIW PUT: the name back, and the member list set to A and B (A was already in).
      ['group.modify', { fields: ['displayName'], added: 1, removed: 0 }],
      ['group.delete', expect.anything()],
    ]);
    const described = await auditOf(variables.describedGroupId as string);
    expect(described[0]!.notes).toEqual(
      expect.arrayContaining(['scim:1.1', 'ignored-schema:urn:okta:custom:group:1.0']),
    );
  });

  it('Import: Users are read in pages of 100 by startIndex, Groups in one page', async () => {
    // Enough users for a second page.
    for (let batch = 0; batch < 5; batch++) {
      const mutations = Array.from(
        { length: 21 }, // GraphQL allows at most 30 aliases per operation
        (_, i) => `u${i}: createUser(input: { userName: "import.${batch}.${i}@okta.local" }) { id }`,
      );
      expect((await sut.gql(`mutation { ${mutations.join('\n')} }`)).errors).toBeUndefined();
    }
    const { responses } = await replay(target, loadSequence('import.json'));
    const first = responses.get('First page of Users')!.body as {
      totalResults: number;
      Resources: { id: string }[];
    };
    const second = responses.get('Second page of Users')!.body as { Resources: { id: string }[] };
    expect(first.Resources).toHaveLength(100);
    expect(second.Resources).toHaveLength(first.totalResults - 100);
    const ids = [...first.Resources, ...second.Resources].map((r) => r.id);
    expect(new Set(ids).size).toBe(first.totalResults);
  });
});
