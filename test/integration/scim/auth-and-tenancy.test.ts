import { operatorContext } from '../../../src/bootstrap';
import { hashSecret, visiblePrefix } from '../../../src/domain/tokens/token-secret';
import type { ScimClient } from '../../fixtures/scim-client';
import {
  BULK_REQUEST,
  expectScimError,
  GROUP_SCHEMA,
  ids,
  PATCH_OP,
  qs,
  scim,
  USER_SCHEMA,
} from '../../fixtures/scim-client';
import type { TestApp } from '../../fixtures/test-app';
import { newTokenSecret, startTestApp } from '../../fixtures/test-app';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('SCIM authentication and tenant isolation', () => {
  let sut: TestApp;
  let client: ScimClient;
  let otherClient: ScimClient;
  let theirUser: { id: string; userName: string; externalId: string };
  let theirGroup: { id: string; displayName: string };

  beforeAll(async () => {
    sut = await startTestApp();
    client = scim(sut, sut.tenant.scimToken);
    otherClient = scim(sut, sut.other.scimToken);
    theirUser = await otherClient.createUser({
      userName: 'their.user@other.example',
      externalId: 'other-ext-1',
      emails: [{ value: 'their.user@other.example', type: 'work' }],
    });
    theirGroup = await otherClient.createGroup({
      displayName: 'Their Group',
      members: [{ value: theirUser.id }],
    });
  });
  afterAll(() => sut.close());

  describe('credentials', () => {
    it('accepts the token as a Bearer token', async () => {
      expect((await client.get('/Users')).status).toBe(200);
    });

    it('accepts the token as the password of HTTP Basic, whatever the user name', async () => {
      for (const user of ['okta', '', 'anything at all']) {
        const res = await client.get('/Users', { authorization: basic(user, sut.tenant.scimToken) });
        expect(res.status).toBe(200);
      }
    });

    it.each([
      ['no Authorization header', undefined],
      ['an unknown token', `Bearer ${newTokenSecret()}`],
      ['a malformed header', 'Bearer'],
      ['an unknown scheme', `Token ${'x'.repeat(10)}`],
      ['Basic without a password', basic('okta', '')],
      ['a JWT when no JWT key is configured', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig'],
    ])('answers 401 with WWW-Authenticate for %s', async (_name, authorization) => {
      const res = await scim(sut, undefined).get('/Users', authorization ? { authorization } : {});
      expectScimError(res, 401);
      expect(res.headers['www-authenticate']).toMatch(/Bearer/);
    });

    it('answers 401 for a revoked token', async () => {
      const issued = await sut.app.services.tokens.create(operatorContext(sut.tenant.organizationId), {
        name: 'to revoke',
        scopes: ['scim'],
      });
      expect((await scim(sut, issued.secret).get('/Users')).status).toBe(200);
      await sut.app.services.tokens.revoke(operatorContext(sut.tenant.organizationId), issued.token.id);
      const res = await scim(sut, issued.secret).get('/Users');
      expectScimError(res, 401);
      expect(res.headers['www-authenticate']).toBeDefined();
    });

    it('answers 401 for an expired token', async () => {
      const secret = newTokenSecret();
      const past = new Date(Date.now() - 60_000);
      await sut.app.store.repositories.tokens.insert({
        id: '01890000-0000-7000-8000-000000000001',
        organizationId: sut.tenant.organizationId,
        name: 'expired',
        userId: null,
        connectionId: null,
        prefix: visiblePrefix(secret),
        scopes: ['scim'],
        secretHash: hashSecret(secret),
        expiresAt: past,
        lastUsedAt: null,
        revokedAt: null,
        createdBy: 'cli',
        createdAt: new Date(past.getTime() - 60_000),
      });
      const res = await scim(sut, secret).get('/Users');
      expectScimError(res, 401);
      expect(res.headers['www-authenticate']).toBeDefined();
    });

    it('answers 403 to a valid token without the scim scope, on reads and writes', async () => {
      const reader = scim(sut, sut.tenant.readToken);
      expectScimError(await reader.get('/Users'), 403);
      expectScimError(await reader.post('/Users', { schemas: [USER_SCHEMA], userName: 'nope' }), 403);
      expectScimError(await reader.get('/ServiceProviderConfig'), 403);
    });
  });

  describe('the token decides the organization', () => {
    it('a user of another organization is 404 on GET, PUT, PATCH and DELETE', async () => {
      const path = `/Users/${theirUser.id}`;
      expectScimError(await client.get(path), 404);
      expectScimError(await client.put(path, { schemas: [USER_SCHEMA], userName: 'hijack' }), 404);
      expectScimError(
        await client.patchOps(path, [{ op: 'replace', path: 'displayName', value: 'hijacked' }]),
        404,
      );
      expectScimError(await client.delete(path), 404);
      const still = await otherClient.get(path);
      expect(still.status).toBe(200);
      expect(still.body).toMatchObject({ userName: theirUser.userName });
      expect(still.body.displayName).toBeUndefined();
    });

    it('a group of another organization is 404 on GET, PUT, PATCH and DELETE', async () => {
      const path = `/Groups/${theirGroup.id}`;
      expectScimError(await client.get(path), 404);
      expectScimError(await client.put(path, { schemas: [GROUP_SCHEMA], displayName: 'hijack' }), 404);
      expectScimError(
        await client.patchOps(path, [{ op: 'replace', path: 'displayName', value: 'hijacked' }]),
        404,
      );
      expectScimError(await client.delete(path), 404);
      const still = await otherClient.get(path);
      expect(still.body).toMatchObject({ displayName: 'Their Group', members: [{ value: theirUser.id }] });
    });

    it.each([
      `userName eq "${'their.user@other.example'}"`,
      'externalId eq "other-ext-1"',
      'emails.value co "other.example"',
      'emails[type eq "work"]',
      'userName pr',
      'not (userName eq "nobody")',
      'meta.created gt "2000-01-01T00:00:00Z"',
    ])('no user filter lists or counts another organization’s users: %s', async (filter) => {
      const res = await client.get('/Users', { query: { filter } });
      expect(res.status).toBe(200);
      expect(ids(res.body)).not.toContain(theirUser.id);
      expect(res.body.totalResults).toBe(res.body.Resources.length);
    });

    it('filtering by another organization’s ids finds nothing', async () => {
      const users = await client.get(`/Users?filter=${qs(`id eq "${theirUser.id}"`)}`);
      expect(users.body).toMatchObject({ totalResults: 0, Resources: [] });
      const groups = await client.get(`/Groups?filter=${qs(`id eq "${theirGroup.id}"`)}`);
      expect(groups.body).toMatchObject({ totalResults: 0, Resources: [] });
      const byMember = await client.get(`/Groups?filter=${qs(`members.value eq "${theirUser.id}"`)}`);
      expect(byMember.body).toMatchObject({ totalResults: 0, Resources: [] });
      const byName = await client.get(`/Groups?filter=${qs('displayName eq "Their Group"')}`);
      expect(byName.body).toMatchObject({ totalResults: 0, Resources: [] });
    });

    it('POST /.search does not see the other organization either', async () => {
      const res = await client.post('/Users/.search', {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:SearchRequest'],
        filter: 'userName sw "their"',
      });
      expect(res.body).toMatchObject({ totalResults: 0, Resources: [] });
    });

    it('an organization’s own users are counted once and only its own', async () => {
      const mine = await client.createUser({ userName: 'mine@default.example' });
      const res = await client.get('/Users', { query: { filter: 'userName pr', count: 0 } });
      expect(res.body.totalResults).toBeGreaterThanOrEqual(1);
      const theirs = await otherClient.get('/Users', { query: { filter: `id eq "${mine.id}"` } });
      expect(theirs.body.totalResults).toBe(0);
    });

    it('another organization’s user or group cannot become a member (400 invalidValue on create, PUT and PATCH)', async () => {
      const create = await client.post('/Groups', {
        schemas: [GROUP_SCHEMA],
        displayName: 'Poached',
        members: [{ value: theirUser.id }],
      });
      expectScimError(create, 400, 'invalidValue');
      const poached = await client.get(`/Groups?filter=${qs('displayName eq "Poached"')}`);
      expect(poached.body.totalResults).toBe(0);

      const group = await client.createGroup({ displayName: 'Mine only' });
      const patch = await client.patchOps(`/Groups/${group.id}`, [
        { op: 'add', path: 'members', value: [{ value: theirUser.id }] },
      ]);
      expectScimError(patch, 400, 'invalidValue');
      const put = await client.put(`/Groups/${group.id}`, {
        schemas: [GROUP_SCHEMA],
        displayName: 'Mine only',
        members: [{ value: theirGroup.id }],
      });
      expectScimError(put, 400, 'invalidValue');
      const read = await client.get(`/Groups/${group.id}`);
      expect(read.body.members).toBeUndefined();
      expect(read.body.meta.version).toBe(group.meta.version);
    });

    it('a Bulk request cannot reach another organization’s resources', async () => {
      const res = await client.post('/Bulk', {
        schemas: [BULK_REQUEST],
        Operations: [
          { method: 'DELETE', path: `/Users/${theirUser.id}` },
          {
            method: 'PATCH',
            path: `/Groups/${theirGroup.id}`,
            data: { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'members' }] },
          },
        ],
      });
      expect(res.status).toBe(200);
      expect(res.body.Operations.map((o: { status: string }) => o.status)).toEqual(['404', '404']);
      expect((await otherClient.get(`/Users/${theirUser.id}`)).status).toBe(200);
      const group = await otherClient.get(`/Groups/${theirGroup.id}`);
      expect(group.body.members).toEqual([expect.objectContaining({ value: theirUser.id })]);
    });
  });
});
