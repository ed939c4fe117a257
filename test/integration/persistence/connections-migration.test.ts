import type { DataSourceOptions } from 'typeorm';
import { DataSource } from 'typeorm';
import { InitialSchema1764200000000 } from '../../../migrations/1764200000000-initial-schema';
import { dataSourceOptions } from '../../../ormconfig';
import { createStore } from '../../../src/persistence/typeorm-store';
import { hashSecret } from '../../../src/domain/tokens/token-secret';
import type { TestDatabase } from '../../fixtures/test-database';
import { createTestDatabase } from '../../fixtures/test-database';
import { createLogger } from '../../../src/http/logger';

/** Tokens as the service stored them before connections existed. */
const TOKENS = [
  { id: '01890000-0000-7000-8000-00000000000a', name: 'okta', scopes: '["scim"]', revoked: false },
  {
    id: '01890000-0000-7000-8000-00000000000b',
    name: 'mixed',
    scopes: '["scim","identity:read"]',
    revoked: false,
  },
  { id: '01890000-0000-7000-8000-00000000000c', name: 'old okta', scopes: '["scim"]', revoked: true },
  { id: '01890000-0000-7000-8000-00000000000d', name: 'admin', scopes: '["identity:admin"]', revoked: false },
];
const ORG = '01890000-0000-7000-8000-0000000000f0';

describe('the connections migration', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
    const initialOnly = new DataSource({
      ...dataSourceOptions(db.url),
      migrations: [InitialSchema1764200000000],
    } as DataSourceOptions);
    await initialOnly.initialize();
    await initialOnly.query(
      `INSERT INTO organizations (id, slug, name, created_at) VALUES (?, 'legacy', 'Legacy', '2025-01-02 03:04:05.000')`,
      [ORG],
    );
    for (const t of TOKENS) {
      await initialOnly.query(
        `INSERT INTO api_tokens (id, organization_id, name, prefix, secret_hash, scopes, expires_at, last_used_at, revoked_at, created_by, created_at)
         VALUES (?, ?, ?, 'idt_legacy00', ?, ?, NULL, NULL, ?, 'cli', '2025-01-02 03:04:05.000')`,
        [
          t.id,
          ORG,
          t.name,
          hashSecret(`secret-${t.id}`),
          t.scopes,
          t.revoked ? '2025-02-01 00:00:00.000' : null,
        ],
      );
    }
    await initialOnly.destroy();
  });
  afterAll(() => db.drop());

  it('wraps each live scim-only token in a GENERIC_SCIM2 connection of its name; its secret keeps working', async () => {
    const store = await createStore({ databaseUrl: db.url, logger: createLogger('silent') });
    try {
      const connections = await store.repositories.connections.list(ORG);
      expect(connections).toEqual([
        expect.objectContaining({
          name: 'okta',
          kind: 'GENERIC_SCIM2',
          status: 'ACTIVE',
          tokenLifetimeDays: null,
          createdBy: 'cli',
          createdAt: new Date('2025-01-02T03:04:05.000Z'),
        }),
      ]);
      const tokens = await store.repositories.tokens.list(ORG);
      expect(Object.fromEntries(tokens.map((t) => [t.name, t.connectionId]))).toEqual({
        okta: connections[0].id,
        mixed: null,
        'old okta': null,
        admin: null,
      });
      const found = await store.repositories.tokens.findByHash(hashSecret(`secret-${TOKENS[0].id}`));
      expect(found).toMatchObject({
        id: TOKENS[0].id,
        connectionId: connections[0].id,
        connectionStatus: 'ACTIVE',
      });
    } finally {
      await store.close();
    }
  });
});
