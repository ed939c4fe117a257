import { uuidV7 } from '../../../src/domain/shared/uuid-v7';
import { apiTokenRow, auditEvent, organizationRecord } from '../../fixtures/persistence-records';
import type { TestStore } from '../../fixtures/test-store';
import { createTestStore } from '../../fixtures/test-store';

describe('organizations, API tokens and audit events', () => {
  let t: TestStore;
  const org = organizationRecord({ slug: 'acme' });
  const otherOrg = organizationRecord({ slug: 'globex' });

  beforeAll(async () => {
    t = await createTestStore();
    await t.store.repositories.organizations.insert(org);
    await t.store.repositories.organizations.insert(otherOrg);
  });

  afterAll(() => t?.close());

  const repos = () => t.store.repositories;

  describe('organizations', () => {
    it('are found by id and slug, listed and counted', async () => {
      expect(await repos().organizations.findBySlug('acme')).toEqual(org);
      expect(await repos().organizations.findById(otherOrg.id)).toEqual(otherOrg);
      expect(await repos().organizations.findBySlug('ACME')).toBeNull();
      expect((await repos().organizations.list()).map((o) => o.slug)).toEqual(['acme', 'globex']);
      expect(await repos().organizations.count()).toBe(2);
    });

    it('reject a taken slug with CONFLICT on slug', async () => {
      await expect(repos().organizations.insert(organizationRecord({ slug: 'acme' }))).rejects.toMatchObject({
        code: 'CONFLICT',
        details: { field: 'slug' },
      });
    });
  });

  describe('API tokens', () => {
    it('are found by secret hash across organizations, and by id only in their own', async () => {
      const token = apiTokenRow(org.id, {
        scopes: ['identity:read', 'scim'],
        expiresAt: new Date('2030-01-01T00:00:00.000Z'),
      });
      await repos().tokens.insert(token);

      expect(await repos().tokens.findByHash(token.secretHash)).toEqual({
        ...token,
        connectionStatus: null,
        connectionKind: null,
      });
      const { secretHash: _hash, ...record } = token;
      expect(await repos().tokens.findById(org.id, token.id)).toEqual(record);
      expect(await repos().tokens.findById(otherOrg.id, token.id)).toBeNull();
      expect((await repos().tokens.list(org.id)).map((r) => r.id)).toContain(token.id);
      expect(await repos().tokens.list(otherOrg.id)).toEqual([]);
    });

    it('replace the secret so the old hash stops matching', async () => {
      const token = apiTokenRow(org.id);
      await repos().tokens.insert(token);
      const newHash = 'f'.repeat(64);

      expect(await repos().tokens.replaceSecret(org.id, token.id, newHash, 'idt_New12345')).toBe(true);

      expect(await repos().tokens.findByHash(token.secretHash)).toBeNull();
      expect(await repos().tokens.findByHash(newHash)).toMatchObject({
        id: token.id,
        prefix: 'idt_New12345',
      });
      expect(await repos().tokens.replaceSecret(otherOrg.id, token.id, 'e'.repeat(64), 'x')).toBe(false);
    });

    it('are revoked once', async () => {
      const token = apiTokenRow(org.id);
      await repos().tokens.insert(token);
      const at = new Date('2025-01-01T00:00:00.000Z');

      expect(await repos().tokens.revoke(org.id, token.id, at)).toBe(true);
      expect(await repos().tokens.revoke(org.id, token.id, new Date())).toBe(false);
      expect(await repos().tokens.findById(org.id, token.id)).toMatchObject({ revokedAt: at });
    });

    it('record last use at most once per interval', async () => {
      const token = apiTokenRow(org.id);
      await repos().tokens.insert(token);
      const t0 = new Date('2025-01-01T00:00:00.000Z');
      const later = (ms: number) => new Date(t0.getTime() + ms);
      const lastUsed = async () => (await repos().tokens.findById(org.id, token.id))?.lastUsedAt;

      await repos().tokens.touch(token.id, t0, later(-60_000));
      expect(await lastUsed()).toEqual(t0);

      await repos().tokens.touch(token.id, later(30_000), later(-30_000));
      expect(await lastUsed()).toEqual(t0);

      await repos().tokens.touch(token.id, later(90_000), later(30_000));
      expect(await lastUsed()).toEqual(later(90_000));
    });

    it('reject a duplicate secret hash with CONFLICT', async () => {
      const token = apiTokenRow(org.id);
      await repos().tokens.insert(token);

      await expect(
        repos().tokens.insert(apiTokenRow(org.id, { secretHash: token.secretHash })),
      ).rejects.toMatchObject({
        code: 'CONFLICT',
        details: { field: 'secret' },
      });
    });
  });

  describe('audit events', () => {
    const base = Date.parse('2025-03-01T00:00:00.000Z');
    const target = uuidV7();
    const events = Array.from({ length: 7 }, (_, i) =>
      auditEvent(org.id, {
        occurredAt: new Date(base + Math.floor(i / 2) * 1000),
        action: i % 2 === 0 ? 'user.create' : 'user.update',
        targetId: i < 3 ? target : uuidV7(),
        notes: i === 0 ? ['entra:string-boolean'] : [],
        changes: { fields: ['title'], index: i },
      }),
    );

    beforeAll(async () => {
      await t.store.transaction(async (tx) => {
        for (const event of events) await tx.audit.insert(event);
        await tx.audit.insert(auditEvent(otherOrg.id, { occurredAt: new Date(base) }));
      });
    });

    const newestFirst = [...events].sort(
      (a, b) => b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : -1),
    );

    it('are listed newest first with keyset continuation', async () => {
      const first = await repos().audit.findPage(org.id, { since: new Date(base) }, { first: 3 });
      const rest = await repos().audit.findPage(
        org.id,
        { since: new Date(base) },
        { first: 10, after: first.items[2].cursor },
      );

      expect([...first.items, ...rest.items].map((i) => i.node)).toEqual(newestFirst);
      expect([first.hasNextPage, rest.hasNextPage, rest.hasPreviousPage]).toEqual([true, false, true]);
    });

    it('are filtered by action, target and time window (since inclusive, until exclusive)', async () => {
      const find = async (filter: object) =>
        (await repos().audit.findPage(org.id, { since: new Date(base), ...filter }, { first: 20 })).items.map(
          (i) => i.node.id,
        );

      expect(await find({ targetId: target })).toEqual(
        newestFirst.filter((e) => e.targetId === target).map((e) => e.id),
      );
      expect(await find({ action: 'user.update' })).toEqual(
        newestFirst.filter((e) => e.action === 'user.update').map((e) => e.id),
      );
      expect(await find({ since: new Date(base + 1000), until: new Date(base + 3000) })).toEqual(
        newestFirst
          .filter((e) => e.occurredAt.getTime() >= base + 1000 && e.occurredAt.getTime() < base + 3000)
          .map((e) => e.id),
      );
      expect(await find({ channel: 'scim' })).toEqual([]);
    });
  });
});
