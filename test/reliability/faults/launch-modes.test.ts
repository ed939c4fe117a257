import '../support/no-secrets-in-logs';
import { SAME_SIGNAL_WINDOW_MS } from '../../../src/serve';
import { createTestDatabase } from '../../fixtures/test-database';
import type { TestDatabase } from '../../fixtures/test-database';
import { brokenInvariants, countRows } from '../support/consistency';
import type { Launched, LaunchMode } from '../support/launch';
import {
  LAUNCH_MODES,
  bulkOf,
  launch,
  requireCommands,
  sendBulk,
  usersCommitted,
  usersNamed,
} from '../support/launch';
import { newTokens } from '../support/service-process';

const BULK_SIZE = 30;

/**
 * Shutdown is the same in every way an operator starts the service: the built entry point, no
 * NODE_ENV. A signal during a 30-operation SCIM Bulk lets the Bulk finish and answer, then the
 * process exits 0 — directly, through `npm start`, as PID 1 of a PID namespace, under tini and
 * dumb-init. A second signal during the drain exits at once and leaves nothing half-written.
 */
describe('shutdown in every launch mode', () => {
  const tokens = newTokens();
  let database: TestDatabase;
  let running: Launched | undefined;
  const env = () => ({
    DATABASE_URL: database.url,
    BOOTSTRAP_ADMIN_TOKEN: tokens.adminToken,
    BOOTSTRAP_SCIM_TOKEN: tokens.scimToken,
    RATE_LIMIT_PER_MINUTE: '0',
    SHUTDOWN_TIMEOUT_MS: '60000',
  });

  beforeAll(async () => {
    requireCommands('unshare', 'tini', 'dumb-init', 'npm');
    database = await createTestDatabase();
  });
  afterEach(async () => {
    if (running && running.child.exitCode === null) running.child.kill('SIGKILL');
    await running?.exited;
    running = undefined;
  });
  afterAll(() => database.drop());

  const cases: [LaunchMode, NodeJS.Signals][] = [
    ...LAUNCH_MODES.map((mode): [LaunchMode, NodeJS.Signals] => [mode, 'SIGTERM']),
    ['node', 'SIGINT'],
    ['npm start', 'SIGINT'],
  ];
  it.each(cases)(
    '%s: %s during a 30-operation Bulk answers the whole Bulk, then exits 0',
    async (mode, signal) => {
      const prefix = `${mode.replace(/\W/g, '')}${signal.toLowerCase()}`;
      running = await launch(mode, env());
      const bulk = sendBulk(running.baseUrl, tokens, bulkOf(prefix, BULK_SIZE));
      await usersCommitted(database.url, prefix, 1);
      running.signal(signal);

      const { answer, error } = await bulk;
      expect(error).toBeUndefined();
      expect(answer!.status).toBe(200);
      const statuses = (answer!.body as { Operations: { status: string }[] }).Operations.map((o) => o.status);
      expect(statuses).toEqual(Array(BULK_SIZE).fill('201'));
      expect(await running.exited).toBe(0);
      // The log was flushed: the last line is written after the pool is closed.
      expect(running.output()).toContain('shutting down');
      expect(running.output()).toContain('"msg":"stopped"');
      expect(await usersNamed(database.url, prefix)).toBe(BULK_SIZE);
      expect(await brokenInvariants(database.url)).toEqual([]);
    },
  );

  it('a second SIGTERM during the drain exits at once; every committed user is whole', async () => {
    const prefix = 'second';
    running = await launch('node', env());
    const bulk = sendBulk(running.baseUrl, tokens, bulkOf(prefix, BULK_SIZE));
    await usersCommitted(database.url, prefix, 1);
    running.signal('SIGTERM');
    // The drain is under way (more users committed after the first signal), then the second one.
    const before = await usersNamed(database.url, prefix);
    await usersCommitted(database.url, prefix, before + 2);
    // A repeat of the same signal within this window is one keypress delivered twice (Ctrl-C under
    // npm), not a second request to stop; the Bulk (30 scrypt hashes) is still running after it.
    await new Promise((resolve) => setTimeout(resolve, SAME_SIGNAL_WINDOW_MS + 100));
    expect(await usersNamed(database.url, prefix)).toBeLessThan(BULK_SIZE);
    running.signal('SIGTERM');

    expect(await running.exited).toBe(1);
    expect((await bulk).error).toBeDefined();
    const committed = await usersNamed(database.url, prefix);
    expect(committed).toBeLessThan(BULK_SIZE);
    // Nothing half-written: each committed user has its password, its email and its audit event.
    const whole = await countRows(
      database.url,
      `SELECT COUNT(*) FROM users u WHERE u.user_name LIKE '${prefix}-%' AND u.password_hash IS NOT NULL
         AND EXISTS (SELECT 1 FROM user_values e WHERE e.user_id = u.id AND e.attribute = 'emails')
         AND EXISTS (SELECT 1 FROM audit_events a WHERE a.target_id = u.id AND a.action = 'user.create')`,
    );
    expect(whole).toBe(committed);
    expect(await brokenInvariants(database.url)).toEqual([]);
  });

  it('the standalone SCIM facade drains its in-flight Bulk on SIGTERM and exits 0', async () => {
    const prefix = 'facade';
    const service = await launch('node', env());
    running = service;
    const facade = await launch(
      'node',
      { GRAPHQL_URL: `${service.baseUrl}/graphql`, RATE_LIMIT_PER_MINUTE: '0', SHUTDOWN_TIMEOUT_MS: '60000' },
      'dist/src/scim-main.js',
    );
    try {
      const bulk = sendBulk(facade.baseUrl, tokens, bulkOf(prefix, BULK_SIZE));
      await usersCommitted(database.url, prefix, 1);
      facade.signal('SIGTERM');
      const { answer } = await bulk;
      expect(answer?.status).toBe(200);
      const statuses = (answer!.body as { Operations: { status: string }[] }).Operations.map((o) => o.status);
      expect(statuses).toEqual(Array(BULK_SIZE).fill('201'));
      expect(await facade.exited).toBe(0);
      expect(facade.output()).toContain('"msg":"stopped"');
    } finally {
      if (facade.child.exitCode === null) facade.child.kill('SIGKILL');
    }
    service.signal('SIGTERM');
    expect(await service.exited).toBe(0);
  });
});
