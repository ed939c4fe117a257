import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { exitCode, freePort, runTs, spawnTs, waitForOutput } from '../fixtures/spawn-node';

jest.setTimeout(120_000);

/** The MariaDB/MySQL server of TEST_DATABASE_URL, with another database name, user or password. */
function serverUrl(change: { database?: string; user?: string; password?: string }): string {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  if (change.database !== undefined) url.pathname = `/${change.database}`;
  if (change.user !== undefined) url.username = change.user;
  if (change.password !== undefined) url.password = change.password;
  return url.toString();
}

async function admin(sql: string): Promise<void> {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

const missingName = () => `identity_missing_${randomBytes(4).toString('hex')}`;

/** Start-up against a real server: each failure names its cause and what to do about it. */
describe('start-up against MariaDB', () => {
  it('a missing database is named, with the CREATE DATABASE to run', async () => {
    const name = missingName();
    const result = await runTs('src/main.ts', [], {
      DATABASE_URL: serverUrl({ database: name }),
      PORT: String(await freePort()),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`Unknown database \`${name}\``);
    expect(result.stderr).toContain(`CREATE DATABASE \`${name}\``);
  });

  it('a wrong password says access denied for the user, and never prints the password', async () => {
    const result = await runTs('src/main.ts', [], {
      DATABASE_URL: serverUrl({ user: 'root', password: 'not-the-password-42' }),
      PORT: String(await freePort()),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Access denied for user 'root'");
    expect(result.stderr).not.toContain('not-the-password-42');
  });

  it('DB_CONNECT_RETRY_SECONDS: a database created after the start is retried, then served', async () => {
    const name = missingName();
    const port = await freePort();
    const child = spawnTs('src/main.ts', [], {
      DATABASE_URL: serverUrl({ database: name }),
      PORT: String(port),
      HOST: '127.0.0.1',
      DB_CONNECT_RETRY_SECONDS: '60',
      LOG_LEVEL: 'warn',
    });
    try {
      await waitForOutput(child, /Unknown database.*database not reachable yet; retrying/, 60_000);
      await admin(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
      const output = await waitForOutput(child, /SCIM token \(scim\): +idt_\S+\n/, 60_000);
      expect(output).toMatch(/Admin token \(identity:admin\): idt_/);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exitCode(child)).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await admin(`DROP DATABASE IF EXISTS \`${name}\``);
    }
  });

  it('DB_CONNECT_RETRY_SECONDS: a database that never appears fails with the cause once the time is up', async () => {
    const name = missingName();
    const result = await runTs('src/main.ts', [], {
      DATABASE_URL: serverUrl({ database: name }),
      PORT: String(await freePort()),
      DB_CONNECT_RETRY_SECONDS: '2',
      LOG_LEVEL: 'warn',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/database not reachable yet; retrying/);
    expect(result.stderr).toContain(`Failed to start: Unknown database \`${name}\``);
  });
});
