import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';
import { createStore } from '../../../src/persistence/typeorm-store';
import { createTestDatabase, isMysqlTest } from '../../fixtures/test-database';
import type { TestDatabase } from '../../fixtures/test-database';
import { exitCode, freePort, runTs, spawnTs, waitForOutput } from '../../fixtures/spawn-node';

jest.setTimeout(120_000);

const BANNER_END = /SCIM Base URL:.*\n(?:.*\n)*\n/;
const ADMIN = /Admin token \(identity:admin\): (idt_\S+)/;

async function viewer(port: number, token: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ viewer { organization { slug } } }' }),
  });
  return res.status;
}

/** Starts the service on a free port, waits for the tokens, proves they work, stops it. */
async function startPrintsWorkingTokens(databaseUrl: string): Promise<void> {
  const port = await freePort();
  const child = spawnTs('src/main.ts', [], {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
  });
  const output = await waitForOutput(child, BANNER_END, 60_000);
  const admin = ADMIN.exec(output)?.[1];
  expect(admin).toBeDefined();
  expect(await viewer(port, admin!)).toBe(200);
  child.kill('SIGTERM');
  expect(await exitCode(child)).toBe(0);
}

const organizations = async (store: Awaited<ReturnType<typeof createStore>>) =>
  store.repositories.organizations.count();

describe('first start that fails or is killed', () => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase();
  });
  afterEach(() => database.drop());

  it('a busy port fails naming the port and creates nothing; the next start on a free port prints the tokens', async () => {
    const port = await freePort();
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(port, '127.0.0.1', resolve));
    try {
      const busy = await runTs('src/main.ts', [], {
        DATABASE_URL: database.url,
        PORT: String(port),
        HOST: '127.0.0.1',
      });
      expect(busy.code).toBe(1);
      expect(busy.stderr).toContain(`127.0.0.1:${port} is already in use`);
      expect(busy.stderr).toContain('set PORT');
      expect(`${busy.stdout}${busy.stderr}`).not.toMatch(/idt_/);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
    const store = await createStore({ databaseUrl: database.url });
    expect(await organizations(store)).toBe(0);
    await store.close();

    await startPrintsWorkingTokens(database.url);
  });

  it('SIGKILL while the bootstrap is writing leaves nothing half-made; the restart prints working tokens', async () => {
    const store = await createStore({ databaseUrl: database.url }); // migrated, still empty
    await store.close();
    // Hold the bootstrap mid-way: on MariaDB after it inserted the organization (api_tokens is
    // locked), on SQLite before its transaction can write (the file is locked).
    const release = await holdBootstrap(database.url);
    const port = await freePort();
    const child = spawnTs('src/main.ts', [], {
      DATABASE_URL: database.url,
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await eventually(() => bootstrapBlocked(child.pid!, port));
      expect(output).not.toMatch(/idt_/); // bootstrap blocked: nothing printed yet
      child.kill('SIGKILL');
      expect(await exitCode(child)).toBeNull();
    } finally {
      await release();
    }
    const after = await createStore({ databaseUrl: database.url });
    expect(await organizations(after)).toBe(0);
    await after.close();

    await startPrintsWorkingTokens(database.url);
  });
});

/**
 * The service is inside the bootstrap, waiting for the lock: on MariaDB it answers /healthz (it
 * listens first); SQLite blocks the whole process in its busy handler, seen as the main thread
 * sleeping in the kernel's nanosleep rather than in node's event loop.
 */
async function bootstrapBlocked(pid: number, port: number): Promise<void> {
  if (isMysqlTest()) {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    return;
  }
  expect(readFileSync(`/proc/${pid}/wchan`, 'utf8')).toBe('hrtimer_nanosleep');
}

async function holdBootstrap(databaseUrl: string): Promise<() => Promise<void>> {
  if (!isMysqlTest()) {
    const db = new Database(databaseUrl.slice('sqlite:'.length));
    db.exec('BEGIN IMMEDIATE');
    return async () => {
      db.exec('ROLLBACK');
      db.close();
    };
  }
  const url = new URL(databaseUrl);
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database: url.pathname.slice(1),
  });
  await connection.query('LOCK TABLES api_tokens WRITE');
  return async () => {
    await connection.query('UNLOCK TABLES');
    await connection.end();
  };
}

describe('start-up errors name the cause and the fix', () => {
  it('connection refused names host:port', async () => {
    const port = await freePort();
    const result = await runTs('src/main.ts', [], {
      DATABASE_URL: `mysql://identity:secret-pw@127.0.0.1:${port}/identity`,
      PORT: String(await freePort()),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`database at 127.0.0.1:${port}: connection refused`);
    expect(result.stderr).not.toContain('secret-pw');
  });

  it('a server that accepts but never answers is reported as a timeout at host:port', async () => {
    const blackHole: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const { port } = blackHole.address() as { port: number };
    try {
      const result = await runTs('src/main.ts', [], {
        DATABASE_URL: `mysql://identity@127.0.0.1:${port}/identity`,
        PORT: String(await freePort()),
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `No answer from the database at 127.0.0.1:${port} (connection timed out)`,
      );
    } finally {
      blackHole.close();
    }
  });

  it('an SQLite path that cannot be written names the path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'identity-unwritable-'));
    writeFileSync(join(dir, 'a-file'), '');
    const path = join(dir, 'a-file', 'identity.sqlite'); // its "directory" is a file
    try {
      const result = await runTs('src/main.ts', [], {
        DATABASE_URL: `sqlite:${path}`,
        PORT: String(await freePort()),
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Cannot open the SQLite database ${path} for writing`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('every configuration error, TRUST_PROXY included, is reported in one list', async () => {
    const result = await runTs('src/main.ts', [], { TRUST_PROXY: 'yes', PORT: 'eighty' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Invalid configuration:\n {2}- PORT .*\n {2}- TRUST_PROXY .*"yes"/);
  });
});

async function eventually(check: () => Promise<void>, attempts = 300): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await check();
    } catch (error) {
      if (i >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
