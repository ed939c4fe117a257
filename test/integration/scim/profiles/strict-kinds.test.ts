import type { TestApp } from '../../../fixtures/test-app';
import { startTestApp } from '../../../fixtures/test-app';
import { createTestConnection } from '../../../fixtures/connections';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
/** Entra's default (non-aadOptscim062020) deactivation: a boolean sent as a string. */
const STRING_BOOLEAN = {
  schemas: [PATCH_OP],
  Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
};

/** A quirk outside the profile of the connection's kind gets RFC 7644's answer and changes nothing. */
describe('compatibility profiles refuse quirks their kind does not send', () => {
  let sut: TestApp;
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    sut = await startTestApp();
    for (const kind of ['OKTA_SCIM2', 'ENTRA_SCIM2', 'GENERIC_SCIM2']) {
      secrets[kind] = (await createTestConnection(sut, kind, { name: `app ${kind}` })).secret;
    }
  });
  afterAll(() => sut.close());

  const createUser = async (userName: string) => {
    const res = await sut.http
      .post('/scim/v2/Users')
      .set('Authorization', `Bearer ${sut.tenant.scimToken}`)
      .send({ schemas: [USER], userName });
    expect(res.status).toBe(201);
    return res.body as { id: string; meta: { version: string } };
  };
  const patch = (token: string, id: string, body: object) =>
    sut.http.patch(`/scim/v2/Users/${id}`).set('Authorization', `Bearer ${token}`).send(body);

  it('an Okta connection gets 400 invalidValue for a string boolean, naming the quirk and the kind, and nothing is written', async () => {
    const user = await createUser('strict-okta@example.com');

    const res = await patch(secrets.OKTA_SCIM2, user.id, STRING_BOOLEAN);

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ status: '400', scimType: 'invalidValue' });
    expect(res.body.detail).toContain('entra:string-boolean');
    expect(res.body.detail).toContain('OKTA_SCIM2');
    const after = await sut.http
      .get(`/scim/v2/Users/${user.id}`)
      .set('Authorization', `Bearer ${sut.tenant.scimToken}`);
    expect(after.body).toMatchObject({ active: true, meta: { version: user.meta.version } });
  });

  it('the same request passes through an Entra connection and a generic one, recorded as the quirk it is', async () => {
    for (const kind of ['ENTRA_SCIM2', 'GENERIC_SCIM2']) {
      const user = await createUser(`lenient-${kind}@example.com`);
      const res = await patch(secrets[kind], user.id, STRING_BOOLEAN);
      expect(res.status).toBe(200);
      expect(res.body.active).toBe(false);
    }
    const { data } = await sut.gql<{ connections: { name: string; quirksSeen: { name: string }[] }[] }>(
      `{ connections { name quirksSeen { name } } }`,
    );
    const seen = (kind: string) =>
      data!.connections.find((c) => c.name === `app ${kind}`)!.quirksSeen.map((q) => q.name);
    expect(seen('ENTRA_SCIM2')).toContain('entra:string-boolean');
    expect(seen('GENERIC_SCIM2')).toContain('entra:string-boolean');
    expect(seen('OKTA_SCIM2')).not.toContain('entra:string-boolean');
  });

  it("an Entra connection gets 400 invalidSyntax for OneLogin's legacy schema URN, and no user is created", async () => {
    const res = await sut.http
      .post('/scim/v2/Users')
      .set('Authorization', `Bearer ${secrets.ENTRA_SCIM2}`)
      .send({ schemas: ['urn:scim:schemas:core:2.0'], userName: 'legacy-entra@example.com' });

    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ scimType: 'invalidSyntax' });
    expect(res.body.detail).toContain('legacy-schema-urn');
    expect(res.body.detail).toContain('ENTRA_SCIM2');
    const found = await sut.http
      .get('/scim/v2/Users')
      .query({ filter: 'userName eq "legacy-entra@example.com"' })
      .set('Authorization', `Bearer ${sut.tenant.scimToken}`);
    expect(found.body.totalResults).toBe(0);
  });

  it('a group member as a bare id string is refused for Entra (400 invalidValue) but taken from a loose token', async () => {
    const member = await createUser('member-string@example.com');
    const group = await sut.http
      .post('/scim/v2/Groups')
      .set('Authorization', `Bearer ${sut.tenant.scimToken}`)
      .send({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'strings' });
    const body = { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [member.id] }] };

    const refused = await sut.http
      .patch(`/scim/v2/Groups/${group.body.id}`)
      .set('Authorization', `Bearer ${secrets.ENTRA_SCIM2}`)
      .send(body);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ scimType: 'invalidValue' });
    expect(refused.body.detail).toContain('lenient:member-as-string');

    const loose = await sut.http
      .patch(`/scim/v2/Groups/${group.body.id}`)
      .set('Authorization', `Bearer ${sut.tenant.scimToken}`)
      .send(body);
    expect(loose.status).toBeLessThan(300);
  });

  it('reads the profile in force on the connection and on the viewer', async () => {
    const { data } = await sut.gql<{
      connections: { name: string; profile: { kind: string; tolerates: string[] } }[];
    }>(`{ connections { name profile { kind tolerates } } }`);
    const profile = (kind: string) => data!.connections.find((c) => c.name === `app ${kind}`)!.profile;
    expect(profile('OKTA_SCIM2')).toEqual({ kind: 'OKTA_SCIM2', tolerates: [] });
    expect(profile('ENTRA_SCIM2').tolerates).toEqual(
      expect.arrayContaining(['entra:string-boolean', 'entra:remove-members-by-value']),
    );
    expect(profile('ENTRA_SCIM2').tolerates).not.toContain('legacy-schema-urn');
    expect(profile('GENERIC_SCIM2').tolerates).toEqual(
      expect.arrayContaining(['legacy-schema-urn', 'entra:string-boolean', 'lenient:member-as-string']),
    );
    const viewer = await sut.gql<{ viewer: { profile: { kind: string } } }>(
      `{ viewer { profile { kind tolerates } } }`,
      {},
      secrets.ENTRA_SCIM2,
    );
    expect(viewer.data!.viewer.profile.kind).toBe('ENTRA_SCIM2');
    const loose = await sut.gql<{ viewer: { profile: { kind: string } } }>(
      `{ viewer { profile { kind } } }`,
      {},
      sut.tenant.scimToken,
    );
    expect(loose.data!.viewer.profile.kind).toBe('GENERIC_SCIM2');
  });
});
