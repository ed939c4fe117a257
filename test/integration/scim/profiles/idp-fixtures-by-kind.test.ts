import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadSequence, replay } from '../../../fixtures/idp/replay';
import * as v1 from '../../../fixtures/okta-scim11/replay';
import type { TestApp } from '../../../fixtures/test-app';
import { startTestApp } from '../../../fixtures/test-app';
import { createTestConnection } from '../../../fixtures/connections';
import { operatorContext } from '../../../../src/bootstrap';

const PROFILE = `query($id: ID!) { connection(id: $id) { kind profile { kind tolerates } quirksSeen { name count } } }`;

interface ProfileRead {
  connection: {
    kind: string;
    profile: { kind: string; tolerates: string[] };
    quirksSeen: { name: string; count: number }[];
  };
}

const filesOf = (dir: string) =>
  readdirSync(join(__dirname, '../../../fixtures', dir)).filter((f) => f.endsWith('.json'));

// import-users.json needs an organization seeded with exactly its user count (okta.test.ts does
// that); it only reads, so it needs no quirk and proves nothing about a profile.
const SETS = [
  {
    vendor: 'entra',
    kind: 'ENTRA_SCIM2',
    files: filesOf('idp/entra'),
    needs: [
      'entra:string-boolean',
      'entra:add-on-unmatched-filter',
      'entra:remove-members-by-value',
      'entra:string-as-complex-value',
      'entra:array-for-single-valued',
    ],
  },
  {
    vendor: 'okta',
    kind: 'OKTA_SCIM2',
    files: filesOf('idp/okta').filter((f) => f !== 'import-users.json'),
    needs: [],
  },
  {
    vendor: 'onelogin',
    kind: 'ONELOGIN_SCIM2',
    files: filesOf('idp/onelogin'),
    needs: ['entra:remove-members-by-value'],
  },
] as const;

/**
 * Every recorded IdP sequence passes through a connection of its IdP's kind: the profile of that
 * kind tolerates every quirk the IdP sends, and the quirks seen are exactly ones the profile lists.
 */
describe('recorded IdP sequences through a connection of their kind', () => {
  let sut: TestApp;

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(() => sut.close());

  /** A connection in an organization of its own: some sequences expect to find only their own users. */
  const connect = async (kind: string) => {
    const organization = await sut.app.services.organizations.create(
      kind.toLowerCase().replace(/_/g, '-'),
      kind,
    );
    const admin = await sut.app.services.tokens.create(operatorContext(organization.id), {
      name: 'admin',
      scopes: ['identity:admin'],
    });
    const connection = await createTestConnection(sut, kind, { adminToken: admin.secret });
    return { ...connection, admin: admin.secret };
  };
  const profileOf = async ({ id, admin }: { id: string; admin: string }) =>
    (await sut.gql<ProfileRead>(PROFILE, { id }, admin)).data!.connection;

  it.each(SETS)(
    '$vendor sequences pass through a $kind connection',
    async ({ vendor, kind, files, needs }) => {
      const connection = await connect(kind);
      for (const file of files) {
        await replay({ http: sut.http, scimToken: connection.secret }, loadSequence(vendor, file));
      }
      const read = await profileOf(connection);
      expect(read.profile.kind).toBe(kind);
      const quirks = read.quirksSeen.map((q) => q.name).filter((name) => !/^(ignored-|scim:)/.test(name));
      expect(quirks).toEqual(expect.arrayContaining([...needs]));
      expect(read.profile.tolerates).toEqual(expect.arrayContaining(quirks));
    },
  );

  it('Okta SCIM 1.1 sequences pass through an OKTA_SCIM11 connection', async () => {
    const connection = await connect('OKTA_SCIM11');
    for (const file of filesOf('okta-scim11').filter((f) => f !== 'import.json')) {
      await v1.replay({ http: sut.http, scimToken: connection.secret }, v1.loadSequence(file));
    }
    const read = await profileOf(connection);
    expect(read.profile.kind).toBe('OKTA_SCIM11');
    const quirks = read.quirksSeen.map((q) => q.name).filter((name) => !/^(ignored-|scim:)/.test(name));
    expect(read.profile.tolerates).toEqual([]);
    expect(quirks).toEqual([]);
  });
});
