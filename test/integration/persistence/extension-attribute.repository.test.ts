import type { ExtensionAttributeRecord } from '../../../src/domain/extensions/extension-attribute';
import { uuidV7 } from '../../../src/domain/shared/uuid-v7';
import { organizationRecord } from '../../fixtures/persistence-records';
import type { TestStore } from '../../fixtures/test-store';
import { createTestStore } from '../../fixtures/test-store';

const SCHEMA = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';

describe('extension attribute repository', () => {
  let t: TestStore;
  const org = organizationRecord();
  const otherOrg = organizationRecord();

  beforeAll(async () => {
    t = await createTestStore();
    await t.store.repositories.organizations.insert(org);
    await t.store.repositories.organizations.insert(otherOrg);
  });

  afterAll(() => t?.close());

  const sut = () => t.store.repositories.extensionAttributes;
  const definition = (
    name: string,
    overrides: Partial<ExtensionAttributeRecord> = {},
  ): ExtensionAttributeRecord => ({
    id: uuidV7(),
    organizationId: org.id,
    schema: SCHEMA,
    name,
    type: 'string',
    multiValued: false,
    caseExact: false,
    required: false,
    canonicalValues: [],
    description: null,
    createdAt: new Date('2025-01-01T00:00:00.123Z'),
    ...overrides,
  });

  it('lists the definitions of one organization in the order they were made', async () => {
    const badge = definition('badge', { canonicalValues: ['gold', 'silver'], description: 'Badge colour' });
    const tags = definition('tags', { type: 'string', multiValued: true, caseExact: true, required: true });
    await sut().insert(badge);
    await sut().insert(tags);
    await sut().insert(definition('badge', { organizationId: otherOrg.id }));

    expect(await sut().list(org.id)).toEqual([badge, tags]);
  });

  it('rejects a name the schema already defines, in any case, with CONFLICT on name', async () => {
    await sut().insert(definition('costCode'));

    await expect(sut().insert(definition('COSTCODE'))).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'name' },
    });
    await expect(sut().insert(definition('costCode', { schema: `${SCHEMA}2` }))).resolves.toBeUndefined();
  });

  it('deletes a definition of its own organization only', async () => {
    await sut().insert(definition('temporary'));

    expect(await sut().delete(otherOrg.id, SCHEMA, 'temporary')).toBe(false);
    expect(await sut().delete(org.id, SCHEMA, 'temporary')).toBe(true);
    expect((await sut().list(org.id)).map((d) => d.name)).not.toContain('temporary');
  });
});
